'use client';

import { useSyncExternalStore } from 'react';

/** While the server says its database is down, health is asked this often until it answers again. */
const HEALTH_EVERY_MS = 5_000;

let down = false;
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

function set(value: boolean): void {
  if (down === value) return;
  down = value;
  for (const listener of listeners) listener();
}

function checkLater(): void {
  if (timer) return;
  timer = setTimeout(async () => {
    timer = null;
    const answer = await fetch('/api/health', { cache: 'no-store' }).catch(() => null);
    if (answer?.ok) set(false);
    else if (down) checkLater();
  }, HEALTH_EVERY_MS);
}

/** An answer said the server cannot reach its database (HTTP 503 UNAVAILABLE or an UNAVAILABLE ack). */
export function reportDatabaseDown(): void {
  set(true);
  checkLater();
}

/** An answer came back from the database: the outage is over. */
export function reportDatabaseUp(): void {
  set(false);
}

/** Whether the page last heard that the server cannot reach its database. */
export function useDatabaseDown(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => down,
    () => false,
  );
}
