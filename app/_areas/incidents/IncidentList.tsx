'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import type { IncidentListItem } from '@/server/incidents/queries';
import type { ProvinceInfo, RegencyChoice } from '@/server/incidents/page-data';
import { callApi } from '@/app/_shared/api';
import { isDispatchEvent } from './dispatch-events';
import { useSeverityLabel } from './incident-labels';
import type { Json } from '@/app/_shared/json';
import { useLiveEvents } from '@/app/_shared/live-events';
import { useRefresher } from '@/app/_shared/refresher';
import { useConnection } from '@/app/_shared/use-connection';
import { formatWhen } from '@/app/_shared/time';
import { FormError } from './FieldError';
import { IncidentForm } from './IncidentForm';

/**
 * A province's incidents, live: new ones appear, phases and request progress change without reload.
 * Coordinators register new incidents here; leaders only read.
 */
export function IncidentList({
  province,
  initial,
  position,
  places,
}: {
  province: ProvinceInfo;
  initial: Json<IncidentListItem>[];
  position: number;
  /** Where the signed-in person may register incidents; empty for those who may not. */
  places: RegencyChoice[];
}) {
  const [incidents, setIncidents] = useState(initial);
  const [includeClosed, setIncludeClosed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const t = useTranslations('incidents.list');
  const domain = useTranslations('domain');
  const severityLabel = useSeverityLabel();
  const locale = useLocale();

  const refresh = useRefresher(async () => {
    const params = new URLSearchParams({ provinceCode: province.code, includeClosed: String(includeClosed) });
    const result = await callApi<Json<IncidentListItem>[]>(`/api/incidents?${params}`);
    if (result.ok) {
      setIncidents(result.data);
      setError(null);
    } else setError(result.error);
  });
  useLiveEvents(
    position,
    (event) => {
      if (isDispatchEvent(event)) refresh();
    },
    refresh,
  );
  useConnection(refresh);

  const shown = useRef(includeClosed);
  useEffect(() => {
    if (shown.current === includeClosed) return;
    shown.current = includeClosed;
    refresh();
  }, [includeClosed, refresh]);

  return (
    <main className="page-body incident-list-page">
      {places.length > 0 ? (
        <section className="card" aria-labelledby="new-incident">
          <div className="card-heading">
            <h2 id="new-incident">{t('newTitle')}</h2>
            <button
              type="button"
              className={formOpen ? undefined : 'button-primary'}
              aria-expanded={formOpen}
              onClick={() => setFormOpen((open) => !open)}
            >
              {formOpen ? t('closeForm') : t('openForm')}
            </button>
          </div>
          {formOpen ? <IncidentForm provinceCode={province.code} timeZone={province.timeZone} places={places} /> : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="incident-list-title">
        <div className="card-heading">
          <h2 id="incident-list-title">
            {includeClosed ? t('all') : t('running')} <span className="count">({incidents.length})</span>
          </h2>
          <div className="segmented" role="group" aria-label={t('filterLabel')}>
            <button type="button" aria-pressed={!includeClosed} onClick={() => setIncludeClosed(false)}>
              {t('filterRunning')}
            </button>
            <button type="button" aria-pressed={includeClosed} onClick={() => setIncludeClosed(true)}>
              {t('filterAll')}
            </button>
          </div>
        </div>
        <FormError message={error} />
        {incidents.length === 0 ? (
          <p className="hint">{includeClosed ? t('emptyAll') : t('emptyRunning')}</p>
        ) : (
          <ul className="incident-list" data-testid="incident-list">
            {incidents.map((incident) => (
              <li
                key={incident.id}
                className={`incident-item phase-${incident.phase}`}
                data-testid="incident-row"
                data-incident-id={incident.id}
              >
                <div className="incident-item-main">
                  <a href={`/kejadian/${incident.id}`} className="incident-title">
                    {incident.title}
                  </a>
                  <p className="incident-meta">
                    <span className={`severity-badge severity-${incident.severity}`}>
                      {severityLabel(incident.severity)}
                    </span>
                    <span>{domain(`incidentType.${incident.type}`)}</span>
                    <span>{incident.regencyName}</span>
                    <span>{formatWhen(incident.occurredAt, province.timeZone, locale)}</span>
                  </p>
                </div>
                <div className="incident-item-side">
                  <span className={`phase-pill phase-${incident.phase}`} data-testid="incident-phase">
                    {domain(`incidentPhase.${incident.phase}`)}
                  </span>
                  <span className="incident-requests" data-testid="incident-requests">
                    {incident.requests.running > 0
                      ? t.rich('requestsRunning', {
                          accepted: incident.requests.accepted,
                          slots: incident.requests.slots,
                          running: incident.requests.running,
                          share: (chunks) => <strong data-testid="incident-accepted">{chunks}</strong>,
                        })
                      : t('noRequests')}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
