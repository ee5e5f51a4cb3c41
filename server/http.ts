import { parseCookie, stringifySetCookie } from 'cookie';
import type { Actor } from '../lib/roles';
import { hashToken, resolveSession, SESSION_COOKIE, type ResolvedSession } from './auth/sessions';
import { getAppContext, type AppContext } from './context';
import {
  DATABASE_UNAVAILABLE,
  DomainError,
  isDatabaseUnavailable,
  RateLimitedError,
  RETRY_AFTER_SECONDS,
  type DomainErrorCode,
} from './errors';
import { logger } from './log';
import { API_TOKEN_READ_ONLY } from '../lib/api-tokens';
import { API_TOKEN_READ_METHODS, resolveApiToken } from './api-tokens/resolve';
import { CLIENT_ADDRESS_HEADER } from './security';

const STATUS: Record<DomainErrorCode, number> = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/**
 * The one place where domain failures become HTTP answers; an unreachable database is a 503 the page
 * retries; unknown failures never show their message.
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof BodyTooLarge) {
    return Response.json(
      { error: error.message, code: 'TOO_LARGE' },
      { status: 413, headers: { connection: 'close' } },
    );
  }
  if (error instanceof DomainError) {
    return Response.json(
      { error: error.message, code: error.code, ...(error.details && { details: error.details }) },
      {
        status: STATUS[error.code],
        ...(error instanceof RateLimitedError && { headers: { 'retry-after': String(error.retryAfterSeconds) } }),
      },
    );
  }
  if (isDatabaseUnavailable(error)) {
    logger().warn({ err: error }, 'Database unavailable');
    return Response.json(
      { error: DATABASE_UNAVAILABLE, code: 'UNAVAILABLE' },
      { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } },
    );
  }
  logger().error({ err: error }, 'Request failed');
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
const NOT_OBJECT = 'Isi permintaan harus berupa objek JSON, mis. {"alasan": "…"}.';

/** The most a JSON body may hold; only file uploads have a larger, documented cap of their own. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** A body over its route's cap: 413, refused while it arrives, before it is parsed or held whole. */
export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
  /** `message` says what to do where the cap has a reason of its own (a file, a form). */
  constructor(
    readonly limit: number,
    message = `Isi permintaan lebih dari ${formatBytes(limit)}. Kirim data yang lebih kecil.`,
  ) {
    super(message);
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * The request's body as bytes, read with a cap: a declared Content-Length over it is refused before
 * reading, and a body that grows past it while streaming is refused at that moment (the rest unread).
 */
export async function readBodyBytes(
  request: Request,
  limit: number,
  refusal: () => Error = () => new BodyTooLarge(limit),
): Promise<Buffer<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw refusal();
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => undefined);
      throw refusal();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The request's JSON body (at most MAX_JSON_BODY_BYTES), without judging its shape; '' when empty. */
async function readJsonValue(request: Request): Promise<{ empty: true } | { empty: false; value: unknown }> {
  const text = new TextDecoder().decode(await readBodyBytes(request, MAX_JSON_BODY_BYTES));
  if (text.trim() === '') return { empty: true };
  try {
    return { empty: false, value: JSON.parse(text) as unknown };
  } catch {
    throw new DomainError('INVALID', NOT_JSON);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The one reader of JSON bodies: at most 1 MB, valid JSON, and an object (`null`, arrays, strings and
 * numbers are refused with 400); an empty body counts as `{}` where `emptyIsObject` allows it.
 */
export async function readJson(
  request: Request,
  { emptyIsObject = false }: { emptyIsObject?: boolean } = {},
): Promise<Record<string, unknown>> {
  const body = await readJsonValue(request);
  if (body.empty) {
    if (emptyIsObject) return {};
    throw new DomainError('INVALID', NOT_JSON);
  }
  if (!isObject(body.value)) throw new DomainError('INVALID', NOT_OBJECT);
  return body.value;
}

/**
 * The JSON body of a route under `/{id}/…` with the path's ids added (they win over the body's); an
 * empty body counts as `{}`; a body that is not an object is refused.
 */
export async function readJsonWith(request: Request, ids: Record<string, string>): Promise<Record<string, unknown>> {
  return { ...(await readJson(request, { emptyIsObject: true })), ...ids };
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
  /** A decimal number such as a latitude ("-1.8723"); anything else stays text for the schema to refuse. */
  decimal(params: URLSearchParams, name: string): number | string | undefined {
    const value = params.get(name);
    return value !== null && /^-?\d{1,4}(\.\d{1,12})?$/.test(value) ? Number(value) : (value ?? undefined);
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

/** The token of an `Authorization: Bearer …` header, if the request carries one. */
export function bearerToken(request: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1];
}

/**
 * The signed-in actor of a route handler's request; a request without a live session is refused. A
 * request with an API token acts as a leader of the token's province, and only reads.
 */
export async function requireActor(request: Request, ctx: AppContext = getAppContext()): Promise<ResolvedSession> {
  const token = bearerToken(request);
  if (token !== undefined) {
    if (!API_TOKEN_READ_METHODS.has(request.method)) throw new DomainError('FORBIDDEN', API_TOKEN_READ_ONLY);
    const actor = await resolveApiToken({ db: ctx.db, now: ctx.now(), limits: ctx.apiTokenLimits }, token);
    return { actor, tokenHash: hashToken(token) };
  }
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
