'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { TimeZone } from '@/lib/domain';
import type { LiveEvent } from '@/lib/realtime';
import { ROLL_CALL_ANSWERS, ROLL_CALL_EVENTS, type OwnRollCall, type RollCallAnswerKind } from '@/lib/roll-calls';
import { useLiveEvents } from '@/app/_shared/live-events';
import { formatWhen } from '@/app/_shared/time';
import type { OutboxEntry } from './field-store';
import { newIdempotencyKey } from './field-worker';
import { outbox } from './outbox';

const str = (value: unknown) => (typeof value === 'string' ? value : null);

/** Applies a live event of this volunteer to its roll calls; unrelated events leave the list as it is. */
function applyEvent(list: OwnRollCall[], event: LiveEvent, titles: Record<string, string>): OwnRollCall[] {
  const rollCallId = str(event.payload.rollCallId);
  if (!rollCallId) return list;
  if (event.type === ROLL_CALL_EVENTS.asked) {
    if (list.some((call) => call.id === rollCallId)) return list;
    const incidentTitle = event.incidentId ? (titles[event.incidentId] ?? null) : null;
    return [{ id: rollCallId, incidentTitle, calledAt: event.createdAt, answer: null, answeredAt: null }, ...list];
  }
  if (event.type === ROLL_CALL_EVENTS.answered) {
    const answer = event.payload.answer as RollCallAnswerKind;
    return list.map((call) =>
      call.id === rollCallId ? { ...call, answer, answeredAt: str(event.payload.answeredAt) } : call,
    );
  }
  return list;
}

/** Only the latest few roll calls stay on the phone's first screen. */
const SHOWN = 3;

/**
 * Roll calls (apel) on the volunteer's phone: two big answers, sent through the outbox with the time of
 * the tap, so an answer made without a signal arrives later with its own time.
 */
export function RollCallCard({
  initial,
  position,
  volunteerId,
  entries,
  incidentTitles,
  zone,
}: {
  initial: OwnRollCall[];
  position: number;
  volunteerId: string;
  entries: OutboxEntry[];
  /** Incident titles by id, from the volunteer's assignments. */
  incidentTitles: Record<string, string>;
  zone: TimeZone;
}) {
  const t = useTranslations('contact');
  const tPhone = useTranslations('phone');
  const locale = useLocale();
  const [calls, setCalls] = useState(initial);

  // Too much missed to replay (a long time without a signal): the page is read again.
  useLiveEvents(
    position,
    (event) => {
      if (event.volunteerId === volunteerId) setCalls((list) => applyEvent(list, event, incidentTitles));
    },
    () => window.location.reload(),
  );

  // A notification's tap opens /tugas?apel=<id>: bring that roll call into view.
  useEffect(() => {
    const id = new URLSearchParams(window.location.search).get('apel');
    const element = id ? document.getElementById(`apel-${id}`) : null;
    element?.scrollIntoView({ block: 'start' });
    element?.focus();
  }, []);

  if (calls.length === 0) return null;

  const tapOf = (id: string) =>
    entries.findLast(
      (entry) =>
        entry.kind === 'contact' &&
        entry.command === 'rollcall:answer' &&
        entry.input.rollCallId === id &&
        entry.state !== 'refused',
    );

  async function answer(call: OwnRollCall, choice: RollCallAnswerKind) {
    await outbox.enqueue({
      kind: 'contact',
      command: 'rollcall:answer',
      input: {
        rollCallId: call.id,
        answer: choice,
        answeredAt: new Date().toISOString(),
        idempotencyKey: newIdempotencyKey(),
      },
      what: choice === 'present' ? 'rollcall_present' : 'rollcall_need_help',
      about: call.incidentTitle ?? '',
    });
  }

  return (
    <section className="card rollcall-card" aria-labelledby="rollcall-title" data-testid="rollcall-card">
      <h2 id="rollcall-title">{t('phone.rollCallTitle')}</h2>
      <ul className="contact-list">
        {calls.slice(0, SHOWN).map((call) => {
          const tap = tapOf(call.id);
          const tapped = tap?.kind === 'contact' ? (tap.input.answer as RollCallAnswerKind) : null;
          const shown = call.answer ?? tapped;
          const when = call.answeredAt ?? (tap?.kind === 'contact' ? String(tap.input.answeredAt) : null);
          return (
            <li
              key={call.id}
              id={`apel-${call.id}`}
              tabIndex={-1}
              className={`rollcall-item${shown ? ` rollcall-${shown}` : ' rollcall-open'}`}
              data-testid="rollcall"
              data-rollcall={call.id}
              data-answer={shown ?? ''}
            >
              <p className="rollcall-about">
                <strong>
                  {call.incidentTitle
                    ? t('phone.rollCallAboutIncident', { incident: call.incidentTitle })
                    : t('phone.rollCallAbout')}
                </strong>
                <small> · {t('phone.calledAt', { when: formatWhen(call.calledAt, zone, locale) })}</small>
              </p>
              {shown ? (
                <>
                  <p className="rollcall-answered" role="status" data-testid="rollcall-answered">
                    {when
                      ? t('phone.answered', { answer: t(`answers.${shown}`), when: formatWhen(when, zone, locale) })
                      : tPhone('rollCallAnswered', { answer: t(`answers.${shown}`) })}
                  </p>
                  {!call.answer && tap?.state === 'waiting' ? <p className="hint">{t('phone.answerWaiting')}</p> : null}
                </>
              ) : (
                <>
                  <p className="hint">{t('phone.ask')}</p>
                  <div className="big-choices">
                    {ROLL_CALL_ANSWERS.map((choice) => (
                      <button
                        key={choice}
                        type="button"
                        className={choice === 'present' ? 'big-button big-button-ok' : 'big-button big-button-help'}
                        onClick={() => void answer(call, choice)}
                      >
                        {t(`answers.${choice}`)}
                      </button>
                    ))}
                  </div>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
