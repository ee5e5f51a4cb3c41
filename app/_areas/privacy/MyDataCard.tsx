import { getTranslations } from 'next-intl/server';
import type { MyData } from '@/server/privacy/my-data';

/** The volunteer's own data at a glance, with the full download (JSON or Excel) beside it. */
export async function MyDataCard({ data }: { data: MyData }) {
  const t = await getTranslations('privacy');
  const v = data.volunteer;
  const none = t('mine.none');
  const consent = [
    data.consent.positions === null
      ? t('consent.positionUnanswered')
      : data.consent.positions
        ? t('consent.positionOn')
        : t('consent.positionOff'),
    data.consent.texts ? t('consent.texts') : null,
  ].filter(Boolean);
  const rows: [string, string][] = [
    [t('mine.name'), v.name],
    [t('mine.phone'), v.phone],
    [t('mine.nik'), v.nik ?? none],
    [t('mine.home'), [v.village, v.district, v.regency].filter(Boolean).join(', ')],
    [t('mine.emergency'), [v.emergencyContactName, v.emergencyContactPhone].filter(Boolean).join(' · ') || none],
    [t('mine.deployments'), String(data.assignments.length)],
    [t('mine.texts'), String(data.texts.length + data.textsReceived.length)],
    [
      t('mine.accessed'),
      data.accessedBy.length === 0
        ? t('mine.accessedNever')
        : t('mine.accessedCount', { count: data.accessedBy.length }),
    ],
    [t('mine.consent'), consent.join(' ')],
  ];
  return (
    <section className="card" aria-labelledby="my-data-title" data-testid="my-data">
      <h2 id="my-data-title">{t('mine.title')}</h2>
      <p className="hint">{t('mine.intro')}</p>
      <dl className="privacy-mine">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="privacy-downloads" role="group" aria-label={t('mine.download')}>
        <a href="/api/me/data?format=json" download data-testid="my-data-json">
          {t('mine.json')}
        </a>
        <a href="/api/me/data?format=xlsx" download data-testid="my-data-xlsx">
          {t('mine.xlsx')}
        </a>
      </p>
    </section>
  );
}
