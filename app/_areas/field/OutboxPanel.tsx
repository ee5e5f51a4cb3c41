'use client';

import { useLocale, useTranslations } from 'next-intl';
import type { TimeZone } from '@/lib/domain';
import type { OutboxEntry } from './field-store';
import { outbox } from './outbox';
import { formatWhen } from '@/app/_shared/time';
import { useDatabaseDown } from '@/app/_shared/outage';
import { useConnection } from '@/app/_shared/use-connection';
import { tapLabel } from './OfferList';

/**
 * What this phone still has to send, and what the server refused (with why). Delivered taps fold away
 * under one line, so they do not pile up above the assignment.
 */
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
  const contact = useTranslations('contact');
  const situation = useTranslations('situation.outbox');
  const photo = useTranslations('photo');
  const locale = useLocale();
  const outage = useTranslations('reliability');
  const connection = useConnection();
  const databaseDown = useDatabaseDown();
  if (entries.length === 0 && connection !== 'offline') return null;
  const zone = zones[provinceCode ?? ''] ?? 'Asia/Jakarta';
  const newestFirst = [...entries].reverse();
  const open = newestFirst.filter((entry) => entry.state !== 'sent');
  const delivered = newestFirst.filter((entry) => entry.state === 'sent');
  const item = (entry: OutboxEntry) => (
    <li
      key={entry.seq}
      className={`outbox-item outbox-${entry.state}`}
      data-testid="outbox-item"
      data-state={entry.state}
    >
      <span className="outbox-what">
        {entry.kind === 'command'
          ? t('outbox.command', { step: tapLabel(entry, t), incident: entry.incidentTitle })
          : entry.kind === 'assessment'
            ? situation('assessment', { place: entry.placeName, incident: entry.incidentTitle })
            : entry.kind === 'photo'
              ? photo('outbox', { n: entry.n, place: entry.placeName, incident: entry.incidentTitle })
              : entry.kind === 'contact'
                ? [contact(`outbox.${entry.what}`), entry.about].filter(Boolean).join(' · ')
                : t('outbox.availability', { availability: t(`availability.${entry.availability}`) })}
        <small> · {t('outbox.queuedAt', { when: formatWhen(entry.queuedAt, zone, locale) })}</small>
      </span>
      <span className="outbox-state" data-testid="outbox-state" role={entry.state === 'waiting' ? undefined : 'status'}>
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
  );
  // Only delivered taps and a live connection: one quiet line, nothing to act on.
  if (open.length === 0 && connection !== 'offline') {
    return (
      <details className="outbox-delivered" data-testid="outbox">
        <summary data-testid="outbox-delivered">{t('outbox.delivered', { count: delivered.length })}</summary>
        <ul className="outbox-list">{delivered.map(item)}</ul>
      </details>
    );
  }
  return (
    <section className="card outbox" aria-labelledby="outbox-title" data-testid="outbox">
      <h2 id="outbox-title">{t('outbox.title')}</h2>
      {connection === 'offline' ? <p className="hint">{t('outbox.offline')}</p> : null}
      {databaseDown ? (
        <p className="hint" data-testid="outbox-database-down">
          {outage('tapsKept')}
        </p>
      ) : null}
      <ul className="outbox-list">{open.map(item)}</ul>
      {delivered.length > 0 ? (
        <details className="outbox-delivered">
          <summary data-testid="outbox-delivered">{t('outbox.delivered', { count: delivered.length })}</summary>
          <ul className="outbox-list">{delivered.map(item)}</ul>
        </details>
      ) : null}
    </section>
  );
}
