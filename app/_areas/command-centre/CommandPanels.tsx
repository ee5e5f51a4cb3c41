'use client';

import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import type { RegencyAvailability } from '@/lib/availability';
import type { ActivityEntry, CommandCentreLive, CommandIncident, CommandRequest } from '@/lib/command-centre';
import { INCIDENT_TYPES, type Availability, type IncidentType, type TimeZone } from '@/lib/domain';
import { INTL_LOCALE } from '../../_i18n/config';
import { INCIDENT_COLOURS } from '@/app/_shared/map/incident-style';
import { IncidentFigureLine } from '@/app/_shared/IncidentFigureLine';
import { timeZoneLabel } from '@/app/_shared/time';

/** Formats per locale and zone, made once: a feed of forty lines would otherwise build forty. */
const FORMATS = new Map<string, Intl.DateTimeFormat>();

function formatIn(locale: string, zone: TimeZone): Intl.DateTimeFormat {
  const key = `${locale} ${zone}`;
  let format = FORMATS.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
    });
    FORMATS.set(key, format);
  }
  return format;
}

/** "22 Nov 14.05 WIB": in the province's own zone, in the page's language. */
function useWhen(timeZones: Record<string, TimeZone>): (iso: string, provinceCode: string) => string {
  const locale = INTL_LOCALE[useLocale()];
  return (iso, provinceCode) => {
    const zone = timeZones[provinceCode] ?? 'Asia/Jakarta';
    return `${formatIn(locale, zone).format(new Date(iso))} ${timeZoneLabel(zone)}`;
  };
}

