import { getTranslations } from 'next-intl/server';
import './privacy.css';

/** The rows of the notice, in the order a volunteer thinks of them. */
const FIELDS = [
  'name',
  'phone',
  'nik',
  'home',
  'profile',
  'emergency',
  'position',
  'deployments',
  'account',
  'texts',
  'access',
] as const;

/** Which data, for what, who sees it, how long, whom to ask: the same for everyone, signed in or not. */
export async function PrivacyNotice({ retentionDays, hotline }: { retentionDays: number; hotline: string | null }) {
  const t = await getTranslations('privacy');
  return (
    <>
      <section className="card" aria-labelledby="privacy-intro">
        <h2 id="privacy-intro">{t('title')}</h2>
        <p>{t('intro')}</p>
      </section>
      <section className="card" aria-labelledby="privacy-table">
        <h2 id="privacy-table">{t('tableTitle')}</h2>
        <table className="data-table card-table privacy-table" data-testid="privacy-fields">
          <thead>
            <tr>
              <th scope="col">{t('columns.field')}</th>
              <th scope="col">{t('columns.purpose')}</th>
              <th scope="col">{t('columns.who')}</th>
              <th scope="col">{t('columns.kept')}</th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((field) => (
              <tr key={field}>
                <th scope="row">{t(`fields.${field}.field`)}</th>
                <td data-label={t('columns.purpose')}>{t(`fields.${field}.purpose`)}</td>
                <td data-label={t('columns.who')}>{t(`fields.${field}.who`)}</td>
                <td data-label={t('columns.kept')}>
                  {field === 'position'
                    ? t('fields.position.kept', { days: retentionDays })
                    : t(`fields.${field}.kept`)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="privacy-ask">
        <h2 id="privacy-ask">{t('askTitle')}</h2>
        <p>{t('ask')}</p>
        {hotline ? (
          <p>
            {t('askPhone', { phone: '' })}
            <a href={`tel:${hotline}`}>{hotline}</a>
          </p>
        ) : null}
        <p className="hint">{t('erasureNote')}</p>
      </section>
    </>
  );
}
