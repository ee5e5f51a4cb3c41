import { createHmac, timingSafeEqual } from 'node:crypto';

export const hmacHex = (secret: string, data: string | Buffer): string =>
  createHmac('sha256', secret).update(data).digest('hex');

/** `sha256=<hex>` of the raw body, as the generic gateway and WhatsApp (X-Hub-Signature-256) sign. */
export const signBody = (secret: string, body: string | Buffer): string => `sha256=${hmacHex(secret, body)}`;

/** Compares in constant time; a missing or malformed signature is simply not equal. */
export function sameSignature(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given.trim());
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A webhook's timestamp older than this (or as far in the future) is a replay and refused. */
export const MAX_WEBHOOK_AGE_MS = 5 * 60_000;

export function isFresh(at: Date, now: Date): boolean {
  const age = now.getTime() - at.getTime();
  return Number.isFinite(age) && Math.abs(age) <= MAX_WEBHOOK_AGE_MS;
}
