'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { IncidentType } from '@/lib/domain';
import type { NearbyIncident } from '@/lib/dispatch';
import type { Point } from '@/lib/geo';
import { callApi } from '@/app/_shared/api';

/**
 * Running incidents of the same type in the same kabupaten/kota (near the point, when one is picked), read
 * again whenever the form's type, kabupaten or point changes: the ones the new report may repeat.
 */
export function useNearbyIncidents(type: IncidentType, regencyCode: string, point: Point | null): NearbyIncident[] {
  const [found, setFound] = useState<{ key: string; candidates: NearbyIncident[] } | null>(null);
  const lat = point?.lat;
  const lng = point?.lng;
  const key = regencyCode ? `${type} ${regencyCode} ${lat ?? ''} ${lng ?? ''}` : '';
  useEffect(() => {
    if (!key) return;
    let current = true;
    const params = new URLSearchParams({ type, regencyCode });
    if (lat !== undefined && lng !== undefined) {
      params.set('lat', String(lat));
      params.set('lng', String(lng));
    }
    const timer = setTimeout(() => {
      void callApi<{ candidates: NearbyIncident[] }>(`/api/incidents/nearby?${params}`).then((result) => {
        if (current && result.ok) setFound({ key, candidates: result.data.candidates });
      });
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, type, regencyCode, lat, lng]);
  return found?.key === key ? found.candidates : [];
}

/** "Mungkin kejadian yang sama: <title>, <distance> km" with a link to each, and "Bukan, catat baru". */
export function NearbyQuestion({
  candidates,
  busy,
  id,
}: {
  candidates: NearbyIncident[];
  busy: boolean;
  /** The element the form focuses when it asks. */
  id: string;
}) {
  const t = useTranslations('map.nearby');
  const format = useFormatter();
  return (
    <div
      className="nearby-question"
      role="group"
      aria-labelledby={`${id}-title`}
      id={id}
      tabIndex={-1}
      data-testid="nearby"
    >
      <p className="nearby-title" id={`${id}-title`}>
        {t('question')}
      </p>
      <ul>
        {candidates.map((candidate) => (
          <li key={candidate.id}>
            <a href={`/kejadian/${candidate.id}`} data-testid="nearby-incident">
              {candidate.distanceKm === null
                ? t('candidateNoDistance', { title: candidate.title })
                : t('candidate', {
                    title: candidate.title,
                    km: format.number(candidate.distanceKm, { maximumFractionDigits: 1 }),
                  })}
            </a>
          </li>
        ))}
      </ul>
      <p className="hint">{t('hint')}</p>
      <button type="submit" name="notSame" value="yes" disabled={busy} data-testid="not-same">
        {t('notSame')}
      </button>
    </div>
  );
}
