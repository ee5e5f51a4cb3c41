'use client';

import { useEffect, useState } from 'react';

/**
 * The current time, ticking; null during the server render and hydration, so relative times ("5 mnt
 * lalu") are only written by the browser and never disagree with the server's HTML.
 */
export function useNow(everyMs = 15_000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [everyMs]);
  return now;
}
