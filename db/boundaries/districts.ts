import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { DistrictArea } from '../areas';
import type { GadmRegency } from './join';
import { REGENCY_SPLIT_FROM } from './regency-splits';

/** The attributes of a GADM 4.1 level-3 feature that the join reads. */
export interface GadmDistrictProperties {
  GID_2: string;
  NAME_3: string;
  TYPE_3: string;
}
export type GadmDistrict = Feature<Geometry, GadmDistrictProperties>;

export interface DistrictPoint {
  lat: number;
  lng: number;
}

export interface DistrictJoin {
  /** Official kecamatan code → the centroid of its GADM polygon(s). */
  points: Record<string, DistrictPoint>;
  /** GADM land features that matched no official kecamatan. */
  unjoined: number;
}

/** GADM cuts long names at 14 letters ("LimburLubukMen"): that long a prefix names one kecamatan. */
const TRUNCATED_LENGTH = 14;
/** Spellings GADM and Kemendagri write differently ("Seunudon"/"Seunuddon") are this close or closer. */
const MAX_SPELLING_EDITS = 2;
const MIN_FUZZY_LENGTH = 6;

/** Lowercase letters and digits only, as the level-2 join compares names. */
function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The one official name left in the regency that a GADM spelling or truncation stands for, if exactly one. */
function closeSpelling(gadm: string, left: Map<string, string>): string | undefined {
  if (gadm.length < MIN_FUZZY_LENGTH) return undefined;
  const scored = [...left.keys()]
    .map((official) => ({
      official,
      edits: gadm.length === TRUNCATED_LENGTH && official.startsWith(gadm) ? 0 : editDistance(gadm, official),
    }))
    .filter((candidate) => candidate.edits <= MAX_SPELLING_EDITS)
    .sort((a, b) => a.edits - b.edits);
  const [best, next] = scored;
  return best && (!next || next.edits > best.edits) ? best.official : undefined;
}

/** The area-weighted centroid of every outer ring, whichever way each winds (planar degrees). */
export function centroidOf(shape: Polygon | MultiPolygon): Position | undefined {
  const outers = shape.type === 'Polygon' ? [shape.coordinates[0] ?? []] : shape.coordinates.map((p) => p[0] ?? []);
  let total = 0;
  let x = 0;
  let y = 0;
  for (const ring of outers) {
    let twiceArea = 0;
    let ringX = 0;
    let ringY = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      const cross = xj * yi - xi * yj;
      twiceArea += cross;
      ringX += (xj + xi) * cross;
      ringY += (yj + yi) * cross;
    }
    if (twiceArea === 0) continue;
    // The ring's centroid, weighted by its unsigned area.
    const weight = Math.abs(twiceArea);
    x += (ringX / (3 * twiceArea)) * weight;
    y += (ringY / (3 * twiceArea)) * weight;
    total += weight;
  }
  return total === 0 ? undefined : [x / total, y / total];
}

/**
 * Joins GADM level-3 features to official kecamatan the way level 2 was joined: through the level-2
 * feature's joined regency (by GID_2), then by normalised name among that regency's kecamatan and those
 * of the regencies carved out of it since. GADM's CC_3 codes are never read.
 */
export function joinGadmDistricts(
  features: GadmDistrict[],
  joinedRegencies: Map<string, GadmRegency[]>,
  districts: DistrictArea[],
): DistrictJoin {
  const regencyByGid = new Map<string, string>();
  for (const [code, regencyFeatures] of joinedRegencies) {
    for (const feature of regencyFeatures) {
      const gid = (feature.properties as Partial<GadmDistrictProperties>).GID_2;
      if (gid) regencyByGid.set(gid, code);
    }
  }
  const childrenOf = new Map<string, string[]>();
  for (const [child, parent] of Object.entries(REGENCY_SPLIT_FROM)) {
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), child]);
  }
  const byRegency = new Map<string, Map<string, string>>();
  for (const district of districts) {
    const index = byRegency.get(district.regencyCode) ?? new Map<string, string>();
    index.set(normaliseName(district.name), district.code);
    byRegency.set(district.regencyCode, index);
  }

  const shapes = new Map<string, (Polygon | MultiPolygon)[]>();
  const take = (code: string, geometry: Polygon | MultiPolygon) =>
    shapes.set(code, [...(shapes.get(code) ?? []), geometry]);
  // Exact names first, everywhere; close spellings then choose among the kecamatan still without a shape.
  const unmatched: { scopes: string[]; key: string; geometry: Polygon | MultiPolygon }[] = [];
  for (const feature of features) {
    const { GID_2: gid, NAME_3: name, TYPE_3: type } = feature.properties;
    const geometry = feature.geometry;
    if (type === 'WaterBody' || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
    const regencyCode = regencyByGid.get(gid);
    const scopes = regencyCode ? [regencyCode, ...(childrenOf.get(regencyCode) ?? [])] : [];
    const key = normaliseName(name);
    const code = scopes.map((scope) => byRegency.get(scope)?.get(key)).find((found) => found !== undefined);
    if (code) take(code, geometry);
    else unmatched.push({ scopes, key, geometry });
  }
  let unjoined = 0;
  for (const { scopes, key, geometry } of unmatched) {
    const left = new Map<string, string>();
    for (const scope of scopes) {
      for (const [official, code] of byRegency.get(scope) ?? []) if (!shapes.has(code)) left.set(official, code);
    }
    const official = closeSpelling(key, left);
    const code = official === undefined ? undefined : left.get(official);
    if (code) take(code, geometry);
    else unjoined++;
  }

  const points: Record<string, DistrictPoint> = {};
  for (const [code, parts] of shapes) {
    const merged: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: parts.flatMap((part) => (part.type === 'Polygon' ? [part.coordinates] : part.coordinates)),
    };
    const [lng, lat] = centroidOf(merged) ?? [];
    if (lat !== undefined && lng !== undefined) {
      points[code] = { lat: Number(lat.toFixed(5)), lng: Number(lng.toFixed(5)) };
    }
  }
  return { points, unjoined };
}
