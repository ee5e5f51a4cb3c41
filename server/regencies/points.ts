import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { BOUNDARIES_DIR } from '../../db/boundaries/paths';
import type { Database } from '../../db/client';

/** `points.json` of the boundary build: a label point for every official regency code. */
export const RegencyPoints = z.record(z.string(), z.object({ lat: z.number(), lng: z.number(), polygon: z.boolean() }));
export type RegencyPoint = z.infer<typeof RegencyPoints>[string];

/**
 * Copies each regency's label point from the built boundaries into the database, where distances and
 * lists read it. One statement, so it is cheap enough to run at every start (and after an import).
 */
export async function applyRegencyPoints(db: Database, dir = BOUNDARIES_DIR): Promise<number> {
  const file = path.join(dir, 'points.json');
  if (!existsSync(file)) return 0;
  const points = RegencyPoints.parse(JSON.parse(readFileSync(file, 'utf8')));
  const rows = Object.entries(points).map(
    ([code, point]) => sql`(${code}, ${point.lat}::float8, ${point.lng}::float8)`,
  );
  if (rows.length === 0) return 0;
  await db.execute(sql`
    update regencies set lat = point.lat, lng = point.lng
    from (values ${sql.join(rows, sql`, `)}) as point(code, lat, lng)
    where regencies.code = point.code`);
  return rows.length;
}
