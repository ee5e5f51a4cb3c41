'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { INCIDENT_PHASES, type IncidentPhase } from '@/lib/domain';
import type { RequestProgress } from '@/server/deployments/queries';
import type { ComposerOptions, ProvinceInfo } from '@/server/incidents/page-data';
import type { IncidentDetail as Detail, TimelineEntry } from '@/server/incidents/queries';
import { callApi } from '@/app/_shared/api';
import { isDispatchEvent, requestIdOf } from './dispatch-events';
import { useSeverityLabel } from './incident-labels';
import type { Json } from '@/app/_shared/json';
import { useLiveEvents } from '@/app/_shared/live-events';
import { useRefresher } from '@/app/_shared/refresher';
import { IncidentEditor } from './IncidentEditor';
import { useConnection } from '@/app/_shared/use-connection';
import { formatWhen } from '@/app/_shared/time';
import { useNow } from './use-now';
import { ConfirmButton } from './ConfirmButton';
import { FormError } from './FieldError';
import { IncidentTimeline } from './IncidentTimeline';
import { RequestCard, type RequestLabels } from './RequestCard';
import { RequestComposer } from './RequestComposer';

const TIMELINE_PAGE = 1000;

type Progress = Record<string, Json<RequestProgress>>;

/** The progress of each request named, by id; those that cannot be read now are left out. */
async function progressOf(requestIds: string[]): Promise<Progress> {
  const read = await Promise.all(
    requestIds.map((id) =>
      callApi<Json<RequestProgress>>(`/api/requests/${id}`).then((result) => [id, result] as const),
    ),
  );
  return Object.fromEntries(read.flatMap(([id, result]) => (result.ok ? [[id, result.data]] : [])));
}

/** The incident's entries after `afterId`, every page of them. */
async function timelineAfter(incidentId: string, afterId: number): Promise<Json<TimelineEntry>[] | null> {
  const entries: Json<TimelineEntry>[] = [];
  let after = afterId;
  for (;;) {
    const result = await callApi<{ entries: Json<TimelineEntry>[]; lastId: number }>(
      `/api/incidents/${incidentId}/timeline?afterId=${after}&limit=${TIMELINE_PAGE}`,
    );
    if (!result.ok) return null;
    entries.push(...result.data.entries);
    if (result.data.entries.length < TIMELINE_PAGE) return entries;
    after = result.data.lastId;
  }
}

/**
 * One incident, live: its facts and phase, every request with who answered and how far they are, and
 * the timeline. Coordinators in the incident's scope also get the controls; everyone else reads.
 */
