import { z } from 'zod';
import { PROVINCE_CODE } from '../lib/domain';

/** Blank variables count as unset, so `FOO= npm start` behaves like no FOO at all. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const Env = z.object({
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
  /** Seed demo data into an empty embedded database (default on); PostgreSQL uses `npm run db:seed`. */
  POSKO_DEMO: z
    .enum(['0', '1', 'false', 'true'])
    .default('1')
    .transform((value) => value === '1' || value === 'true'),
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
