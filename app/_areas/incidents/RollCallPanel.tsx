'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import type { TimeZone } from '@/lib/domain';
import { ROLL_CALL_EVENTS, type RollCallView } from '@/lib/roll-calls';
import { callApi } from '@/app/_shared/api';
import { useLiveEvents } from '@/app/_shared/live-events';
import { useConnection } from '@/app/_shared/use-connection';
import { formatWhen } from '@/app/_shared/time';
import { FormError } from './FieldError';

const ROLL_CALL_TYPES = new Set<string>(Object.values(ROLL_CALL_EVENTS));
/** An answer that reached the server this much after it was tapped also shows when it arrived. */
const LATE_MS = 60_000;

/** The requests of the incident, named as the page names them. */
export interface NamedRequest {
  id: string;
  label: string;
}

/**
 * The incident's roll calls (apel), live: who answered "hadir/aman", who needs help and who has not
 * answered yet, with the phone's time of each answer; coordinators call one and remind the silent.
 */
export function RollCallPanel({
  incidentId,
  requests,
  initial,
  position,
  canAct,
  timeZone,
}: {
  incidentId: string;
  requests: NamedRequest[];
  initial: RollCallView[];
  position: number;
  canAct: boolean;
  timeZone: TimeZone;
}) {
  const t = useTranslations('contact');
  const locale = useLocale();
  const [calls, setCalls] = useState(initial);
  const [target, setTarget] = useState('incident');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function reload(rollCallId: string) {
    const result = await callApi<RollCallView>(`/api/roll-calls/${rollCallId}`);
    if (!result.ok) return;
    setCalls((list) =>
      list.some((call) => call.id === rollCallId)
        ? list.map((call) => (call.id === rollCallId ? result.data : call))
        : [result.data, ...list],
    );
  }

  useLiveEvents(
    position,
    (event) => {
      if (!ROLL_CALL_TYPES.has(event.type) || event.type === ROLL_CALL_EVENTS.asked) return;
      const rollCallId = event.payload.rollCallId;
      if (typeof rollCallId !== 'string') return;
      if (event.incidentId === incidentId || calls.some((call) => call.id === rollCallId)) void reload(rollCallId);
    },
    () => calls.forEach((call) => void reload(call.id)),
  );
  useConnection(() => calls.forEach((call) => void reload(call.id)));

  async function call() {
    setBusy(true);
    setError(null);
    setNotice(null);
    const body = target === 'incident' ? { incidentId } : { requestId: target };
    const result = await callApi<{ id: string; recipients: number }>('/api/roll-calls', { body });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setNotice(t('rollCalls.called', { count: result.data.recipients }));
    await reload(result.data.id);
  }

  async function remind(rollCallId: string) {
    setError(null);
    setNotice(null);
    const result = await callApi<{ reminded: number }>(`/api/roll-calls/${rollCallId}/remind`, { body: {} });
    if (!result.ok) return setError(result.error);
    setNotice(t('rollCalls.remindedNow', { count: result.data.reminded }));
    await reload(rollCallId);
  }

  const when = (iso: string) => formatWhen(iso, timeZone, locale);

  return (
    <section className="card contact-panel" aria-labelledby="rollcalls-title" data-testid="rollcall-panel">
      <h2 id="rollcalls-title">{t('rollCalls.title')}</h2>
      {canAct ? (
        <form
          className="contact-compose"
          onSubmit={(event) => {
            event.preventDefault();
            void call();
          }}
        >
          <label>
            <span>{t('rollCalls.target')}</span>
            <select value={target} onChange={(event) => setTarget(event.target.value)} data-testid="rollcall-target">
              <option value="incident">{t('rollCalls.targetIncident')}</option>
              {requests.map((request) => (
                <option key={request.id} value={request.id}>
                  {t('rollCalls.targetRequest', { request: request.label })}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button-primary" disabled={busy}>
            {t('rollCalls.call')}
          </button>
        </form>
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <FormError message={error} />
      {calls.length === 0 ? <p className="hint">{t('rollCalls.none')}</p> : null}
      {calls.map((call, index) => (
        <details
          key={call.id}
          className="contact-item"
          open={index === 0}
          data-testid="rollcall-view"
          data-rollcall={call.id}
        >
          <summary>
            <strong data-testid="rollcall-summary">
              {t('rollCalls.summary', { answered: call.answered, recipients: call.recipients })}
            </strong>
            {call.needHelp > 0 ? (
              <span className="contact-alert" data-testid="rollcall-need-help">
                {t('rollCalls.needHelp', { count: call.needHelp })}
              </span>
            ) : null}
            <span className="contact-muted">{t('rollCalls.waiting', { count: call.waiting })}</span>
            <span className="contact-muted">
              {t('rollCalls.calledAt', { when: when(call.calledAt) })}
              {call.remindedAt ? ` · ${t('rollCalls.reminded', { when: when(call.remindedAt) })}` : ''}
            </span>
          </summary>
          <table className="data-table card-table">
            <thead>
              <tr>
                <th scope="col">{t('rollCalls.name')}</th>
                <th scope="col">{t('rollCalls.answer')}</th>
                <th scope="col">{t('rollCalls.time')}</th>
              </tr>
            </thead>
            <tbody>
              {call.entries.map((entry) => (
                <tr key={entry.volunteerId} data-testid="rollcall-entry" data-answer={entry.answer ?? 'waiting'}>
                  <td data-label={t('rollCalls.name')}>{entry.name}</td>
                  <td data-label={t('rollCalls.answer')}>
                    <span className={`pill answer-${entry.answer ?? 'waiting'}`}>
                      {entry.answer ? t(`answers.${entry.answer}`) : t('rollCalls.waitingState')}
                    </span>
                    {entry.note ? <span className="contact-note"> {entry.note}</span> : null}
                  </td>
                  <td data-label={t('rollCalls.time')}>
                    {entry.answeredAt ? (
                      <>
                        <time dateTime={entry.answeredAt} data-testid="rollcall-answered-at">
                          {when(entry.answeredAt)}
                        </time>
                        {entry.receivedAt && Date.parse(entry.receivedAt) - Date.parse(entry.answeredAt) > LATE_MS ? (
                          <small className="contact-muted">
                            {' '}
                            ({t('rollCalls.receivedLater', { when: when(entry.receivedAt) })})
                          </small>
                        ) : null}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {canAct && call.waiting > 0 ? (
            <button type="button" onClick={() => void remind(call.id)} data-testid="rollcall-remind">
              {t('rollCalls.remind', { count: call.waiting })}
            </button>
          ) : null}
        </details>
      ))}
    </section>
  );
}
