import { z } from 'zod';
import { SMS_PROVIDERS } from '../lib/channels';
import { PROVINCE_CODE } from '../lib/domain';
import { LOG_LEVELS } from './log';

/** Blank variables count as unset, so `FOO= npm start` behaves like no FOO at all. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const Env = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    /** PostgreSQL when set; otherwise the embedded PGlite database in POSKO_DATA_DIR. */
    DATABASE_URL: optional(
      z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://'),
    ),
    /** Folder of the embedded database; `memory://` keeps it in memory (tests). */
    POSKO_DATA_DIR: z.string().min(1).default('./data'),
    /** The province the map opens on (official two-digit code). */
    POSKO_DEFAULT_PROVINCE: z
      .string()
      .regex(PROVINCE_CODE, 'POSKO_DEFAULT_PROVINCE must be a two-digit province code')
      .default('62'),
    /** Optional raster tiles, e.g. https://tile.example.org/{z}/{x}/{y}.png; the map draws without them. */
    TILE_URL: optional(z.string().url('TILE_URL must be a URL template such as https://…/{z}/{x}/{y}.png')),
    TILE_ATTRIBUTION: optional(z.string()),
    /** Sessions end after this long without any request, and after POSKO_SESSION_MAX_DAYS at most. */
    POSKO_SESSION_IDLE_HOURS: z.coerce
      .number()
      .positive()
      .default(14 * 24),
    POSKO_SESSION_MAX_DAYS: z.coerce.number().positive().default(30),
    /** Requests one API token may make per minute (other agencies' systems); past it, 429 with Retry-After. */
    POSKO_API_TOKEN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
    /**
     * Other origins (comma-separated, e.g. https://posko.dinsos.example.go.id) whose pages may send
     * changes and open sockets; the server's own origin is always allowed.
     */
    POSKO_ORIGINS: optional(
      z
        .string()
        .transform((value) =>
          value
            .split(',')
            .map((origin) => origin.trim())
            .filter(Boolean),
        )
        .pipe(
          z.array(z.url('POSKO_ORIGINS must be a comma-separated list of origins such as https://posko.example.org')),
        ),
    ),
    /** The Chromium (or Chrome) that prints situation reports as PDF; without one the print page still works. */
    POSKO_CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
    /** The address phones use to reach Posko, for activation links (default: the address the coordinator used). */
    POSKO_PUBLIC_URL: optional(z.url('POSKO_PUBLIC_URL must be a URL such as https://posko.example.org')),
    /**
     * Several Posko processes share one PostgreSQL: live updates then travel between them through
     * @socket.io/postgres-adapter. Off for one process, where it would only add a query per broadcast.
     */
    POSKO_CLUSTER: z
      .enum(['0', '1', 'false', 'true'])
      .default('0')
      .transform((value) => value === '1' || value === 'true'),
    /**
     * This process's name in a cluster (`npm run cluster` sets a, b, c…). Its live connections get a
     * `posko_node` cookie with it, so a load balancer can keep a browser's long-polling requests on the
     * process that holds its session (see server/cluster/nginx.conf).
     */
    POSKO_NODE_ID: optional(
      z.string().regex(/^[a-z0-9-]{1,32}$/, 'POSKO_NODE_ID must be 1–32 lowercase letters, digits or dashes'),
    ),
    /**
     * Addresses of the reverse proxies in front of Posko (comma-separated, e.g. 127.0.0.1). A request
     * from one of them is counted (sign-in limits, logs) under the address in its X-Real-IP header.
     */
    POSKO_TRUSTED_PROXIES: optional(
      z
        .string()
        .transform((list) =>
          list
            .split(',')
            .map((address) => address.trim())
            .filter(Boolean),
        )
        .pipe(z.array(z.union([z.ipv4(), z.ipv6()], { error: 'POSKO_TRUSTED_PROXIES must list IP addresses' }))),
    ),
    /**
     * Web Push (VAPID) key pair, base64url as `web-push generate-vapid-keys` prints them. Both or neither:
     * without them Posko generates a pair once and keeps it in the database.
     */
    POSKO_VAPID_PUBLIC_KEY: optional(
      z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, 'POSKO_VAPID_PUBLIC_KEY must be base64url'),
    ),
    POSKO_VAPID_PRIVATE_KEY: optional(
      z.string().regex(/^[A-Za-z0-9_-]{40,50}$/, 'POSKO_VAPID_PRIVATE_KEY must be base64url'),
    ),
    /** Who runs this Posko, for push services that need to reach the operator: mailto: or https: URL. */
    POSKO_VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:.+|https:\/\/.+)$/, 'POSKO_VAPID_SUBJECT must be a mailto: or https:// URL')
      .default('mailto:posko@localhost.localdomain'),
    /**
     * Push services besides the browsers' own (FCM, Mozilla, Apple, Microsoft), as comma-separated origins,
     * e.g. a self-hosted one; a plain-http origin is accepted only for localhost (tests, development).
     */
    POSKO_PUSH_ORIGINS: optional(
      z
        .string()
        .transform((value) =>
          value
            .split(',')
            .map((origin) => origin.trim())
            .filter(Boolean),
        )
        .pipe(z.array(z.url('POSKO_PUSH_ORIGINS must be a comma-separated list of origins'))),
    ),
    /** Seed demo data into an empty embedded database (default on); PostgreSQL uses `npm run db:seed`. */
    POSKO_DEMO: z
      .enum(['0', '1', 'false', 'true'])
      .default('1')
      .transform((value) => value === '1' || value === 'true'),
    /** Where the embedded database writes its daily backup; empty turns the daily backup off. */
    POSKO_BACKUP_DIR: z.string().default('./backups'),
    /** Daily backups older than this many days are deleted. */
    POSKO_BACKUP_KEEP_DAYS: z.coerce
      .number({ error: 'POSKO_BACKUP_KEEP_DAYS must be a whole number of days' })
      .int()
      .min(1)
      .max(3650)
      .default(7),
    /** Positions (arrival, check-ins) of an assignment are removed this many days after it ended. */
    POSKO_POSITION_RETENTION_DAYS: z.coerce
      .number({ error: 'POSKO_POSITION_RETENTION_DAYS must be a whole number of days' })
      .int()
      .min(1)
      .max(3650)
      .default(30),
    /** Who sends SMS: `log` (the outbox page only, no network), an Android phone at the posko, or an HTTP gateway. */
    POSKO_SMS_PROVIDER: z.enum(SMS_PROVIDERS).default('log'),
    /** The generic gateway: Posko POSTs `{ id, to, text }` here, signed with POSKO_SMS_WEBHOOK_SECRET. */
    POSKO_SMS_HTTP_URL: optional(z.url('POSKO_SMS_HTTP_URL must be a URL such as https://sms.example.org/send')),
    /** Signs what Posko sends to the HTTP gateway and checks what it posts back (at least 16 characters). */
    POSKO_SMS_WEBHOOK_SECRET: optional(z.string().min(16, 'POSKO_SMS_WEBHOOK_SECRET needs at least 16 characters')),
    /** SMS Gateway for Android: the phone's local server (e.g. http://192.168.1.20:8080) and its credentials. */
    POSKO_SMS_ANDROID_URL: optional(z.url('POSKO_SMS_ANDROID_URL must be a URL such as http://192.168.1.20:8080')),
    POSKO_SMS_ANDROID_USERNAME: optional(z.string().min(1)),
    POSKO_SMS_ANDROID_PASSWORD: optional(z.string().min(1)),
    /** The app's webhook signing key (Settings → Webhooks), checked on every webhook it posts. */
    POSKO_SMS_ANDROID_SIGNING_KEY: optional(
      z.string().min(8, 'POSKO_SMS_ANDROID_SIGNING_KEY needs at least 8 characters'),
    ),
    /** Texts sent per minute at most (the provider's or the SIM's limit). */
    POSKO_SMS_RATE_PER_MINUTE: z.coerce.number().positive().max(60_000).default(30),
    /** The first wait after a failed send; each later try waits twice as long. */
    POSKO_SMS_RETRY_SECONDS: z.coerce.number().positive().default(30),
    /** Tries before a text is marked failed. */
    POSKO_SMS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    /** WhatsApp Business Cloud API: the access token, the sending number's id, the app secret, the verify token. */
    POSKO_WHATSAPP_TOKEN: optional(z.string().min(1)),
    POSKO_WHATSAPP_PHONE_NUMBER_ID: optional(
      z.string().regex(/^[0-9]{5,30}$/, 'POSKO_WHATSAPP_PHONE_NUMBER_ID must be digits'),
    ),
    POSKO_WHATSAPP_APP_SECRET: optional(z.string().min(8)),
    POSKO_WHATSAPP_VERIFY_TOKEN: optional(z.string().min(8, 'POSKO_WHATSAPP_VERIFY_TOKEN needs at least 8 characters')),
    POSKO_WHATSAPP_API_URL: z.url('POSKO_WHATSAPP_API_URL must be a URL').default('https://graph.facebook.com/v21.0'),
    /** The approved template used outside the 24-hour window; its body has one parameter, the text. */
    POSKO_WHATSAPP_TEMPLATE: z.string().min(1).default('posko_pemberitahuan'),
    POSKO_WHATSAPP_TEMPLATE_LANGUAGE: z.string().min(2).default('id'),
    /** How much the JSON log on stdout says (default info; tests are silent unless this is set). */
    POSKO_LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `POSKO_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })),
    /** The bearer token Prometheus sends to GET /api/metrics; without it the endpoint is off. */
    POSKO_METRICS_TOKEN: optional(z.string().min(16, 'POSKO_METRICS_TOKEN needs at least 16 characters')),
  })
  .refine((env) => env.POSKO_SMS_PROVIDER !== 'http' || (env.POSKO_SMS_HTTP_URL && env.POSKO_SMS_WEBHOOK_SECRET), {
    error: 'POSKO_SMS_PROVIDER=http needs POSKO_SMS_HTTP_URL and POSKO_SMS_WEBHOOK_SECRET',
    path: ['POSKO_SMS_PROVIDER'],
  })
  .refine(
    (env) =>
      env.POSKO_SMS_PROVIDER !== 'android-sms-gateway' ||
      (env.POSKO_SMS_ANDROID_URL &&
        env.POSKO_SMS_ANDROID_USERNAME &&
        env.POSKO_SMS_ANDROID_PASSWORD &&
        env.POSKO_SMS_ANDROID_SIGNING_KEY),
    {
      error:
        'POSKO_SMS_PROVIDER=android-sms-gateway needs POSKO_SMS_ANDROID_URL, _USERNAME, _PASSWORD and _SIGNING_KEY',
      path: ['POSKO_SMS_PROVIDER'],
    },
  )
  .refine(
    (env) => {
      const set = [
        env.POSKO_WHATSAPP_TOKEN,
        env.POSKO_WHATSAPP_PHONE_NUMBER_ID,
        env.POSKO_WHATSAPP_APP_SECRET,
        env.POSKO_WHATSAPP_VERIFY_TOKEN,
      ].filter(Boolean).length;
      return set === 0 || set === 4;
    },
    {
      error:
        'WhatsApp needs all of POSKO_WHATSAPP_TOKEN, _PHONE_NUMBER_ID, _APP_SECRET and _VERIFY_TOKEN, or none of them',
      path: ['POSKO_WHATSAPP_TOKEN'],
    },
  )
  .refine((env) => !env.POSKO_VAPID_PUBLIC_KEY === !env.POSKO_VAPID_PRIVATE_KEY, {
    error: 'set both POSKO_VAPID_PUBLIC_KEY and POSKO_VAPID_PRIVATE_KEY, or neither',
    path: ['POSKO_VAPID_PUBLIC_KEY'],
  });
export type Env = z.infer<typeof Env>;

/** Thrown with every problem in one message, ready to print as one line. */
export class EnvError extends Error {
  override name = 'EnvError';
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = Env.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new EnvError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return result.data;
}
