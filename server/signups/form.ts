import { stringifySetCookie } from 'cookie';
import { MAX_SIGNUP_BODY_BYTES } from '../../lib/signups';
import { DomainError } from '../errors';
import { BodyTooLarge, readBodyBytes } from '../http';

/** The fields the public form has; anything else a request sends is dropped. */
export const SIGNUP_FIELDS = [
  'name',
  'phone',
  'nik',
  'regencyCode',
  'districtCode',
  'village',
  'gender',
  'birthYear',
  'skills',
  'consent',
] as const;
type SignupField = (typeof SIGNUP_FIELDS)[number];

const TOO_BIG = 'Isian formulir terlalu panjang. Periksa isian Anda lalu kirim lagi.';

/** The body, read only up to the cap: a hostile sender cannot make the server hold megabytes. */
async function cappedText(request: Request): Promise<string> {
  const bytes = await readBodyBytes(
    request,
    MAX_SIGNUP_BODY_BYTES,
    () => new BodyTooLarge(MAX_SIGNUP_BODY_BYTES, TOO_BIG),
  );
  return Buffer.from(bytes).toString('utf8');
}

/** The form as a browser posts it (urlencoded or multipart) or as JSON; only the known fields, as strings. */
export async function readSignupForm(request: Request): Promise<Partial<Record<SignupField, string>>> {
  const type = request.headers.get('content-type') ?? '';
  const text = await cappedText(request);
  let entries: [string, unknown][];
  if (type.includes('application/json')) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new DomainError('INVALID', 'Isi permintaan harus JSON yang valid.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new DomainError('INVALID', 'Data yang dikirim harus berupa objek JSON.');
    }
    entries = Object.entries(body);
  } else if (type.includes('application/x-www-form-urlencoded') || type === '') {
    entries = [...new URLSearchParams(text).entries()];
  } else {
    throw new DomainError('INVALID', 'Kirim formulir sebagai application/x-www-form-urlencoded atau JSON.');
  }
  const form: Partial<Record<SignupField, string>> = {};
  for (const [key, value] of entries) {
    if (
      (SIGNUP_FIELDS as readonly string[]).includes(key) &&
      (typeof value === 'string' || typeof value === 'number')
    ) {
      form[key as SignupField] = String(value);
    }
  }
  return form;
}

/** What the form shows again after a refused sending: the message, the fields' messages, what was typed. */
export interface SignupFormEcho {
  error: string;
  details: Record<string, string[]>;
  values: Partial<Record<SignupField, string>>;
}

export const SIGNUP_ECHO_COOKIE = 'posko_daftar';

/** The echo travels in a short-lived cookie for this link's pages only, never in the address. */
export function signupEchoCookie(token: string, echo: SignupFormEcho | null, secure: boolean): string {
  const path = `/daftar/${token}`;
  if (!echo) return stringifySetCookie({ name: SIGNUP_ECHO_COOKIE, value: '', path, maxAge: 0, httpOnly: true });
  const values = Object.fromEntries(
    Object.entries(echo.values).flatMap(([key, value]) => (value ? [[key, value.slice(0, 300)]] : [])),
  );
  const value = Buffer.from(JSON.stringify({ ...echo, values })).toString('base64url');
  return stringifySetCookie({
    name: SIGNUP_ECHO_COOKIE,
    value,
    path,
    maxAge: 300,
    httpOnly: true,
    sameSite: 'lax',
    secure,
  });
}

export function readSignupEcho(cookie: string | undefined): SignupFormEcho | null {
  if (!cookie) return null;
  try {
    const echo = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')) as SignupFormEcho;
    if (typeof echo.error !== 'string' || typeof echo.details !== 'object' || typeof echo.values !== 'object')
      return null;
    return echo;
  } catch {
    return null;
  }
}
