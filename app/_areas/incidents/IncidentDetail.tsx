'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type ReactNode } from 'react';
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
import { CheckInPanel } from '@/app/_areas/operations/CheckInPanel';
import { isCheckInEvent } from '@/lib/operations';
import { RequestCard, type RequestLabels } from './RequestCard';
import { IncidentPointMap } from './IncidentPointMap';
import { RequestComposer } from './RequestComposer';
import type { MessageView } from '@/lib/messaging';
import type { RollCallView } from '@/lib/roll-calls';
import { MessagesPanel } from './MessagesPanel';
import { RollCallPanel } from './RollCallPanel';

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
  askFrom = null,
  children,
  contact,
}: {
  initial: Json<Detail>;
  initialProgress: Progress;
  initialTimeline: Json<TimelineEntry>[];
  position: number;
  province: ProvinceInfo;
  options: ComposerOptions;
  canAct: boolean;
  sourceChoices: string[] | null;
  /** A kabupaten/kota to ask volunteers from: the composer opens with it chosen as a source. */
  askFrom?: string | null;
  /** Shown below the incident's facts: its situation (figures and reports). */
  children?: ReactNode;
  /** The incident's roll calls and messages, newest first. */
  contact: { rollCalls: RollCallView[]; messages: MessageView[] };
}) {
  const incidentId = initial.incident.id;
  const [detail, setDetail] = useState(initial);
  const [progress, setProgress] = useState(initialProgress);
  const [timeline, setTimeline] = useState(initialTimeline);
  const [composing, setComposing] = useState(askFrom !== null);
  /** The request a relief team is being asked for, while the composer is open for one. */
  const [reliefFor, setReliefFor] = useState<string | null>(null);
  const [matchesKey, setMatchesKey] = useState(0);
  const [checkInsKey, setCheckInsKey] = useState(0);
  // The number of volunteers the last request reached: the notice is written in the page's language.
  const [offeredTo, setOfferedTo] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useNow();
  const t = useTranslations('incidents.detail');
  const help = useTranslations('help.ask');
  const relief = useTranslations('relief.incident');
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
    setCheckInsKey((key) => key + 1);
    refresh();
  };
  useLiveEvents(
    position,
    (event) => {
      if (event.incidentId === incidentId && (isCheckInEvent(event.type) || isDispatchEvent(event))) {
        setCheckInsKey((key) => key + 1);
      }
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
  const reliefOf = (request: (typeof detail.requests)[number]) => {
    const relieved = detail.requests.find((other) => other.id === request.relievesRequestId);
    return relieved ? { id: relieved.id, label: requestNames[relieved.id]! } : null;
  };
  const reliefsFor = (id: string) =>
    detail.requests
      .filter((other) => other.relievesRequestId === id)
      .map((other) => ({ id: other.id, label: requestNames[other.id]! }));
  const relieving = detail.requests.find((request) => request.id === reliefFor);
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
          <IncidentPointMap
            incidentId={incident.id}
            provinceCode={incident.provinceCode}
            regencyCode={incident.regencyCode}
            point={incident.lat !== null && incident.lng !== null ? { lat: incident.lat, lng: incident.lng } : null}
            running={!closed}
          />
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

        {children}
        <section className="requests" aria-labelledby="requests-title">
          <div className="section-heading">
            <h2 id="requests-title">{t('requestsTitle', { count: detail.requests.length })}</h2>
            {canAct && !closed && !composing ? (
              <button
                type="button"
                className="button-primary"
                onClick={() => {
                  setOfferedTo(null);
                  setReliefFor(null);
                  setComposing(true);
                }}
              >
                {t('askVolunteers')}
              </button>
            ) : null}
            {canAct && !closed ? (
              <a
                href={`/posko/bantuan?kejadian=${incidentId}`}
                className="heading-link"
                data-testid="ask-province-link"
              >
                {help('title')}
              </a>
            ) : null}
          </div>
          {offeredTo !== null ? (
            <p className="notice" role="status" data-testid="request-notice">
              {t('sent', { count: offeredTo })}
            </p>
          ) : null}
          {composing ? (
            <section className="card" id="permintaan-baru" aria-labelledby="new-request-title">
              <h3 id="new-request-title">
                {relieving ? relief('composerHeading', { label: requestNames[relieving.id]! }) : t('newRequest')}
              </h3>
              <RequestComposer
                key={relieving?.id ?? 'new'}
                relieves={relieving ?? null}
                incidentId={incidentId}
                incidentType={incident.type}
                provinceCode={incident.provinceCode}
                regencyNames={province.regencyNames}
                options={options}
                timeZone={province.timeZone}
                sourceChoices={sourceChoices}
                initialSources={askFrom ? [askFrom] : []}
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
              relieves={reliefOf(request)}
              relievedBy={reliefsFor(request.id)}
              onAskRelief={
                closed
                  ? undefined
                  : () => {
                      setOfferedTo(null);
                      setReliefFor(request.id);
                      setComposing(true);
                      document.getElementById('permintaan-baru')?.scrollIntoView();
                    }
              }
            />
          ))}
        </section>
        <RollCallPanel
          incidentId={incidentId}
          requests={chronological.map((request) => ({ id: request.id, label: requestNames[request.id]! }))}
          initial={contact.rollCalls}
          position={position}
          canAct={canAct && !closed}
          timeZone={province.timeZone}
        />
        <MessagesPanel
          incidentId={incidentId}
          requests={chronological.map((request) => ({ id: request.id, label: requestNames[request.id]! }))}
          initial={contact.messages}
          position={position}
          canAct={canAct && !closed}
          timeZone={province.timeZone}
        />
      </div>
      <aside className="incident-side">
        <CheckInPanel
          incidentId={incidentId}
          refreshKey={checkInsKey}
          canAct={canAct}
          timeZone={province.timeZone}
          now={now}
        />
        <IncidentTimeline entries={timeline} labels={{ ...labels, requests: requestNames }} />
      </aside>
    </main>
  );
}
