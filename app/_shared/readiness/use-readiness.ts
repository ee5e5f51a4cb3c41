'use client';

import { useEffect, useState } from 'react';
import { affectsReadiness, type ProvinceReadiness } from '@/lib/readiness';
import type { AvailabilityChanged, LiveEvent } from '@/lib/realtime';
import { callApi } from '../api';
import { useLiveEvents } from '../live-events';
import { useRefresher } from '../refresher';
import { getSocket } from '../socket';

/**
 * A province's readiness, read again from the server after every rule change, every change to a
 * volunteer and every recount of the province's availability (which staff scoped to one kabupaten/kota
 * receive for the whole province). The page must follow the province's map (`map:watch`); null: nothing
 * to follow (the national view).
 */
export function useReadiness(initial: ProvinceReadiness | null): {
  readiness: ProvinceReadiness | null;
  /** Reads it again now (after the page itself changed a rule). */
  refresh(): void;
} {
  const [readiness, setReadiness] = useState(initial);
  const provinceCode = initial?.provinceCode ?? null;
  const refresh = useRefresher(async () => {
    if (!provinceCode) return;
    const result = await callApi<ProvinceReadiness>(`/api/readiness?provinceCode=${provinceCode}`);
    if (result.ok) {
      setReadiness((current) => (current && current.position > result.data.position ? current : result.data));
    }
  }, 100);

  useLiveEvents(
    initial?.position ?? 0,
    (event: LiveEvent) => {
      if (event.provinceCode === provinceCode && affectsReadiness(event.type)) refresh();
    },
    refresh,
  );
  useEffect(() => {
    if (!provinceCode) return;
    const socket = getSocket();
    const onChanged = (change: AvailabilityChanged) => {
      if (change.provinceCode === provinceCode) refresh();
    };
    socket.on('availability:changed', onChanged);
    return () => {
      socket.off('availability:changed', onChanged);
    };
  }, [provinceCode, refresh]);
  return { readiness, refresh };
}
