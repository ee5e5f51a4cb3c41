import { z } from 'zod';
import { PROVINCE_CODE } from '../lib/domain';

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
  })
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
