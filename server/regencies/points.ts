import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { BOUNDARIES_DIR } from '../../db/boundaries/paths';
import type { Database } from '../../db/client';

/** `points.json` of the boundary build: a label point for every official regency code. */
export const RegencyPoints = z.record(z.string(), z.object({ lat: z.number(), lng: z.number(), polygon: z.boolean() }));
export type RegencyPoint = z.infer<typeof RegencyPoints>[string];

/** `districts.json` of the boundary build: a centroid for each kecamatan GADM level 3 draws. */
export const DistrictPoints = z.record(z.string(), z.object({ lat: z.number(), lng: z.number() }));

/**
 * Copies each regency's label point from the built boundaries into the database, where distances and
 * lists read it. One statement, so it is cheap enough to run at every start (and after an import).
 */
export async function applyRegencyPoints(db: Database, dir = BOUNDARIES_DIR): Promise<number> {
  return applyPoints(db, 'regencies', path.join(dir, 'points.json'), RegencyPoints);
}

/** Copies each kecamatan's centroid from the built boundaries into the database, as for the regencies. */
export async function applyDistrictPoints(db: Database, dir = BOUNDARIES_DIR): Promise<number> {
  return applyPoints(db, 'districts', path.join(dir, 'districts.json'), DistrictPoints);
}

async function applyPoints(
  db: Database,
  table: 'regencies' | 'districts',
  file: string,
  schema: typeof DistrictPoints,
): Promise<number> {
  if (!existsSync(file)) return 0;
  const points = schema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const rows = Object.entries(points).map(
    ([code, point]) => sql`(${code}, ${point.lat}::float8, ${point.lng}::float8)`,
  );
  if (rows.length === 0) return 0;
  await db.execute(sql`
    update ${sql.identifier(table)} set lat = point.lat, lng = point.lng
    from (values ${sql.join(rows, sql`, `)}) as point(code, lat, lng)
    where ${sql.identifier(table)}.code = point.code`);
  return rows.length;
}
