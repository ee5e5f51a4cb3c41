import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';
import mapshaper from 'mapshaper';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { z } from 'zod';
import {
  loadDistricts,
  loadProvinces,
  loadRegencies,
  type DistrictArea,
  type ProvinceArea,
  type RegencyArea,
} from '../areas';
import { joinGadmToOfficial, type GadmRegency, type UnjoinedGadmRegency } from './join';
import { joinGadmDistricts, type DistrictPoint, type GadmDistrict } from './districts';
import { bboxOf, partsWorthDrawing, pointInsideParent } from './geometry';
import { REGENCY_SPLIT_FROM } from './regency-splits';

/** GADM 4.1 level 2, read as a file: the package's index would load all four levels (80 MB). */
const GADM_REGENCIES_FILE = createRequire(import.meta.url).resolve('geojson-indonesia/geojson/gadm41_IDN_2.json');
/** GADM 4.1 level 3 (13 MB): only its kecamatan centroids are kept, for distances. */
const GADM_DISTRICTS_FILE = createRequire(import.meta.url).resolve('geojson-indonesia/geojson/gadm41_IDN_3.json');

/**
 * Keep 5% of the vertices but every part fed in (keep-shapes), then let -clean snap neighbours' borders
 * onto shared arcs and close the slivers between them: about 270 KB for the whole country.
 */
const SIMPLIFY = '-simplify 5% keep-shapes -clean';
/** About 50 m across the whole country, finer than anything the simplification keeps. */
const QUANTIZATION = 100_000;
/** The TopoJSON object of every boundary file: the map reads `objects.regencies`. */
const OBJECT_NAME = 'regencies';
/** Label points to about a metre. */
const COORDINATE_DECIMALS = 5;

export type BoundarySource = 'gadm' | { file: string; keyProperty?: string };

export interface RegencyLabelPoint {
  lat: number;
  lng: number;
  /** false: the regency has no polygon and its point sits inside the regency it was split from. */
  polygon: boolean;
}

export type ProvinceBbox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

export interface BoundaryMeta {
  source: string;
  builtAt: string;
  provinces: Record<string, { bbox: ProvinceBbox }>;
  unjoined: UnjoinedGadmRegency[];
  withoutPolygon: string[];
}

export interface BoundaryBuild {
  meta: BoundaryMeta;
  /** Source features that now draw an official regency. */
  featuresJoined: number;
  /** Official regencies with neither a polygon nor a parent polygon to hold their label point. */
  withoutPoint: string[];
  /** Official kecamatan with a centroid from GADM level 3 (none for an imported file), of how many. */
  districtsJoined: number;
  districtsTotal: number;
  nationBytes: number;
  nationGzipBytes: number;
  ms: number;
}

/** An imported file that cannot become the map's boundaries; the message names every offending value. */
export class BoundaryImportError extends Error {
  override name = 'BoundaryImportError';
}

type RegencyProperties = { code: string; name: string };
type RegencyShape = Feature<Polygon | MultiPolygon, RegencyProperties>;
type RegencyTopology = Topology<{ regencies: GeometryCollection<RegencyProperties> }>;

const AreaGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.array(z.number())))) }),
]);
const ImportedCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ properties: z.record(z.string(), z.unknown()).nullable(), geometry: z.unknown() })),
});

