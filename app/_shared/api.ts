'use client';

import { reportDatabaseDown, reportDatabaseUp } from './outage';

/** A JSON call to Posko's own API; failures come back as the server's message, ready to show. */
export async function callApi<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ ok: true; data: T } | { ok: false; error: string; details?: Record<string, string[]>; status: number }> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, error: 'Tidak ada koneksi ke server. Periksa sinyal lalu coba lagi.' };
  }
  const body = (await response.json().catch(() => null)) as
    (T & { error?: undefined }) | { error: string; code?: string; details?: Record<string, string[]> } | null;
  if (response.ok) {
    reportDatabaseUp();
    return { ok: true, data: body as T };
  }
  const failure = body && 'error' in body && body.error ? body : null;
  if (response.status === 503 && failure?.code === 'UNAVAILABLE') reportDatabaseDown();
  return {
    ok: false,
    status: response.status,
    error: failure?.error ?? 'Terjadi kesalahan. Coba lagi.',
    details: failure?.details,
  };
}
