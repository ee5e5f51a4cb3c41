import { getLocale, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { AUDIT_KINDS, type AuditKind, type AuditQuery } from '@/lib/audit';
import { ASSIGNMENT_EVENTS } from '@/lib/dispatch';
import type { AuditEntry, AuditPage } from '@/server/audit/queries';
import { formatWhen } from '@/app/_shared/time';
import type { Locale } from '@/app/_i18n/config';
import './audit.css';

/** The audit page's address for a view; empty filters left out. */
export function auditHref(query: Partial<AuditQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `/posko/audit?${search}` : '/posko/audit';
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/**
 * The history, server-rendered: a plain GET form filters it (works without script), each entry says in
 * words what happened and links to its volunteer or incident.
 */
export async function AuditList({ page, actors }: { page: AuditPage; actors: { id: string; name: string }[] }) {
  const t = await getTranslations('audit');
  const locale = (await getLocale()) as Locale;
  const { query } = page;
  const describe = (entry: AuditEntry) => {
    const key = `what.${entry.type}` as Parameters<typeof t>[0];
    const values = {
      name: entry.volunteer?.name || text(entry.payload.name),
      title: entry.incident?.title || text(entry.payload.title),
      to: text(entry.payload.label) || text(entry.payload.to),
      rows: text(entry.payload.rows),
      type: entry.type,
      // A wave's offers are one entry: how many were offered (the incident's requests say who).
      wave: entry.type === ASSIGNMENT_EVENTS.offered && !entry.volunteer ? 'yes' : 'no',
      offered: typeof entry.payload.offered === 'number' ? entry.payload.offered : 0,
    };
    return t.has(key) ? t(key, values) : t('what.other', values);
  };
  const filterVolunteer = page.entries.find((entry) => entry.volunteer?.id === query.volunteerId)?.volunteer;
  const filterIncident = page.entries.find((entry) => entry.incident?.id === query.incidentId)?.incident;
  return (
    <main className="page-body">
      <section className="card" aria-labelledby="audit-title">
        <h2 id="audit-title">{t('title')}</h2>
        <p className="hint">{t('intro')}</p>
        <form
          className="audit-filters"
          role="search"
          aria-label={t('filters.label')}
          action="/posko/audit"
          method="get"
        >
          {query.volunteerId ? <input type="hidden" name="volunteerId" value={query.volunteerId} /> : null}
          {query.incidentId ? <input type="hidden" name="incidentId" value={query.incidentId} /> : null}
          <div>
            <label htmlFor="audit-actor">{t('filters.actor')}</label>
            <select id="audit-actor" name="actorId" defaultValue={query.actorId ?? ''}>
              <option value="">{t('filters.anyone')}</option>
              {actors.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="audit-kind">{t('filters.kind')}</label>
            <select id="audit-kind" name="kind" defaultValue={query.kind ?? ''}>
              <option value="">{t('filters.anyKind')}</option>
              {(Object.keys(AUDIT_KINDS) as AuditKind[]).map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kinds.${kind}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="audit-from">{t('filters.from')}</label>
            <input id="audit-from" name="from" type="date" defaultValue={query.from ?? ''} />
          </div>
          <div>
            <label htmlFor="audit-to">{t('filters.to')}</label>
            <input id="audit-to" name="to" type="date" defaultValue={query.to ?? ''} />
          </div>
          <div className="audit-filter-buttons">
            <button type="submit" className="button-primary">
              {t('filters.apply')}
            </button>
            <Link href="/posko/audit">{t('filters.reset')}</Link>
          </div>
        </form>
        {query.volunteerId || query.incidentId ? (
          <p className="audit-chips">
            {query.volunteerId ? (
              <span>
                {t('filters.volunteer', { name: filterVolunteer?.name ?? query.volunteerId })} (
                <Link href={auditHref({ ...query, volunteerId: undefined, before: undefined })}>
                  {t('filters.remove')}
                </Link>
                )
              </span>
            ) : null}
            {query.incidentId ? (
              <span>
                {t('filters.incident', { title: filterIncident?.title ?? query.incidentId })} (
                <Link href={auditHref({ ...query, incidentId: undefined, before: undefined })}>
                  {t('filters.remove')}
                </Link>
                )
              </span>
            ) : null}
          </p>
        ) : null}
        {page.entries.length === 0 ? (
          <p className="hint" role="status">
            {t('empty')}
          </p>
        ) : (
          <table className="card-table audit-table">
            <thead>
              <tr>
                <th scope="col">{t('columns.when')}</th>
                <th scope="col">{t('columns.who')}</th>
                <th scope="col">{t('columns.what')}</th>
                <th scope="col">{t('columns.about')}</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((entry) => (
                <tr key={entry.id}>
                  <td data-label={t('columns.when')}>
                    <time dateTime={entry.at.toISOString()}>
                      {formatWhen(entry.at.toISOString(), entry.timeZone, locale)}
                    </time>
                  </td>
                  <td data-label={t('columns.who')}>{entry.actor?.name ?? t('system')}</td>
                  <td data-label={t('columns.what')}>{describe(entry)}</td>
                  <td data-label={t('columns.about')}>
                    {entry.volunteer ? (
                      <span className="audit-object">
                        <Link href={`/posko/relawan/${entry.volunteer.id}`}>{entry.volunteer.name}</Link>
                        {query.volunteerId ? null : (
                          <Link
                            className="hint"
                            href={auditHref({ ...query, volunteerId: entry.volunteer.id, before: undefined })}
                          >
                            {t('onlyVolunteer')}
                          </Link>
                        )}
                      </span>
                    ) : null}
                    {entry.incident ? (
                      <span className="audit-object">
                        <Link href={`/kejadian/${entry.incident.id}`}>{entry.incident.title}</Link>
                        {query.incidentId ? null : (
                          <Link
                            className="hint"
                            href={auditHref({ ...query, incidentId: entry.incident.id, before: undefined })}
                          >
                            {t('onlyIncident')}
                          </Link>
                        )}
                      </span>
                    ) : null}
                    {!entry.volunteer && !entry.incident && typeof entry.payload.linkId === 'string' ? (
                      <Link href={`/posko/pendaftaran/${entry.payload.linkId}`}>
                        {text(entry.payload.title) || text(entry.payload.name)}
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="audit-paging">
          {query.before ? <Link href={auditHref({ ...query, before: undefined })}>{t('newest')}</Link> : null}
          {page.nextBefore ? (
            <Link rel="next" href={auditHref({ ...query, before: page.nextBefore })}>
              {t('older')}
            </Link>
          ) : null}
        </p>
      </section>
    </main>
  );
}
