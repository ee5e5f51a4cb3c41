'use client';

import { isMaskedPhone } from '@/lib/privacy';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { isFinalAssignment, takesSlot } from '@/lib/assignment-state';
import type { AssignmentStatus, TimeZone } from '@/lib/domain';
import type { ProgressEntry, RequestProgress } from '@/server/deployments/queries';
import type { RequestSummary } from '@/server/incidents/queries';
import type { Locale } from '../../_i18n/config';
import { callApi } from '@/app/_shared/api';
import type { Json } from '@/app/_shared/json';
import { RequestWaves } from './RequestWaves';
import { formatSpan, formatWhen, fromLocalInput, timeZoneLabel, toLocalInput } from '@/app/_shared/time';
import { ConfirmButton } from './ConfirmButton';
import { FieldError, FormError } from './FieldError';
import { RequestTextsLine, TextStatusPill } from '@/app/_shared/TextStatus';
import type { MessageStatus } from '@/lib/channels';
import { dutyMs, longOnSite, teamDuty, wholeHours } from '@/lib/relief';

export interface RequestLabels {
  pillars: Record<string, string>;
  regencies: Record<string, string>;
  trainings: Record<string, string>;
  timeZone: TimeZone;
  /** The page's language, for times and spans. */
  locale: Locale;
}

const RUNNING = new Set(['open', 'filled']);
/** The counts under the progress bar, in the order a deployment goes. */
const COUNTED = [
  'offered',
  'en_route',
  'on_site',
  'completed',
  'relieved',
  'returned',
  'declined',
  'withdrawn',
] as const satisfies AssignmentStatus[];
// Offers waiting this long without an answer are worth a phone call.
const SLOW_ANSWER_MS = 30 * 60_000;

/**
 * One deployment request: places taken of places asked, who (with status and time since the offer),
 * the deadline (marked once it has passed), and for coordinators in scope the controls to change it.
 */
