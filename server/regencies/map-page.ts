import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { BOUNDARIES_DIR } from '../../db/boundaries/paths';
import type { Database } from '../../db/client';
import { provinces } from '../../db/schema';
import type { MapSnapshot } from '../../lib/realtime';
import { mapSnapshot } from '../realtime';
import { RegencyPoints, type RegencyPoint } from './points';
import { findProvince, pillarsForProvince } from './queries';

const BoundaryMeta = z.object({
  provinces: z.record(z.string(), z.object({ bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]) })),
});

/** Everything the map page needs to draw at once, before the live socket connects. */
export interface MapPageData {
  province: { code: string; name: string };
  provinces: { code: string; name: string }[];
  pillars: { code: string; name: string }[];
  snapshot: MapSnapshot;
  /** [[south, west], [north, east]] */
  bounds: [[number, number], [number, number]] | null;
  points: Record<string, RegencyPoint>;
}

let boundaryCache: { stamp: number; meta: z.infer<typeof BoundaryMeta>; points: Record<string, RegencyPoint> } | null =
  null;

/** The boundary build's meta and points, re-read only when a build or import replaced them. */
function boundaryFiles(): { meta: z.infer<typeof BoundaryMeta>; points: Record<string, RegencyPoint> } | null {
  const metaFile = path.join(BOUNDARIES_DIR, 'meta.json');
  if (!existsSync(metaFile)) return null;
  const stamp = statSync(metaFile).mtimeMs;
  if (boundaryCache?.stamp !== stamp) {
    boundaryCache = {
      stamp,
      meta: BoundaryMeta.parse(JSON.parse(readFileSync(metaFile, 'utf8'))),
      points: RegencyPoints.parse(JSON.parse(readFileSync(path.join(BOUNDARIES_DIR, 'points.json'), 'utf8'))),
    };
  }
  return boundaryCache;
}

/** Where the map opens and the label point of each listed regency, from the boundary build. */
export function boundaryView(
  provinceCode: string | null,
  regencyCodes: string[],
): Pick<MapPageData, 'bounds' | 'points'> {
  const boundaries = boundaryFiles();
  const bbox = provinceCode ? boundaries?.meta.provinces[provinceCode]?.bbox : undefined;
  const points: Record<string, RegencyPoint> = {};
  for (const code of regencyCodes) {
    const point = boundaries?.points[code];
    if (point) points[code] = point;
  }
  return {
    bounds: bbox
      ? [
          [bbox[1], bbox[0]],
          [bbox[3], bbox[2]],
        ]
      : null,
    points,
  };
}

export async function loadMapPage(db: Database, provinceCode: string): Promise<MapPageData | null> {
  const province = await findProvince(db, provinceCode);
  if (!province) return null;
  const [allProvinces, pillars, snapshot] = await Promise.all([
    db.select({ code: provinces.code, name: provinces.name }).from(provinces).orderBy(asc(provinces.code)),
    pillarsForProvince(db, provinceCode),
    mapSnapshot(db, provinceCode),
  ]);
  return {
    province: { code: province.code, name: province.name },
    provinces: allProvinces,
    pillars: pillars.map(({ code, name }) => ({ code, name })),
    snapshot,
    ...boundaryView(
      provinceCode,
      snapshot.regencies.map((regency) => regency.code),
    ),
  };
}
