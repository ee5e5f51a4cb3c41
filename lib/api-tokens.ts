import { z } from 'zod';
import { PROVINCE_CODE } from './domain';
import { dateTime, id, OBJECT_ERROR, text } from './fields';

/**
 * API tokens: another agency's system (BPBD, Kemensos) reads one province's data with
 * `Authorization: Bearer <token>`, as a leader of that province would, and changes nothing.
 */

/** Scope: the token's province. */
export const API_TOKEN_EVENTS = {
  issued: 'api_token.issued',
  revoked: 'api_token.revoked',
} as const;
export type ApiTokenEventType = (typeof API_TOKEN_EVENTS)[keyof typeof API_TOKEN_EVENTS];

/** Every token starts with this, so a leaked one is easy to recognise in a log or a repository. */
export const API_TOKEN_PREFIX = 'posko_';
/** What a change sent with a token is told: tokens only read. */
export const API_TOKEN_READ_ONLY =
  'Token API hanya untuk membaca (GET). Perubahan dilakukan oleh petugas yang masuk ke Posko.';

/** The longest a token may live. */
export const API_TOKEN_MAX_DAYS = 366;

export const IssueApiToken = z.object(
  {
    name: text('Nama sistem', 120, { min: 2, minError: 'Isi nama sistem yang memakai token, mis. "BPBD Kalteng".' }),
    provinceCode: z
      .string({ error: 'Pilih provinsi: provinceCode dua angka, mis. "62".' })
      .regex(PROVINCE_CODE, { error: 'provinceCode harus dua angka, mis. "62".' }),
    expiresAt: dateTime('Berlaku sampai'),
  },
  OBJECT_ERROR,
);
export type IssueApiToken = z.infer<typeof IssueApiToken>;

export const RevokeApiToken = z.object({ id: id('Token') }, OBJECT_ERROR);
export type RevokeApiToken = z.infer<typeof RevokeApiToken>;

/** A token as the admin page lists it: never the secret, only its first characters. */
export interface ApiTokenSummary {
  id: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  /** "posko_Ab3d…": enough to tell tokens apart. */
  hint: string;
  createdAt: string;
  createdByName: string | null;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  state: 'active' | 'expired' | 'revoked';
}

/** What issuing answers: the summary and, this once, the token itself. */
export interface IssuedApiToken {
  token: string;
  apiToken: ApiTokenSummary;
}