export function RequestCard({
  label,
  request,
  progress,
  labels,
  now,
  canAct,
  onChanged,
  relieves = null,
  relievedBy = [],
  onAskRelief,
}: {
  label: string;
  request: Json<RequestSummary>;
  progress: Json<RequestProgress> | undefined;
  labels: RequestLabels;
  now: number | null;
  canAct: boolean;
  onChanged(): void;
  /** The request whose team this one relieves, and the reliefs asked for this one. */
  relieves?: { id: string; label: string } | null;
  relievedBy?: { id: string; label: string }[];
  /** Opens the composer for a relief team of this request. */
  onAskRelief?: () => void;
}) {
  const relief = useTranslations('relief.incident');
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const t = useTranslations('incidents.request');
  const domain = useTranslations('domain');
  const { locale, timeZone } = labels;
  const running = RUNNING.has(request.status);
  const open = request.status === 'open';
  const deadline = new Date(request.deadline).getTime();
  const overdue = open && now !== null && now > deadline;
  const volunteers = progress?.volunteers ?? [];
  const holding = volunteers.filter((entry) => takesSlot(entry.status));
  const waiting = volunteers.filter((entry) => entry.status === 'offered');
  const others = volunteers.filter((entry) => !takesSlot(entry.status) && entry.status !== 'offered');
  const onSite = volunteers.filter((entry) => entry.status === 'on_site');
  const team = now === null ? null : teamDuty(holding, now);
  const shiftEnds = request.shiftEndsAt ? new Date(request.shiftEndsAt).getTime() : null;
  // Past the planned end of shift with people still on site: time for a relief.
  const shiftOver = shiftEnds !== null && now !== null && now > shiftEnds && onSite.length > 0;
  const percent = Math.min(100, Math.round((request.acceptedCount / request.slots) * 100));
  // Offers of a full request wait without being answerable: a place opens if one is freed or N is raised.
  const counted = COUNTED.filter((status) => request.counts[status] > 0).map((status) =>
    t(`counts.${status === 'offered' && !open ? 'held' : status}`, { count: request.counts[status] }),
  );

  async function act(path: string, method: string, body: unknown): Promise<void> {
    setBusy(true);
    setError(null);
    setDetails({});
    const result = await callApi(path, { method, body });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setDetails(result.details ?? {});
      return;
    }
    onChanged();
  }

  function changeSlots(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const slots = Number(new FormData(event.currentTarget).get('slots'));
    void act(`/api/requests/${request.id}`, 'PATCH', { slots });
  }

  function setShiftEnd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('shiftEndsAt') ?? '');
    void act(`/api/requests/${request.id}`, 'PATCH', { shiftEndsAt: value ? fromLocalInput(value, timeZone) : null });
  }

  function extend(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('deadline') ?? '');
    void act(`/api/requests/${request.id}`, 'PATCH', { deadline: fromLocalInput(value, timeZone) });
  }

  const row = (entry: Json<ProgressEntry>) => (
    <VolunteerRow
      key={entry.assignmentId}
      entry={entry}
      labels={labels}
      now={now}
      textStatus={progress?.texts?.byAssignment[entry.assignmentId]}
      canCancel={canAct && !isFinalAssignment(entry.status)}
      busy={busy}
      onCancel={() => void act(`/api/assignments/${entry.assignmentId}/cancel`, 'POST', {})}
    />
  );

  return (
    <article
      className={`card request-card request-${request.status}`}
      data-testid="request-card"
      data-request-id={request.id}
      id={`permintaan-${request.id}`}
      aria-label={label}
    >
      <header className="request-head">
        <div>
          <h3>
            {t('heading', {
              label,
              slots: request.slots,
              pillars: request.pillarCodes.map((code) => labels.pillars[code] ?? code).join(', '),
            })}
          </h3>
          <p className="request-meta">
            {t('from', {
              regencies: request.sourceRegencyCodes.map((code) => labels.regencies[code] ?? code).join(', '),
            })}
            {request.skill ? t('skill', { skill: request.skill }) : ''}
            {request.trainingId ? t('training', { training: labels.trainings[request.trainingId] ?? '' }) : ''}
          </p>
        </div>
        <span className={`status-pill request-status-${request.status}`} data-testid="request-status">
          {domain(`requestStatus.${request.status}`)}
        </span>
      </header>
      {relieves || relievedBy.length > 0 || shiftOver ? (
        <p className="relief-links" data-testid="relief-links">
          {shiftOver ? (
            <span className="status-pill relief-due" data-testid="shift-over">
              {relief('shiftOver')}
            </span>
          ) : null}
          {relieves ? (
            <a href={`#permintaan-${relieves.id}`} data-testid="relieves-link">
              {relief('relieves', { label: relieves.label })}
            </a>
          ) : null}
          {relievedBy.map((other) => (
            <a key={other.id} href={`#permintaan-${other.id}`} data-testid="relieved-by-link">
              {relief('relievedBy', { label: other.label })}
            </a>
          ))}
        </p>
      ) : null}

      <div className="progress-line">
        <p className="progress-figure">
          {t.rich('accepted', {
            accepted: request.acceptedCount,
            slots: request.slots,
            count: (chunks) => <strong data-testid="request-progress">{chunks}</strong>,
          })}
        </p>
        <div
          className="progress-bar"
          role="progressbar"
          aria-label={t('progressLabel', { accepted: request.acceptedCount, slots: request.slots })}
          aria-valuemin={0}
          aria-valuemax={request.slots}
          aria-valuenow={request.acceptedCount}
        >
          <span style={{ width: `${percent}%` }} />
        </div>
        {counted.length > 0 ? <p className="progress-counts">{counted.join(' · ')}</p> : null}
      </div>

      <dl className="request-facts">
        <div>
          <dt>{t('meetingPoint')}</dt>
          <dd>{request.meetingPoint}</dd>
        </div>
        <div className={overdue ? 'overdue' : undefined} data-testid="request-deadline">
          <dt>{t('deadline')}</dt>
          <dd>
            {formatWhen(request.deadline, timeZone, locale)}
            {running && now !== null ? (
              <span className="deadline-note">
                {overdue
                  ? t('overdue', { span: formatSpan(now - deadline, locale) })
                  : t('remaining', { span: formatSpan(deadline - now, locale) })}
              </span>
            ) : null}
          </dd>
        </div>
        {request.shiftEndsAt ? (
          <div className={shiftOver ? 'overdue' : undefined} data-testid="request-shift-end">
            <dt>{relief('shiftEnds')}</dt>
            <dd>{formatWhen(request.shiftEndsAt, timeZone, locale)}</dd>
          </div>
        ) : null}
        {team && team.people > 0 ? (
          <div data-testid="team-hours">
            <dt>{relief('teamHours')}</dt>
            <dd>
              {relief('teamHoursValue', {
                total: wholeHours(team.totalMs),
                longest: wholeHours(team.longestMs),
                people: team.people,
              })}
            </dd>
          </div>
        ) : null}
      </dl>

      <RequestTextsLine texts={progress?.texts} />
      <RequestWaves progress={progress} />
      {holding.length > 0 ? (
        <ul className="volunteer-rows" aria-label={t('acceptedList')}>
          {holding.map(row)}
        </ul>
      ) : (
        <p className="hint">{t('noneAccepted')}</p>
      )}
      {waiting.length > 0 ? (
        <details className="volunteer-group" open={open && waiting.length <= 5}>
          <summary>{open ? t('waiting', { count: waiting.length }) : t('held', { count: waiting.length })}</summary>
          <ul className="volunteer-rows">{waiting.map(row)}</ul>
        </details>
      ) : null}
      {others.length > 0 ? (
        <details className="volunteer-group">
          <summary>{t('others', { count: others.length })}</summary>
          <ul className="volunteer-rows">{others.map(row)}</ul>
        </details>
      ) : null}

      {canAct && running ? (
        <details className="request-controls">
          <summary>{t('controls')}</summary>
          <div className="request-control-forms">
            <form onSubmit={changeSlots} className="inline-form" noValidate>
              <label>
                <span>{t('slots')}</span>
                <input
                  name="slots"
                  type="number"
                  min={Math.max(1, request.acceptedCount)}
                  max={1000}
                  defaultValue={request.slots}
                  key={request.slots}
                  aria-describedby={details.slots ? `slots-error-${request.id}` : undefined}
                />
              </label>
              <button type="submit" disabled={busy}>
                {t('changeSlots')}
              </button>
              <FieldError id={`slots-error-${request.id}`} messages={details.slots} />
            </form>
            <form onSubmit={extend} className="inline-form" noValidate>
              <label>
                <span>{t('newDeadline', { zone: timeZoneLabel(timeZone) })}</span>
                <input
                  name="deadline"
                  type="datetime-local"
                  defaultValue={toLocalInput(new Date(deadline + 3_600_000), timeZone)}
                  key={request.deadline}
                  aria-describedby={details.deadline ? `deadline-error-${request.id}` : undefined}
                />
              </label>
              <button type="submit" disabled={busy}>
                {t('extend')}
              </button>
              <FieldError id={`deadline-error-${request.id}`} messages={details.deadline} />
            </form>
            <form onSubmit={setShiftEnd} className="inline-form" noValidate>
              <label>
                <span>{relief('shiftEndLabel', { zone: timeZoneLabel(timeZone) })}</span>
                <input
                  name="shiftEndsAt"
                  type="datetime-local"
                  defaultValue={request.shiftEndsAt ? toLocalInput(new Date(request.shiftEndsAt), timeZone) : ''}
                  key={request.shiftEndsAt ?? ''}
                  aria-describedby={details.shiftEndsAt ? `shift-error-${request.id}` : undefined}
                />
              </label>
              <button type="submit" disabled={busy}>
                {relief('setShiftEnd')}
              </button>
              <FieldError id={`shift-error-${request.id}`} messages={details.shiftEndsAt} />
            </form>
            <ConfirmButton
              label={t('cancel')}
              question={t('cancelQuestion')}
              confirmLabel={t('cancelConfirm')}
              disabled={busy}
              onConfirm={() => act(`/api/requests/${request.id}/cancel`, 'POST', {})}
            />
          </div>
        </details>
      ) : null}
      {canAct && onAskRelief && holding.length > 0 && relievedBy.length === 0 ? (
        <button type="button" className="button-small" data-testid="ask-relief" onClick={onAskRelief}>
          {relief('askRelief')}
        </button>
      ) : null}
      <FormError message={error} />
    </article>
  );
}

