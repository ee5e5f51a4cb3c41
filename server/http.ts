import { parseCookie, stringifySetCookie } from 'cookie';
import type { Actor } from '../lib/roles';
import { resolveSession, SESSION_COOKIE, type ResolvedSession } from './auth/sessions';
import { getAppContext, type AppContext } from './context';
import { DomainError, type DomainErrorCode } from './errors';
import { CLIENT_ADDRESS_HEADER } from './security';

const STATUS: Record<DomainErrorCode, number> = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/** The one place where domain failures become HTTP answers; unknown failures never show their message. */
export function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    return Response.json(
      { error: error.message, code: error.code, ...(error.details && { details: error.details }) },
      { status: STATUS[error.code] },
    );
  }
  console.error('Request failed:', error);
  return Response.json({ error: 'Terjadi kesalahan di server. Coba lagi.', code: 'INTERNAL' }, { status: 500 });
}

/** Runs a route handler body, mapping every failure through errorResponse. */
export async function respond(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    return errorResponse(error);
  }
}

const NOT_JSON = 'Isi permintaan harus JSON yang valid.';

/** The request's JSON body; a body that is not JSON is the client's mistake, not a 500. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new DomainError('INVALID', NOT_JSON);
  }
}

/**
 * The JSON body of a route under `/{id}/…` with the path's ids added (they win over the body's); an
 * empty body counts as `{}`. A body that is not an object is passed on for the verb's schema to refuse.
 */
export async function readJsonWith(request: Request, ids: Record<string, string>): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') return ids;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DomainError('INVALID', NOT_JSON);
  }
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, ...ids } : body;
}

/**
 * Query-string values as the types the schemas expect: `true`/`false` as booleans, whole numbers as
 * numbers, comma-separated or repeated values as lists. Anything else stays a string, so the schema
 * refuses it with its own message; a missing value is undefined.
 */
export const query = {
  boolean(params: URLSearchParams, name: string): boolean | string | undefined {
    const value = params.get(name);
    return value === 'true' ? true : value === 'false' ? false : (value ?? undefined);
  },
  integer(params: URLSearchParams, name: string): number | string | undefined {
    const value = params.get(name);
    return value !== null && /^-?\d{1,15}$/.test(value) ? Number(value) : (value ?? undefined);
  },
  list(params: URLSearchParams, name: string): string[] {
    return params
      .getAll(name)
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter(Boolean);
  },
  text(params: URLSearchParams, name: string): string | undefined {
    return params.get(name) ?? undefined;
  },
};

/** The session token the request carries, if any. */
function sessionToken(request: Request): string | undefined {
  return parseCookie(request.headers.get('cookie') ?? '')[SESSION_COOKIE];
}

/** The signed-in actor of a route handler's request; a request without a live session is refused. */
export async function requireActor(request: Request, ctx: AppContext = getAppContext()): Promise<ResolvedSession> {
  const session = await resolveSession(ctx.db, sessionToken(request), { now: ctx.now(), policy: ctx.sessionPolicy });
  if (!session) throw new DomainError('UNAUTHENTICATED', 'Sesi Anda sudah berakhir atau belum masuk. Silakan masuk.');
  return session;
}

/** The running app acting for the request's signed-in person: what a route hands a domain verb. */
export async function actingFor(request: Request): Promise<AppContext & { actor: Actor }> {
  const ctx = getAppContext();
  const { actor } = await requireActor(request, ctx);
  return { ...ctx, actor };
}

/** The caller as the custom server recorded it (never a client-supplied forwarding header). */
export function clientOf(request: Request): { address: string; userAgent: string | null } {
  return {
    address: request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown',
    userAgent: request.headers.get('user-agent'),
  };
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
}

/** The session cookie: httpOnly, SameSite=Lax, Secure behind HTTPS, gone when the session ends. */
export function sessionCookie(request: Request, token: string, expiresAt: Date): string {
  return stringifySetCookie({
    name: SESSION_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(request),
    path: '/',
    expires: expiresAt,
  });
}

export function clearedSessionCookie(request: Request): string {
  return stringifySetCookie({
    name: SESSION_COOKIE,
    value: '',
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(request),
    path: '/',
    maxAge: 0,
  });
}

/** The address people open Posko at, for links handed to phones. */
export function publicBaseUrl(request: Request, ctx: AppContext = getAppContext()): string {
  if (ctx.env.POSKO_PUBLIC_URL) return ctx.env.POSKO_PUBLIC_URL.replace(/\/$/, '');
  const host = request.headers.get('host') ?? new URL(request.url).host;
  return `${isHttps(request) ? 'https' : 'http'}://${host}`;
}
