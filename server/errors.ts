import type { z } from 'zod';

export type DomainErrorCode = 'INVALID' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT' | 'RATE_LIMITED';

/** A failure a person can act on. Only these codes and messages ever reach a client. */
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, string[]>,
  ) {
    super(message);
  }
}

/** A refusal for going too fast, with how long to wait (sent as Retry-After). */
export class RateLimitedError extends DomainError {
  override name = 'RateLimitedError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message);
  }
}

/** The refusal a check throws, as a value (null when it passes); any other failure is thrown on. */
export function refusalOf(check: () => void): DomainError | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

/** zod issues as `{ field: [messages] }`, for forms to show beside the field. */
export function issueDetails(error: z.ZodError): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '_';
    (details[field] ??= []).push(issue.message);
  }
  return details;
}

/** Parses a verb's input again at the domain boundary; bad input becomes an INVALID DomainError. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new DomainError('INVALID', 'Data yang dikirim tidak valid.', issueDetails(result.error));
  }
  return result.data;
}

/** What a person is told while the database cannot be reached; the page retries by itself. */
export const DATABASE_UNAVAILABLE =
  'Server Posko tidak dapat menghubungi basis datanya saat ini. Coba lagi dalam beberapa detik; ketukan yang belum terkirim tetap disimpan dan dikirim ulang.';

/** Seconds a client should wait before asking again during a database outage (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

// PostgreSQL's SQLSTATE classes and codes that mean "not reachable now", not "your request was wrong":
// 08 connection exceptions, 57P01–57P03 shutdown or start-up, 53300 too many connections.
const UNREACHABLE_STATES = /^(08...|57P0[123]|53300)$/;
const UNREACHABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const UNREACHABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|PGlite is closed/i;

/** Whether a failure means the database is unreachable (a transient outage), looking through wrapped causes. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && (UNREACHABLE_STATES.test(code) || UNREACHABLE_ERRNO.has(code))) return true;
    if (UNREACHABLE_MESSAGES.test(current.message)) return true;
    if (current instanceof AggregateError && current.errors.some(isDatabaseUnavailable)) return true;
    current = current.cause;
  }
  return false;
}
