'use client';

import { isMaskedPhone } from '@/lib/privacy';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { TimeZone } from '@/lib/domain';
import type { CheckInEntry } from '@/server/operations/queries';
import type { Locale } from '../../_i18n/config';
import { callApi } from '@/app/_shared/api';
import type { Json } from '@/app/_shared/json';
import { formatSpan, formatWhen } from '@/app/_shared/time';
import './operations.css';

type Entry = Json<CheckInEntry>;

/**
 * The incident's safety check-ins, alarms first: who is on site, when each is due, amber when late, red
 * when critical or asking for help, and the last position they shared (with its age). Coordinators of
 * the incident mark a call ("sudah dihubungi") and resolve an alarm. `refreshKey` changes on every
 * check-in or assignment event of the incident, so the list follows live.
 */
export function CheckInPanel({
  incidentId,
  refreshKey,
  canAct,
  timeZone,
  now,
}: {
  incidentId: string;
  refreshKey: number;
  canAct: boolean;
  timeZone: TimeZone;
  now: number | null;
}) {
  const t = useTranslations('operations');
  const locale = useLocale() as Locale;
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void callApi<{ entries: Entry[] }>(`/api/incidents/${incidentId}/check-ins`).then((result) => {
      if (!current) return;
      if (result.ok) setEntries(result.data.entries);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [incidentId, refreshKey]);

  async function act(entry: Entry, action: 'contacted' | 'resolve') {
    let body: Record<string, string> = {};
    if (action === 'contacted') {
      const note = window.prompt(t('panel.contactedNote'));
      if (note === null || !note.trim()) return;
      body = { note: note.trim() };
    }
    const result = await callApi<Entry>(`/api/assignments/${entry.assignmentId}/check-in/${action}`, { body });
    setError(result.ok ? null : result.error);
  }

  const when = (iso: string) => formatWhen(iso, timeZone, locale);
  const list = entries ?? [];
  return (
    <section className="card check-in-panel" aria-labelledby="check-ins-title" data-testid="check-ins">
      <h2 id="check-ins-title">{t('panel.title', { count: list.length })}</h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {entries && list.length === 0 ? <p className="hint">{t('panel.empty')}</p> : null}
      <ul className="check-in-list">
        {list.map((entry) => {
          const overdue = now !== null && Date.parse(entry.dueAt) <= now;
          return (
            <li
              key={entry.assignmentId}
              className={`check-in check-in-${entry.state}`}
              data-testid="check-in"
              data-state={entry.state}
              data-volunteer={entry.volunteerId}
            >
              <div className="check-in-head">
                <strong>{entry.name}</strong>
                <span className={`check-in-pill check-in-pill-${entry.state}`} data-testid="check-in-state">
                  {t(`states.${entry.state}`)}
                </span>
              </div>
              <p className="check-in-line">
                {overdue && now !== null
                  ? t('panel.overdueSince', {
                      when: when(entry.dueAt),
                      span: formatSpan(now - Date.parse(entry.dueAt), locale),
                    })
                  : t('panel.due', { when: when(entry.dueAt) })}
                {' · '}
                {entry.lastCheckInAt ? t('panel.lastCheckIn', { when: when(entry.lastCheckInAt) }) : t('panel.never')}
              </p>
              {entry.lastNote ? <p className="check-in-line">{t('panel.note', { note: entry.lastNote })}</p> : null}
              {entry.contactedAt && entry.contactedNote ? (
                <p className="check-in-line">
                  {t('panel.contacted', { when: when(entry.contactedAt), note: entry.contactedNote })}
                </p>
              ) : null}
              <p className="check-in-line">
                {entry.lastPosition ? (
                  <a
                    href={`https://www.openstreetmap.org/?mlat=${entry.lastPosition.lat}&mlon=${entry.lastPosition.lng}#map=15/${entry.lastPosition.lat}/${entry.lastPosition.lng}`}
                    target="_blank"
                    rel="noopener noreferrer"
                    data-testid="check-in-position"
                  >
                    {t('panel.position', {
                      span: formatSpan(
                        (now ?? Date.parse(entry.lastPosition.at)) - Date.parse(entry.lastPosition.at),
                        locale,
                      ),
                    })}
                  </a>
                ) : (
                  t('panel.noPosition')
                )}
              </p>
              <div className="check-in-actions">
                {isMaskedPhone(entry.phone) ? null : (
                  <a className="check-in-button" href={`tel:${entry.phone}`}>
                    {t('panel.call', { name: entry.name })}
                  </a>
                )}
                {canAct && entry.state !== 'ok' ? (
                  <>
                    <button type="button" className="check-in-button" onClick={() => void act(entry, 'contacted')}>
                      {t('panel.markContacted')}
                    </button>
                    <button type="button" className="button-primary" onClick={() => void act(entry, 'resolve')}>
                      {t('panel.resolve')}
                    </button>
                  </>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
