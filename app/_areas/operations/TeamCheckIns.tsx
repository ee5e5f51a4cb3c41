'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { TimeZone } from '@/lib/domain';
import type { CheckInEntry } from '@/server/operations/queries';
import type { Locale } from '../../_i18n/config';
import { callApi } from '@/app/_shared/api';
import type { Json } from '@/app/_shared/json';
import { formatWhen } from '@/app/_shared/time';
import './operations.css';

/** A ketua regu's phone: the team's members under way and their check-in state, read again on every check-in event. */
export function TeamCheckIns({ refreshKey, timeZone }: { refreshKey: number; timeZone: TimeZone }) {
  const t = useTranslations('operations');
  const locale = useLocale() as Locale;
  const [entries, setEntries] = useState<Json<CheckInEntry>[] | null>(null);
  useEffect(() => {
    let current = true;
    void callApi<{ entries: Json<CheckInEntry>[] }>('/api/check-ins/team').then((result) => {
      if (current && result.ok) setEntries(result.data.entries);
    });
    return () => {
      current = false;
    };
  }, [refreshKey]);
  if (!entries) return null;
  return (
    <div data-testid="team-check-ins">
      <h3>{t('team.title')}</h3>
      {entries.length === 0 ? <p className="hint">{t('team.none')}</p> : null}
      <ul className="check-in-list">
        {entries.map((entry) => (
          <li
            key={entry.assignmentId}
            className={`check-in check-in-${entry.state}`}
            data-testid="team-check-in"
            data-state={entry.state}
          >
            <div className="check-in-head">
              <strong>{entry.name}</strong>
              <span className={`check-in-pill check-in-pill-${entry.state}`}>{t(`states.${entry.state}`)}</span>
            </div>
            <p className="check-in-line">
              {t('panel.due', { when: formatWhen(entry.dueAt, timeZone, locale) })}
              {entry.lastNote ? ` · ${t('panel.note', { note: entry.lastNote })}` : ''}
            </p>
            <a className="check-in-button" href={`tel:${entry.phone}`}>
              {t('panel.call', { name: entry.name })}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
