import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../errors';
import { poskoMetrics } from './registry';

export interface Scrape {
  contentType: string;
  body: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The Prometheus text exposition of this process's metrics, for a caller holding POSKO_METRICS_TOKEN
 * as a bearer token. Without a configured token the endpoint does not exist (404).
 */
export async function scrapeMetrics({
  authorization,
  token,
}: {
  authorization: string | null;
  token: string | undefined;
}): Promise<Scrape> {
  if (!token) {
    throw new DomainError(
      'NOT_FOUND',
      'Metrik Posko tidak diaktifkan. Setel POSKO_METRICS_TOKEN di server, lalu kirim token itu sebagai "Authorization: Bearer …".',
    );
  }
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  // Compared as digests, in constant time: the answer's timing says nothing about the token.
  if (!given || !timingSafeEqual(digest(given), digest(token))) {
    throw new DomainError(
      'UNAUTHENTICATED',
      'Token metrik salah atau tidak ada. Kirim "Authorization: Bearer <POSKO_METRICS_TOKEN>".',
    );
  }
  const { registry } = poskoMetrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
