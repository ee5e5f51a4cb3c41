import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What every line written while handling one request, command or timed job carries. */
export interface LogContext {
  requestId?: string;
  command?: string;
  job?: string;
}

/** Where the JSON lines go: stdout, or a test's capture. */
export interface LogSink {
  write(line: string): void;
}

const REDACTED = '[disembunyikan]';

/**
 * Fields that never reach a line, at the top and one level down (pino's paths take one wildcard):
 * secrets, tokens, cookies, passwords, push keys, phone numbers and NIK.
 */
const SECRET_FIELDS = [
  'password',
  'newPassword',
  'token',
  'cookie',
  'authorization',
  'secret',
  'phone',
  'toPhone',
  'fromPhone',
  'emergencyPhone',
  'nik',
  'p256dh',
  'auth',
  'endpoint',
  'keys',
  'params',
  'detail',
];
const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
];

// Whatever slips into a message (a driver's error text, a provider's answer) is scrubbed on the line
// itself: Indonesian phone numbers, 16-digit NIK, bearer tokens and long random tokens (digits and both cases, as base64url has).
const SCRUBS: [RegExp, string][] = [
  [/(?<![\w+-])(?:\+?62|0)[\s-]?8(?:[\s-]?\d){7,12}(?!\d)/g, '[nomor]'],
  [/(?<!\d)\d{16}(?!\d)/g, '[nik]'],
  [/(Bearer|Basic)\s+[^\s"\\]+/gi, '$1 [token]'],
  [/(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Z])(?=[\w-]*[a-z])[\w-]{32,}(?![\w-])/g, '[token]'],
];

/** A line with every phone number, NIK and token-looking value replaced. */
export function scrub(line: string): string {
  return SCRUBS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), line);
}

interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  code?: string;
  cause?: SerializedError;
}

/**
 * An error with its chain of causes, keeping only type, message, stack and code: drivers hang the
 * query's parameters (passwords' hashes, phone numbers) on their errors and into their messages.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  const { code } = error as { code?: unknown };
  const message = error.message.replace(/\nparams: [\s\S]*$/, '\nparams: [disembunyikan]');
  return {
    type: error.constructor?.name ?? error.name,
    message,
    ...(error.stack && { stack: error.stack.replace(error.message, message) }),
    ...(typeof code === 'string' && { code }),
    ...(error.cause !== undefined && depth < 5 && { cause: serializeError(error.cause, depth + 1) }),
  };
}

interface LogState {
  logger: Logger;
  sink: LogSink;
  context: AsyncLocalStorage<LogContext>;
}

// Next bundles route handlers apart from the custom server: both halves meet on globalThis, so there is
// one logger, one sink and one request context in the process.
const globalForLog = globalThis as typeof globalThis & { __poskoLog?: LogState };

function state(): LogState {
  if (globalForLog.__poskoLog) return globalForLog.__poskoLog;
  const context = new AsyncLocalStorage<LogContext>();
  const holder: LogState = {
    sink: process.stdout,
    context,
    logger: undefined as unknown as Logger,
  };
  holder.logger = pino(
    {
      level: 'info',
      base: { service: 'posko' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError, error: serializeError },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      mixin: () => ({ ...context.getStore() }),
      hooks: { streamWrite: scrub },
    },
    { write: (line: string) => holder.sink.write(line) },
  );
  globalForLog.__poskoLog = holder;
  return holder;
}

/** The process's logger: JSON lines on stdout, each with the request, command or job it belongs to. */
export function logger(): Logger {
  return state().logger;
}

/** Sets the level (POSKO_LOG_LEVEL) and, for tests, where the lines go. */
export function configureLog({ level, sink }: { level: LogLevel; sink?: LogSink }): void {
  const current = state();
  current.logger.level = level;
  if (sink) current.sink = sink;
}

/** Runs `work` with `context` on every line logged inside it, across awaits. */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  const { context: storage } = state();
  return storage.run({ ...storage.getStore(), ...context }, work);
}

/** The request id of the work running now, if any. */
export function currentRequestId(): string | undefined {
  return state().context.getStore()?.requestId;
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** A caller's `X-Request-Id` when it is sane (a proxy's id), otherwise a new one. */
export function requestIdFrom(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
