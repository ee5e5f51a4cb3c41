import { z } from 'zod';

/**
 * The answers that other systems rely on, as zod schemas: the document shows them and its test checks
 * every example against them.
 */

const ERROR_CODES = [
  'INVALID',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'TOO_LARGE',
  'UNAVAILABLE',
] as const;

/** Every refusal (server/http.ts errorResponse): a message a person can act on, in Bahasa Indonesia. */
export const ApiError = z.object({
  error: z.string(),
  code: z.enum(ERROR_CODES),
  /** Per field, the messages to show beside it. */
  details: z.record(z.string(), z.array(z.string())).optional(),
});

export const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['pglite', 'postgres']),
  down: z.array(z.string()).optional(),
  error: z.string().optional(),
});

const Counts = z.object({ available: z.number().int(), deployed: z.number().int(), unavailable: z.number().int() });

export const ProvinceAvailability = z.array(
  Counts.extend({
    code: z.string(),
    name: z.string(),
    byPillar: z.record(z.string(), Counts),
  }),
);

export const ApiTokenSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
  hint: z.string(),
  createdAt: z.iso.datetime(),
  createdByName: z.string().nullable(),
  expiresAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  state: z.enum(['active', 'expired', 'revoked']),
});

export const ApiTokenList = z.object({ tokens: z.array(ApiTokenSummary) });
export const IssuedApiTokenAnswer = z.object({ token: z.string(), apiToken: ApiTokenSummary });
export const RevokedApiTokenAnswer = z.object({ apiToken: ApiTokenSummary });