function VolunteerRow({
  entry,
  labels,
  now,
  textStatus,
  canCancel,
  busy,
  onCancel,
}: {
  entry: Json<ProgressEntry>;
  labels: RequestLabels;
  now: number | null;
  textStatus?: MessageStatus;
  canCancel: boolean;
  busy: boolean;
  onCancel(): void;
}) {
  const t = useTranslations('incidents.request');
  const domain = useTranslations('domain');
  const { locale, timeZone } = labels;
  const offeredAt = new Date(entry.offeredAt).getTime();
  const slow = entry.status === 'offered' && now !== null && now - offeredAt > SLOW_ANSWER_MS;
  const answeredIn = entry.respondedAt ? new Date(entry.respondedAt).getTime() - offeredAt : null;
  const relief = useTranslations('relief.incident');
  const duty = now === null ? null : dutyMs(entry, now);
  const long = now !== null && longOnSite(entry, now);
  return (
    <li
      className="volunteer-row"
      data-testid="assignment-row"
      data-assignment-id={entry.assignmentId}
      data-status={entry.status}
    >
      <div className="volunteer-who">
        <strong data-testid="assignment-name">{entry.name}</strong>
        <span>
          {labels.pillars[entry.pillarCode] ?? entry.pillarCode} · {labels.regencies[entry.regencyCode] ?? ''} ·{' '}
          {isMaskedPhone(entry.phone) ? (
            <span data-testid="assignment-phone">{entry.phone}</span>
          ) : (
            <a href={`tel:${entry.phone}`} data-testid="assignment-phone">
              {entry.phone}
            </a>
          )}
        </span>
      </div>
      <div className="volunteer-state">
        <span className={`status-pill assignment-status-${entry.status}`} data-testid="assignment-status">
          {domain(`assignmentStatus.${entry.status}`)}
        </span>
        <TextStatusPill status={textStatus} />
        {duty !== null ? (
          <span className={long ? 'duty-hours long' : 'duty-hours'} data-testid="duty-hours">
            {relief('hours', { hours: wholeHours(duty) })}
            {long ? ` · ${relief('longOnSite')}` : ''}
          </span>
        ) : null}
        <span className={slow ? 'since slow' : 'since'} title={formatWhen(entry.offeredAt, timeZone, locale)}>
          {now !== null ? t('offeredAgo', { span: formatSpan(now - offeredAt, locale) }) : ''}
          {answeredIn !== null ? t('answeredIn', { span: formatSpan(answeredIn, locale) }) : ''}
        </span>
        {canCancel ? (
          <ConfirmButton
            label={t('cancelAssignment')}
            accessibleLabel={t('cancelAssignmentOf', { name: entry.name })}
            question={t('cancelAssignmentQuestion', { name: entry.name })}
            confirmLabel={t('cancelAssignmentConfirm')}
            className="button-small button-danger"
            disabled={busy}
            onConfirm={onCancel}
          />
        ) : null}
      </div>
    </li>
  );
}
