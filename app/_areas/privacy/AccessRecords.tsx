import { getLocale, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import type { TimeZone } from '@/lib/domain';
import type { AccessRecordEntry } from '@/server/privacy/access';
import { formatWhenIn } from '@/app/_areas/registry/use-when';
import type { Locale } from '@/app/_i18n/config';

/** The filter a list was read with, as a short line ("search: 0812…, pillarCode: tagana"). */
const describeFilter = (filter: Record<string, unknown>) =>
  Object.entries(filter)
    .filter(([, value]) => value !== null && value !== '' && value !== false)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(', ');

/** On the audit page: who opened which volunteer's record, or read a list with phone numbers, and when. */
export async function AccessRecords({ entries, timeZone }: { entries: AccessRecordEntry[]; timeZone: TimeZone }) {
  const t = await getTranslations('privacy.access');
  const locale = (await getLocale()) as Locale;
  return (
    <section className="card" aria-labelledby="access-records-title" data-testid="access-records">
      <h2 id="access-records-title">{t('title')}</h2>
      <p className="hint">{t('intro')}</p>
      {entries.length === 0 ? (
        <p className="hint">{t('empty')}</p>
      ) : (
        <table className="data-table card-table">
          <thead>
            <tr>
              <th scope="col">{t('columns.when')}</th>
              <th scope="col">{t('columns.who')}</th>
              <th scope="col">{t('columns.what')}</th>
              <th scope="col">{t('columns.about')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const filter = describeFilter(entry.filter);
              return (
                <tr key={entry.id} data-testid="access-record">
                  <td data-label={t('columns.when')}>{formatWhenIn(locale, entry.at, timeZone)}</td>
                  <td data-label={t('columns.who')}>{entry.actor.name ?? t('unknown')}</td>
                  <td data-label={t('columns.what')}>{t(`kinds.${entry.kind}`, { rows: entry.rows ?? 0 })}</td>
                  <td data-label={t('columns.about')}>
                    {entry.volunteer ? (
                      <Link href={`/posko/relawan/${entry.volunteer.id}`}>{entry.volunteer.name}</Link>
                    ) : filter ? (
                      t('filter', { filter })
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
