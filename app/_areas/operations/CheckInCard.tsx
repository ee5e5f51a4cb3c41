'use client';

import { useLocale, useTranslations } from 'next-intl';
import type { TimeZone } from '@/lib/domain';
import type { CheckInKind, CheckInStatus } from '@/lib/operations';
import type { Locale } from '../../_i18n/config';
import { formatWhen } from '@/app/_shared/time';
import './operations.css';

/**
 * "Aman?" on the volunteer's phone, inside the assignment under way: when the next check-in is due
 * (amber once it has passed), one big "Saya aman" and "Butuh bantuan". Taps go through the outbox.
 */
export function CheckInCard({
  status,
  waiting,
  now,
  timeZone,
  onReport,
}: {
  status: CheckInStatus;
  /** Check-ins of this assignment still waiting in the outbox. */
  waiting: CheckInKind[];
  now: number;
  timeZone: TimeZone;
  onReport: (kind: CheckInKind) => void;
}) {
  const t = useTranslations('operations');
  const locale = useLocale() as Locale;
  const overdue = now > 0 && Date.parse(status.dueAt) <= now && waiting.length === 0;
  const state = status.state === 'ok' && overdue ? 'late' : status.state;
  const when = (iso: string) => formatWhen(iso, timeZone, locale);
  return (
    <section
      className={`check-in check-in-card check-in-${state}`}
      aria-labelledby={`check-in-${status.assignmentId}`}
      data-testid="my-check-in"
      data-state={state}
    >
      <div className="check-in-head">
        <h4 id={`check-in-${status.assignmentId}`}>{t('checkIn.title')}</h4>
        <span className={`check-in-pill check-in-pill-${state}`}>{t(`states.${state}`)}</span>
      </div>
      <p className="check-in-line" role={overdue ? 'alert' : undefined} data-testid="check-in-due">
        {overdue ? t('checkIn.overdue', { when: when(status.dueAt) }) : t('checkIn.next', { when: when(status.dueAt) })}
      </p>
      {status.lastCheckInAt ? (
        <p className="check-in-line">{t('checkIn.last', { when: when(status.lastCheckInAt) })}</p>
      ) : null}
      {status.state === 'help' ? <p className="check-in-line">{t('checkIn.helpSent')}</p> : null}
      {waiting.map((kind, index) => (
        <p key={index} className="offer-pending" role="status">
          {t('checkIn.pending', { kind: t(`checkIn.${kind}`) })}
        </p>
      ))}
      <div className="big-choices">
        <button type="button" className="big-button big-button-ok" onClick={() => onReport('safe')}>
          {t('checkIn.safe')}
        </button>
        <button type="button" className="big-button check-in-help-button" onClick={() => onReport('help')}>
          {t('checkIn.help')}
        </button>
      </div>
    </section>
  );
}
