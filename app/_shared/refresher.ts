'use client';

import { useCallback, useEffect, useRef } from 'react';

/**
 * Coalesces many "something changed" signals into few reloads: one reload runs at a time, and a signal
 * that arrives while one runs starts another afterwards, so the last answer is never older than the
 * last signal.
 */
export function useRefresher(reload: () => Promise<void>, delayMs = 150): () => void {
  const latest = useRef(reload);
  const state = useRef({ running: false, dirty: false, timer: null as ReturnType<typeof setTimeout> | null });
  useEffect(() => {
    latest.current = reload;
  });
  useEffect(() => {
    const current = state.current;
    return () => {
      if (current.timer) clearTimeout(current.timer);
    };
  }, []);

  const run = useCallback(async () => {
    const current = state.current;
    current.timer = null;
    if (current.running) return;
    current.running = true;
    while (current.dirty) {
      current.dirty = false;
      await latest.current().catch(() => {});
    }
    current.running = false;
  }, []);

  return useCallback(() => {
    const current = state.current;
    current.dirty = true;
    if (!current.running && !current.timer) current.timer = setTimeout(() => void run(), delayMs);
  }, [delayMs, run]);
}