function isArea(geometry: Geometry | null): geometry is Polygon | MultiPolygon {
  return geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon';
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The 502 GADM level-2 features (4.8 MB, read once per build). */
export async function loadGadmRegencies(): Promise<GadmRegency[]> {
  const gadm = JSON.parse(await readFile(GADM_REGENCIES_FILE, 'utf8')) as FeatureCollection<
    Geometry,
    GadmRegency['properties']
  >;
  return gadm.features;
}

async function gadmShapes(
  provinces: ProvinceArea[],
  regencies: RegencyArea[],
  districts: DistrictArea[],
): Promise<{ shapes: RegencyShape[]; unjoined: UnjoinedGadmRegency[]; districtPoints: Record<string, DistrictPoint> }> {
  const [gadmRegencies, gadmDistricts] = await Promise.all([
    loadGadmRegencies(),
    readFile(GADM_DISTRICTS_FILE, 'utf8').then((text) => (JSON.parse(text) as { features: GadmDistrict[] }).features),
  ]);
  const { joined, unjoined } = joinGadmToOfficial(gadmRegencies, provinces, regencies);
  const districtPoints = joinGadmDistricts(gadmDistricts, joined, districts).points;
  const nameByCode = new Map(regencies.map((regency) => [regency.code, regency.name]));
  const shapes = [...joined].flatMap(([code, features]) =>
    features.flatMap(({ geometry }): RegencyShape[] =>
      isArea(geometry) ? [{ type: 'Feature', geometry, properties: { code, name: nameByCode.get(code) ?? code } }] : [],
    ),
  );
  return { shapes, unjoined, districtPoints };
}

/** Reads and checks the whole file before anything is built, so a bad import writes nothing. */
async function importedShapes(file: string, keyProperty: string, regencies: RegencyArea[]): Promise<RegencyShape[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BoundaryImportError(`Cannot import ${file}: ${missing ? 'no such file' : describeError(error)}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BoundaryImportError(`Cannot import ${file}: not valid JSON (${describeError(error)}).`);
  }
  const collection = ImportedCollection.safeParse(json);
  if (!collection.success) throw new BoundaryImportError(`Cannot import ${file}: not a GeoJSON FeatureCollection.`);
  if (collection.data.features.length === 0)
    throw new BoundaryImportError(`Cannot import ${file}: it has no features.`);

  const nameByCode = new Map(regencies.map((regency) => [regency.code, regency.name]));
  const unknownCodes = new Set<string>();
  const notAreas = new Set<string>();
  let withoutKey = 0;
  const shapes: RegencyShape[] = [];
  for (const { properties, geometry } of collection.data.features) {
    const key = properties?.[keyProperty];
    const name = typeof key === 'string' ? nameByCode.get(key) : undefined;
    const area = AreaGeometry.safeParse(geometry);
    if (key === undefined || key === null || key === '') withoutKey++;
    else if (typeof key !== 'string' || name === undefined) unknownCodes.add(JSON.stringify(key));
    else if (!area.success) notAreas.add(key);
    else shapes.push({ type: 'Feature', geometry: area.data, properties: { code: key, name } });
  }
  const problems = [
    unknownCodes.size > 0 && `unknown regency codes in "${keyProperty}": ${[...unknownCodes].join(', ')}`,
    withoutKey > 0 && `${withoutKey} feature${withoutKey === 1 ? '' : 's'} without "${keyProperty}"`,
    notAreas.size > 0 && `not a Polygon or MultiPolygon: ${[...notAreas].join(', ')}`,
  ].filter((problem) => typeof problem === 'string');
  if (problems.length > 0) throw new BoundaryImportError(`Cannot import ${file}: ${problems.join('; ')}.`);
  return shapes;
}

/** One mapshaper pass: the nation file, its inner label points, then the same shapes split per province. */
async function simplifyWithMapshaper(shapes: RegencyShape[]): Promise<Map<string, string>> {
  const commands = [
    `-i regencies.json name=${OBJECT_NAME}`,
    SIMPLIFY,
    // A regency's parts (and several source features of one regency) become one (multi)polygon.
    '-dissolve code copy-fields=name',
    '-filter-fields code,name',
    `-o indonesia.json format=topojson quantization=${QUANTIZATION}`,
    '-points inner + name=points',
    '-o points.json format=geojson target=points',
    '-drop target=points',
    `-each "provinceCode = code.slice(0, 2)" target=${OBJECT_NAME}`,
    `-split provinceCode target=${OBJECT_NAME}`,
    '-filter-fields code,name target=*',
    `-o format=topojson quantization=${QUANTIZATION} singles target=*`,
    '-quiet',
  ].join(' ');
  const output = await mapshaper.applyCommands(commands, {
    'regencies.json': { type: 'FeatureCollection', features: shapes },
  });
  return new Map(
    Object.entries(output).map(([name, content]) => [
      name,
      typeof content === 'string' ? content : content.toString('utf8'),
    ]),
  );
}

/** mapshaper names a split layer after its value ("62"); every file must hold `regencies`. */
function provinceTopology(text: string | undefined, provinceCode: string): string {
  if (text === undefined) {
    return JSON.stringify({
      type: 'Topology',
      arcs: [],
      objects: { [OBJECT_NAME]: { type: 'GeometryCollection', geometries: [] } },
    });
  }
  const { objects, ...topology } = JSON.parse(text) as Topology;
  return JSON.stringify({ ...topology, objects: { [OBJECT_NAME]: objects[provinceCode] } });
}

const round = (value: number, decimals = COORDINATE_DECIMALS) => Number(value.toFixed(decimals));

function labelPoints(
  regencies: RegencyArea[],
  innerPoints: FeatureCollection<Point, RegencyProperties>,
  shapeByCode: Map<string, Polygon | MultiPolygon>,
): Record<string, RegencyLabelPoint> {
  const pointByCode = new Map<string, RegencyLabelPoint>();
  for (const { geometry, properties } of innerPoints.features) {
    const [lng = 0, lat = 0] = geometry.coordinates;
    pointByCode.set(properties.code, { lat: round(lat), lng: round(lng), polygon: true });
  }
  const labelsInParent = new Map<string, Position[]>();
  for (const regency of regencies) {
    const parentCode = REGENCY_SPLIT_FROM[regency.code];
    if (shapeByCode.has(regency.code) || parentCode === undefined) continue;
    const parent = shapeByCode.get(parentCode);
    const parentPoint = pointByCode.get(parentCode);
    if (!parent || !parentPoint) continue;
    const taken = labelsInParent.get(parentCode) ?? [[parentPoint.lng, parentPoint.lat]];
    // A parent too thin for the grid keeps one shared point rather than none.
    const [lng = parentPoint.lng, lat = parentPoint.lat] = pointInsideParent(parent, taken) ?? [];
    taken.push([lng, lat]);
    labelsInParent.set(parentCode, taken);
    pointByCode.set(regency.code, { lat: round(lat), lng: round(lng), polygon: false });
  }
  const points: Record<string, RegencyLabelPoint> = {};
  for (const { code } of regencies) {
    const point = pointByCode.get(code);
    if (point) points[code] = point;
  }
  return points;
}

/** Each province's extent over its polygons and its label points (point-only regencies included). */
function provinceBboxes(
  regencies: RegencyArea[],
  shapeByCode: Map<string, Polygon | MultiPolygon>,
  points: Record<string, RegencyLabelPoint>,
): BoundaryMeta['provinces'] {
  const coordinatesByProvince = new Map<string, Position[][]>();
  for (const regency of regencies) {
    const shape = shapeByCode.get(regency.code);
    const point = points[regency.code];
    const coordinates = coordinatesByProvince.get(regency.provinceCode) ?? [];
    if (shape) coordinates.push(...(shape.type === 'Polygon' ? shape.coordinates : shape.coordinates.flat()));
    if (point) coordinates.push([[point.lng, point.lat]]);
    coordinatesByProvince.set(regency.provinceCode, coordinates);
  }
  const provinces: BoundaryMeta['provinces'] = {};
  for (const [code, coordinates] of coordinatesByProvince) {
    const bbox = bboxOf(coordinates.flat());
    if (bbox) provinces[code] = { bbox: [round(bbox[0], 4), round(bbox[1], 4), round(bbox[2], 4), round(bbox[3], 4)] };
  }
  return provinces;
}

/** Writes into a fresh sibling directory and swaps it in, so readers never see half a build. */
async function replaceDirectory(outDir: string, files: Map<string, string>): Promise<void> {
  await mkdir(path.dirname(outDir), { recursive: true });
  const staging = await mkdtemp(path.join(path.dirname(outDir), `.${path.basename(outDir)}-building-`));
  try {
    await chmod(staging, 0o755); // mkdtemp makes it private; the served directory is not
    await Promise.all([...files].map(([name, content]) => writeFile(path.join(staging, name), content)));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const previous = `${staging}-previous`;
  if (existsSync(outDir)) await rename(outDir, previous);
  await rename(staging, outDir);
  await rm(previous, { recursive: true, force: true });
}

/**
 * Builds the map's kabupaten/kota boundaries (nation, per province, label points, meta) into `outDir`,
 * which is replaced whole or, when the source is rejected, left untouched.
 */
export async function buildBoundaries({
  source = 'gadm',
  outDir,
}: {
  source?: BoundarySource;
  outDir: string;
}): Promise<BoundaryBuild> {
  const started = performance.now();
  const [provinces, regencies, districts] = await Promise.all([loadProvinces(), loadRegencies(), loadDistricts()]);
  // An imported file draws kabupaten only; kecamatan then fall back to their kabupaten's point.
  const { shapes, unjoined, districtPoints } =
    source === 'gadm'
      ? await gadmShapes(provinces, regencies, districts)
      : {
          shapes: await importedShapes(source.file, source.keyProperty ?? 'code', regencies),
          unjoined: [],
          districtPoints: {},
        };

  const parts = shapes.flatMap((shape) =>
    partsWorthDrawing(shape.geometry).map((geometry): RegencyShape => ({ ...shape, geometry })),
  );
  const files = await simplifyWithMapshaper(parts);
  const nation = files.get('indonesia.json') ?? '';
  const topology = JSON.parse(nation) as RegencyTopology;
  const shapeByCode = new Map(
    feature(topology, topology.objects.regencies).features.flatMap(({ geometry, properties }) =>
      isArea(geometry) ? [[properties.code, geometry] as const] : [],
    ),
  );
  const innerPoints = JSON.parse(files.get('points.json') ?? '') as FeatureCollection<Point, RegencyProperties>;
  const points = labelPoints(regencies, innerPoints, shapeByCode);

  const meta: BoundaryMeta = {
    source: source === 'gadm' ? 'gadm-4.1' : `import:${path.basename(source.file)}`,
    builtAt: new Date().toISOString(),
    provinces: provinceBboxes(regencies, shapeByCode, points),
    unjoined,
    withoutPolygon: regencies.map(({ code }) => code).filter((code) => !shapeByCode.has(code)),
  };
  const output = new Map<string, string>([['indonesia.json', nation]]);
  for (const province of provinces) {
    output.set(`${province.code}.json`, provinceTopology(files.get(`${province.code}.json`), province.code));
  }
  output.set('points.json', JSON.stringify(points));
  output.set('districts.json', JSON.stringify(districtPoints));
  output.set('meta.json', JSON.stringify(meta, null, 2));
  await replaceDirectory(outDir, output);

  return {
    meta,
    featuresJoined: shapes.length,
    withoutPoint: regencies.map(({ code }) => code).filter((code) => !points[code]),
    districtsJoined: Object.keys(districtPoints).length,
    districtsTotal: districts.length,
    nationBytes: Buffer.byteLength(nation),
    nationGzipBytes: gzipSync(nation).length,
    ms: Math.round(performance.now() - started),
  };
}
