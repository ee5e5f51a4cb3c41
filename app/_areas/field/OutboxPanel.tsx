'use client';

import { useLocale, useTranslations } from 'next-intl';
import type { TimeZone } from '@/lib/domain';
import type { OutboxEntry } from './field-store';
import { outbox } from './outbox';
import { formatWhen } from '@/app/_shared/time';
import { useConnection } from '@/app/_shared/use-connection';
import type { FieldStep } from './OfferList';

/** What this phone has sent or still has to send, and what became of each tap. */
export function OutboxPanel({
  entries,
  zones,
  provinceCode,
}: {
  entries: OutboxEntry[];
  zones: Record<string, TimeZone>;
  provinceCode: string | null;
}) {
  const t = useTranslations('field');
  const locale = useLocale();
  const connection = useConnection();
  if (entries.length === 0 && connection !== 'offline') return null;
  const zone = zones[provinceCode ?? ''] ?? 'Asia/Jakarta';
  return (
    <section className="card outbox" aria-labelledby="outbox-title" data-testid="outbox">
      <h2 id="outbox-title">{t('outbox.title')}</h2>
      {connection === 'offline' ? <p className="hint">{t('outbox.offline')}</p> : null}
      <ul className="outbox-list">
        {[...entries].reverse().map((entry) => (
          <li
            key={entry.seq}
            className={`outbox-item outbox-${entry.state}`}
            data-testid="outbox-item"
            data-state={entry.state}
          >
            <span className="outbox-what">
              {entry.kind === 'command'
                ? t('outbox.command', { step: t(`steps.${entry.to as FieldStep}`), incident: entry.incidentTitle })
                : t('outbox.availability', { availability: t(`availability.${entry.availability}`) })}
              <small> · {t('outbox.queuedAt', { when: formatWhen(entry.queuedAt, zone, locale) })}</small>
            </span>
            <span
              className="outbox-state"
              data-testid="outbox-state"
              role={entry.state === 'waiting' ? undefined : 'status'}
            >
              {entry.state === 'waiting'
                ? t('outbox.waiting')
                : entry.state === 'sent'
                  ? t('outbox.sent')
                  : entry.filledMeanwhile
                    ? t('outbox.filledMeanwhile')
                    : t('outbox.refused', { reason: entry.error ?? '' })}
            </span>
            {entry.state === 'waiting' ? null : (
              <button type="button" className="link-button" onClick={() => void outbox.dismiss(entry.seq!)}>
                {t('outbox.dismiss')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