/** The answer to "who can I still send, and what is unfilled?" in five numbers. */
export function Summary({ regencies, live }: { regencies: RegencyAvailability[]; live: CommandCentreLive }) {
  const t = useTranslations('map.summary');
  const format = useFormatter();
  const available = regencies.reduce((sum, regency) => sum + regency.available, 0);
  const deployed = regencies.reduce((sum, regency) => sum + regency.deployed, 0);
  const open = live.requests.filter((request) => request.status === 'open' || request.overdue);
  const unfilled = open.reduce((sum, request) => sum + Math.max(0, request.slots - request.acceptedCount), 0);
  const overdue = live.requests.filter((request) => request.overdue).length;
  const items = [
    { key: 'available', value: available },
    { key: 'deployed', value: deployed },
    { key: 'incidents', value: live.incidents.length },
    { key: 'unfilled', value: unfilled },
    { key: 'overdue', value: overdue },
  ] as const;
  return (
    <section className="summary" aria-label={t('label')}>
      <dl>
        {items.map((item) => (
          <div
            key={item.key}
            className={item.key === 'overdue' && item.value > 0 ? 'alert' : undefined}
            data-testid={`summary-${item.key}`}
          >
            <dt>{t(item.key)}</dt>
            <dd>{format.number(item.value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Running requests, overdue ones first: how full each is, by when, and from where. */
export function RequestPanel({
  requests,
  regencyNames,
  timeZones,
}: {
  requests: CommandRequest[];
  regencyNames: Record<string, string>;
  timeZones: Record<string, TimeZone>;
}) {
  const t = useTranslations('map.requests');
  const when = useWhen(timeZones);
  return (
    <section className="panel" aria-labelledby="requests-title">
      <h2 id="requests-title">
        {t('title')} <span className="count">({requests.length})</span>
      </h2>
      {requests.length === 0 ? (
        <p className="empty">{t('empty')}</p>
      ) : (
        <ul className="request-list" data-testid="request-list">
          {requests.map((request) => {
            const missing = Math.max(0, request.slots - request.acceptedCount);
            const share = Math.min(100, Math.round((request.acceptedCount / request.slots) * 100));
            return (
              <li key={request.id} data-request={request.id} className={request.overdue ? 'overdue' : undefined}>
                <div className="row-head">
                  <a href={`/kejadian/${request.incidentId}`}>{request.incidentTitle}</a>
                  {request.overdue ? (
                    <span className="pill pill-overdue">{t('overdue')}</span>
                  ) : (
                    <span className={`pill pill-${request.status}`}>{t(`status.${request.status}`)}</span>
                  )}
                </div>
                <div className="fill" aria-hidden="true">
                  <span style={{ width: `${share}%` }} />
                </div>
                <p className="meta" data-testid="request-fill">
                  {t('fill', { accepted: request.acceptedCount, slots: request.slots })}
                  {missing > 0 && <> · {t('missing', { count: missing })}</>}
                </p>
                <p className="meta">
                  {t('deadline', { when: when(request.deadline, request.provinceCode) })} ·{' '}
                  {t('from', {
                    regencies: request.sourceRegencyCodes.map((code) => regencyNames[code] ?? code).join(', '),
                  })}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

const SHOWN_INCIDENTS = 100;

/** Active incidents with filters; each one can be found on the map. */
export function IncidentPanel({ incidents, onShow }: { incidents: CommandIncident[]; onShow(id: string): void }) {
  const t = useTranslations('map');
  const [type, setType] = useState<IncidentType | ''>('');
  const [minSeverity, setMinSeverity] = useState(1);
  const [unfilledOnly, setUnfilledOnly] = useState(false);
  const present = useMemo(() => new Set(incidents.map((incident) => incident.type)), [incidents]);
  const matching = incidents.filter(
    (incident) =>
      (!type || incident.type === type) &&
      incident.severity >= minSeverity &&
      (!unfilledOnly || incident.accepted < incident.slots || incident.overdue > 0),
  );
  const shown = matching.slice(0, SHOWN_INCIDENTS);
  return (
    <section className="panel" aria-labelledby="incidents-title">
      <h2 id="incidents-title">
        {t('incidents.title')}{' '}
        <span className="count" data-testid="incident-count">
          ({t('incidents.count', { shown: matching.length, total: incidents.length })})
        </span>
      </h2>
      <div className="panel-filters">
        <label>
          <span>{t('incidents.type')}</span>
          <select
            value={type}
            onChange={(event) => setType(event.target.value as IncidentType | '')}
            data-testid="incident-type-filter"
          >
            <option value="">{t('incidents.allTypes')}</option>
            {INCIDENT_TYPES.filter((code) => present.has(code)).map((code) => (
              <option key={code} value={code}>
                {t(`incidentTypes.${code}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('incidents.severityFilter')}</span>
          <select value={minSeverity} onChange={(event) => setMinSeverity(Number(event.target.value))}>
            <option value={1}>{t('incidents.anySeverity')}</option>
            {[2, 3, 4, 5].map((severity) => (
              <option key={severity} value={severity}>
                {t('incidents.severityAtLeast', { severity })}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={unfilledOnly} onChange={(event) => setUnfilledOnly(event.target.checked)} />
          <span>{t('incidents.unfilledOnly')}</span>
        </label>
      </div>
      {shown.length === 0 ? (
        <p className="empty">{t('incidents.empty')}</p>
      ) : (
        <ul className="incident-list" data-testid="incident-list">
          {shown.map((incident) => (
            <li key={incident.id} data-incident={incident.id}>
              <span className="dot" style={{ background: INCIDENT_COLOURS[incident.type] }} aria-hidden="true" />
              <div>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onShow(incident.id)}
                  aria-label={t('incidents.showOnMap', { title: incident.title })}
                  disabled={incident.lat === null}
                >
                  {incident.title}
                </button>
                <p className="meta">
                  {t(`incidentTypes.${incident.type}`)} · {t('incidents.severity', { severity: incident.severity })} ·{' '}
                  {incident.regencyName} · {t(`phases.${incident.phase}`)}
                </p>
                <p className="meta">
                  {incident.slots > 0
                    ? t('incidents.filled', { accepted: incident.accepted, slots: incident.slots })
                    : t('incidents.noRequest')}
                  {incident.overdue > 0 && (
                    <span className="pill pill-overdue">{t('incidents.overdue', { count: incident.overdue })}</span>
                  )}
                  <a href={`/kejadian/${incident.id}`}>{t('incidents.open')}</a>
                </p>
                <IncidentFigureLine figures={incident.figures} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {matching.length > shown.length && (
        <p className="meta">{t('incidents.more', { count: matching.length - shown.length })}</p>
      )}
    </section>
  );
}

const num = (value: unknown) => (typeof value === 'number' ? value : 0);
const str = (value: unknown) => (typeof value === 'string' ? value : '');
const AVAILABILITY_KEYS = new Set<string>(['available', 'deployed', 'unavailable']);
const PHASE_KEYS = new Set<string>(['reported', 'response', 'recovery', 'closed']);

type EventKey = Parameters<ReturnType<typeof useTranslations<'map.activity.events'>>>[0];
const EVENT_KEYS = new Set<string>([
  'incident_reported',
  'incident_updated',
  'incident_phase_changed',
  'request_created',
  'request_changed',
  'request_filled',
  'request_reopened',
  'request_expired',
  'request_cancelled',
  'request_closed',
  'assignment_accepted',
  'assignment_declined',
  'assignment_expired',
  'assignment_en_route',
  'assignment_on_site',
  'assignment_completed',
  'assignment_withdrawn',
  'assignment_cancelled',
  'volunteer_availability_changed',
  'volunteer_created',
  'volunteer_corrected',
  'volunteer_moved',
  'volunteer_retired',
  'volunteer_reinstated',
]);

/** The event log of the view, newest first, as sentences with the province's own time. */
export function ActivityFeed({
  activity,
  timeZones,
}: {
  activity: ActivityEntry[];
  timeZones: Record<string, TimeZone>;
}) {
  const t = useTranslations('map.activity');
  const phases = useTranslations('map.phases');
  const when = useWhen(timeZones);

  function sentence(entry: ActivityEntry): string {
    const key = entry.type.replace(/\./g, '_');
    const p = entry.payload;
    const to = str(p.to);
    const values = {
      name: entry.volunteerName ?? t('someone'),
      incident: entry.incidentTitle ?? '',
      regency: entry.regencyName ?? '',
      slots: num(p.slots),
      accepted: num(p.acceptedCount),
      phase: PHASE_KEYS.has(to) ? phases(to as 'reported') : to,
      availability: AVAILABILITY_KEYS.has(to) ? t(`availability.${to as Availability}`) : to,
      type: entry.type,
    };
    return EVENT_KEYS.has(key) ? t(`events.${key as EventKey}`, values) : t('events.other', values);
  }

  return (
    <section className="panel" aria-labelledby="activity-title">
      <h2 id="activity-title">{t('title')}</h2>
      {activity.length === 0 ? (
        <p className="empty">{t('empty')}</p>
      ) : (
        <ol className="activity" data-testid="activity">
          {activity.map((entry) => (
            <li key={entry.id} data-event={entry.id} data-type={entry.type}>
              <time dateTime={entry.at}>{when(entry.at, entry.provinceCode)}</time>
              <span>{sentence(entry)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