export function IncidentDetail({
  initial,
  initialProgress,
  initialTimeline,
  position,
  province,
  options,
  canAct,
  sourceChoices,
}: {
  initial: Json<Detail>;
  initialProgress: Progress;
  initialTimeline: Json<TimelineEntry>[];
  position: number;
  province: ProvinceInfo;
  options: ComposerOptions;
  canAct: boolean;
  sourceChoices: string[] | null;
}) {
  const incidentId = initial.incident.id;
  const [detail, setDetail] = useState(initial);
  const [progress, setProgress] = useState(initialProgress);
  const [timeline, setTimeline] = useState(initialTimeline);
  const [composing, setComposing] = useState(false);
  const [matchesKey, setMatchesKey] = useState(0);
  // The number of volunteers the last request reached: the notice is written in the page's language.
  const [offeredTo, setOfferedTo] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useNow();
  const t = useTranslations('incidents.detail');
  const domain = useTranslations('domain');
  const severityLabel = useSeverityLabel();
  const locale = useLocale();

  // What changed since the last reload: the requests whose progress to read again, or all of them.
  const stale = useRef<{ all: boolean; requests: Set<string> }>({ all: false, requests: new Set() });
  const lastTimelineId = useRef(initialTimeline.at(-1)?.id ?? 0);
  const progressRef = useRef(progress);
  useEffect(() => {
    progressRef.current = progress;
  });

  const refresh = useRefresher(async () => {
    const { all, requests } = stale.current;
    stale.current = { all: false, requests: new Set() };
    const known = Object.keys(progressRef.current);
    const [incident, entries, progressRead] = await Promise.all([
      callApi<Json<Detail>>(`/api/incidents/${incidentId}`),
      timelineAfter(incidentId, lastTimelineId.current),
      progressOf(all ? known : known.filter((id) => requests.has(id))),
    ]);
    // Requests new to the page (made here or elsewhere) are read once the incident names them.
    const added = incident.ok
      ? incident.data.requests.map((request) => request.id).filter((id) => !known.includes(id))
      : [];
    const addedRead = await progressOf(added);
    // Applied together, so a request's counts and its list of volunteers never disagree on screen.
    if (entries && entries.length > 0) {
      lastTimelineId.current = entries.at(-1)!.id;
      setTimeline((current) => [...current, ...entries.filter((entry) => entry.id > (current.at(-1)?.id ?? 0))]);
    }
    if (incident.ok) setDetail(incident.data);
    setProgress((current) => ({ ...current, ...progressRead, ...addedRead }));
  });

  const reloadAll = () => {
    stale.current.all = true;
    refresh();
  };
  useLiveEvents(
    position,
    (event) => {
      if (!isDispatchEvent(event)) return;
      if (composing) setMatchesKey((key) => key + 1);
      if (event.incidentId !== incidentId) return;
      const requestId = requestIdOf(event);
      if (requestId) stale.current.requests.add(requestId);
      refresh();
    },
    reloadAll,
  );
  useConnection(reloadAll);

  async function changePhase(phase: IncidentPhase) {
    setBusy(true);
    setError(null);
    const result = await callApi(`/api/incidents/${incidentId}/phase`, { body: { phase } });
    setBusy(false);
    if (!result.ok) setError(result.error);
    else reloadAll();
  }

  const { incident } = detail;
  const closed = incident.phase === 'closed';
  const nextPhases = INCIDENT_PHASES.slice(INCIDENT_PHASES.indexOf(incident.phase) + 1);
  const chronological = [...detail.requests].reverse();
  const requestNames = Object.fromEntries(
    chronological.map((request, index) => [request.id, t('requestName', { index: index + 1 })]),
  );
  const labels: RequestLabels = {
    pillars: Object.fromEntries(options.pillars.map((pillar) => [pillar.code, pillar.name])),
    regencies: province.regencyNames,
    trainings: Object.fromEntries(options.trainings.map((training) => [training.id, training.name])),
    timeZone: province.timeZone,
    locale,
  };

  return (
    <main className="page-body incident-page">
      <div className="incident-main">
        <p className="breadcrumb">
          <a href="/kejadian">{t('back')}</a>
        </p>
        <section className="card incident-card" aria-labelledby="incident-title">
          <p className="incident-meta">
            <span className={`severity-badge severity-${incident.severity}`}>{severityLabel(incident.severity)}</span>
            <span>{domain(`incidentType.${incident.type}`)}</span>
            <span className={`phase-pill phase-${incident.phase}`} data-testid="incident-phase">
              {domain(`incidentPhase.${incident.phase}`)}
            </span>
          </p>
          <h2 id="incident-title" data-testid="incident-title">
            {incident.title}
          </h2>
          <dl className="facts">
            <div>
              <dt>{t('regency')}</dt>
              <dd data-testid="incident-regency">{detail.regencyName}</dd>
            </div>
            <div>
              <dt>{t('district')}</dt>
              <dd>{detail.districtName ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('occurredAt')}</dt>
              <dd>{formatWhen(incident.occurredAt, province.timeZone, locale)}</dd>
            </div>
            <div>
              <dt>{t('point')}</dt>
              <dd>
                {/* Coordinates keep the decimal point in both languages: a decimal comma would run into the separator. */}
                {incident.lat !== null && incident.lng !== null
                  ? `${incident.lat.toFixed(4)}, ${incident.lng.toFixed(4)}`
                  : '—'}
              </dd>
            </div>
          </dl>
          {incident.description ? (
            <>
              <h3>{t('description')}</h3>
              <p className="prose">{incident.description}</p>
            </>
          ) : null}
          {incident.needs ? (
            <>
              <h3>{t('needs')}</h3>
              <p className="prose">{incident.needs}</p>
            </>
          ) : null}
          {canAct && !closed ? <IncidentEditor incident={incident} onSaved={reloadAll} /> : null}
          {canAct && !closed ? (
            <div className="phase-controls" data-testid="phase-controls">
              <span>{t('movePhase')}</span>
              {nextPhases.map((phase) =>
                phase === 'closed' ? (
                  <ConfirmButton
                    key={phase}
                    label={t('close')}
                    question={t('closeQuestion')}
                    confirmLabel={t('closeConfirm')}
                    disabled={busy}
                    onConfirm={() => changePhase(phase)}
                  />
                ) : (
                  <button key={phase} type="button" disabled={busy} onClick={() => void changePhase(phase)}>
                    {domain(`incidentPhase.${phase}`)}
                  </button>
                ),
              )}
            </div>
          ) : null}
          <FormError message={error} />
        </section>

        <section className="requests" aria-labelledby="requests-title">
          <div className="section-heading">
            <h2 id="requests-title">{t('requestsTitle', { count: detail.requests.length })}</h2>
            {canAct && !closed && !composing ? (
              <button
                type="button"
                className="button-primary"
                onClick={() => {
                  setOfferedTo(null);
                  setComposing(true);
                }}
              >
                {t('askVolunteers')}
              </button>
            ) : null}
          </div>
          {offeredTo !== null ? (
            <p className="notice" role="status" data-testid="request-notice">
              {t('sent', { count: offeredTo })}
            </p>
          ) : null}
          {composing ? (
            <section className="card" aria-labelledby="new-request-title">
              <h3 id="new-request-title">{t('newRequest')}</h3>
              <RequestComposer
                incidentId={incidentId}
                options={options}
                timeZone={province.timeZone}
                sourceChoices={sourceChoices}
                refreshKey={matchesKey}
                onClose={() => setComposing(false)}
                onCreated={(offered) => {
                  setComposing(false);
                  setOfferedTo(offered);
                  reloadAll();
                }}
              />
            </section>
          ) : null}
          {detail.requests.length === 0 && !composing ? <p className="hint card">{t('noRequests')}</p> : null}
          {detail.requests.map((request) => (
            <RequestCard
              key={request.id}
              label={requestNames[request.id]!}
              request={request}
              progress={progress[request.id]}
              labels={labels}
              now={now}
              canAct={canAct}
              onChanged={reloadAll}
            />
          ))}
        </section>
      </div>
      <aside className="incident-side">
        <IncidentTimeline entries={timeline} labels={{ ...labels, requests: requestNames }} />
      </aside>
    </main>
  );
}
