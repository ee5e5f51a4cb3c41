import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDistricts, loadProvinces, loadRegencies, type ProvinceArea, type RegencyArea } from '../../db/areas';
import {
  buildBoundaries,
  BoundaryImportError,
  loadGadmRegencies,
  type BoundaryBuild,
  type BoundaryMeta,
  type RegencyLabelPoint,
} from '../../db/boundaries/build';
import { containsPoint } from '../../db/boundaries/geometry';
import { joinGadmToOfficial, type GadmJoin, type GadmRegency } from '../../db/boundaries/join';
import { boundariesAreBuilt } from '../../db/boundaries/paths';
import { REGENCY_SPLIT_FROM } from '../../db/boundaries/regency-splits';

const ROOT = path.join(import.meta.dirname, '..', '..');
const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'boundaries');
/** A build reads 4.8 MB and runs mapshaper: seconds on a small machine. */
const BUILD_TIMEOUT = 60_000;

/** GADM 4.1 predates these regencies (2012–2014); their labels sit inside the regency they came from. */
// prettier-ignore
const NEWER_THAN_GADM = [
  '16.12', '16.13', '18.13', '32.18', '53.21', '64.11', '72.11', '72.12', '74.11',
  '74.12', '74.13', '74.14', '74.15', '76.06', '82.08', '92.11', '92.12',
];

type RegencyProperties = { code: string; name: string };
type RegencyTopology = Topology<{ regencies: GeometryCollection<RegencyProperties> }>;

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as T;
}

function regencyShapes(dir: string, file: string): Map<string, { name: string; shape: Polygon | MultiPolygon }> {
  const topology = readJson<RegencyTopology>(dir, file);
  const shapes = new Map<string, { name: string; shape: Polygon | MultiPolygon }>();
  for (const { geometry, properties } of feature(topology, topology.objects.regencies).features) {
    if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
      shapes.set(properties.code, { name: properties.name, shape: geometry });
    }
  }
  return shapes;
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]));
}

const distance = (a: RegencyLabelPoint, b: RegencyLabelPoint) => Math.hypot(a.lat - b.lat, a.lng - b.lng);

let provinces: ProvinceArea[];
let regencies: RegencyArea[];
let gadm: GadmRegency[];
const scratch = mkdtempSync(path.join(tmpdir(), 'posko-boundaries-'));

beforeAll(async () => {
  [provinces, regencies, gadm] = await Promise.all([loadProvinces(), loadRegencies(), loadGadmRegencies()]);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('joining GADM regencies to the official list', () => {
  let join: GadmJoin;
  let codeOf: (province: string, name: string) => string | undefined;
  beforeAll(() => {
    join = joinGadmToOfficial(gadm, provinces, regencies);
    const codeByName = new Map(
      [...join.joined].flatMap(([code, features]) =>
        features.map((feature) => [`${feature.properties.NAME_1}/${feature.properties.NAME_2}`, code] as const),
      ),
    );
    codeOf = (province, name) => codeByName.get(`${province}/${name}`);
  });

  it('joins 497 of the 498 land features; only Lake Limboto, typed as a kabupaten, stays out', () => {
    const land = gadm.filter((feature) => feature.properties.TYPE_2 !== 'WaterBody');
    expect(land).toHaveLength(498);
    expect([...join.joined.values()].flat()).toHaveLength(497);
    expect(join.unjoined).toEqual([{ province: 'Gorontalo', name: 'DanauLimboto', type: 'Kabupaten' }]);
  });

  it('leaves exactly the regencies newer than GADM without a polygon, each with a known parent', () => {
    expect(join.withoutPolygon).toEqual(NEWER_THAN_GADM);
    expect(Object.keys(REGENCY_SPLIT_FROM).sort()).toEqual(NEWER_THAN_GADM);
  });

  it('joins by name, not by the CC_2 code GADM gets wrong', () => {
    const acehBarat = gadm.find((feature) => feature.properties.NAME_2 === 'AcehBarat');
    expect(acehBarat?.properties).toMatchObject({ CC_2: '1107' }); // official 11.07 is Pidie
    expect(codeOf('Aceh', 'AcehBarat')).toBe('11.05');
    expect(codeOf('Aceh', 'Pidie')).toBe('11.07');
    expect(codeOf('KalimantanTengah', 'PalangkaRaya')).toBe('62.71');
  });

  it('joins every regency of Kalimantan Tengah', () => {
    const kalteng = [...join.joined.keys()].filter((code) => code.startsWith('62.')).sort();
    expect(kalteng).toHaveLength(14);
    expect(kalteng).toEqual(regencies.filter((regency) => regency.provinceCode === '62').map(({ code }) => code));
  });

  it('follows renamed regencies, kinds, Kalimantan Utara and the new Papua provinces', () => {
    expect(codeOf('SumateraUtara', 'TobaSamosir')).toBe('12.12'); // now Toba
    expect(codeOf('SulawesiBarat', 'MamujuUtara')).toBe('76.01'); // now Pasangkayu
    expect(codeOf('KalimantanBarat', 'Pontianak')).toBe('61.02'); // the kabupaten, now Mempawah
    expect(codeOf('KalimantanBarat', 'KotaPontianak')).toBe('61.71');
    expect(codeOf('KalimantanSelatan', 'KotaBaru')).toBe('63.02'); // Kabupaten Kotabaru, not a kota
    expect(codeOf('Banten', 'KotaSerang')).toBe('36.73');
    expect(codeOf('Banten', 'Serang')).toBe('36.04');
    expect(codeOf('KalimantanUtara', 'Tarakan')).toBe('65.71'); // GADM gives no type here
    expect(codeOf('Papua', 'Merauke')).toBe('93.01'); // Papua Selatan since 2022
    expect(codeOf('PapuaBarat', 'KotaSorong')).toBe('96.71'); // Papua Barat Daya since 2022
  });
});

describe('building the boundaries from GADM', () => {
  const outDir = path.join(scratch, 'gadm', 'out');
  let build: BoundaryBuild;
  beforeAll(async () => {
    build = await buildBoundaries({ outDir });
  }, BUILD_TIMEOUT);

  it('writes the nation file, one file per province, the label points and meta.json, and nothing beside them', () => {
    const files = readdirSync(outDir).sort();
    expect(files).toEqual(
      [
        ...provinces.map(({ code }) => `${code}.json`),
        'districts.json',
        'indonesia.json',
        'meta.json',
        'points.json',
      ].sort(),
    );
    expect(boundariesAreBuilt(outDir)).toBe(true);
    expect(readdirSync(path.dirname(outDir))).toEqual(['out']);
  });

  it('draws every Kalimantan Tengah regency in 62.json with exactly its code and name', () => {
    const topology = readJson<RegencyTopology>(outDir, '62.json');
    const drawn = topology.objects.regencies.geometries.map((geometry) => geometry.properties);
    const kalteng = regencies.filter((regency) => regency.provinceCode === '62');
    expect(drawn).toHaveLength(14);
    expect(drawn).toEqual(expect.arrayContaining(kalteng.map(({ code, name }) => ({ code, name }))));
  });

  it('draws all 497 joined regencies in the nation file, small enough for a phone', () => {
    expect(regencyShapes(outDir, 'indonesia.json').size).toBe(497);
    const nation = readFileSync(path.join(outDir, 'indonesia.json'));
    expect(gzipSync(nation).length).toBeLessThan(120 * 1024);
    expect(build.nationBytes).toBe(nation.length);
  });

  it('keeps island regencies recognisable: Kepulauan Seribu keeps its islets, Raja Ampat its islands', () => {
    const shapes = regencyShapes(outDir, 'indonesia.json');
    const partsOf = (code: string) => {
      const shape = shapes.get(code)?.shape;
      return shape?.type === 'MultiPolygon' ? shape.coordinates.length : 1;
    };
    expect(partsOf('31.01')).toBeGreaterThan(20);
    expect(partsOf('96.03')).toBeGreaterThan(20);
  });

  it('puts a label point for each of the 514 regencies inside the polygon it labels', () => {
    const points = readJson<Record<string, RegencyLabelPoint>>(outDir, 'points.json');
    const shapes = regencyShapes(outDir, 'indonesia.json');
    expect(Object.keys(points)).toEqual(regencies.map(({ code }) => code));
    for (const [code, point] of Object.entries(points)) {
      const parentCode = REGENCY_SPLIT_FROM[code];
      const home = shapes.get(point.polygon ? code : (parentCode ?? ''));
      expect(home && containsPoint(home.shape, [point.lng, point.lat]), code).toBe(true);
    }
  });

  it("keeps a newer regency's label clear of its parent's and its siblings'", () => {
    const points = readJson<Record<string, RegencyLabelPoint>>(outDir, 'points.json');
    for (const code of NEWER_THAN_GADM) {
      const point = points[code];
      expect(point?.polygon, code).toBe(false);
      const parentCode = REGENCY_SPLIT_FROM[code];
      const neighbours = Object.entries(REGENCY_SPLIT_FROM)
        .filter(([sibling, parent]) => parent === parentCode && sibling !== code)
        .map(([sibling]) => sibling)
        .concat(parentCode ?? []);
      for (const neighbour of neighbours) {
        const other = points[neighbour];
        if (point && other) expect(distance(point, other), `${code} vs ${neighbour}`).toBeGreaterThan(0.1);
      }
    }
  });

  it('gives 6,538 of the 7,277 kecamatan a centroid from GADM level 3, inside their kabupaten', async () => {
    const centroids = readJson<Record<string, { lat: number; lng: number }>>(outDir, 'districts.json');
    const districts = await loadDistricts();
    expect([build.districtsJoined, build.districtsTotal]).toEqual([6538, 7277]);
    expect(Object.keys(centroids)).toHaveLength(6538);
    const shapes = regencyShapes(outDir, 'indonesia.json');
    const regencyOf = new Map(districts.map((district) => [district.code, district.regencyCode]));
    const outside = Object.entries(centroids).filter(([code, point]) => {
      const regencyCode = regencyOf.get(code) ?? '';
      const home = shapes.get(regencyCode) ?? shapes.get(REGENCY_SPLIT_FROM[regencyCode] ?? '');
      return !home || !containsPoint(home.shape, [point.lng, point.lat]);
    });
    // Island and crescent-shaped kecamatan have their centroid in the sea or a neighbour: a few in a hundred.
    expect(outside.length).toBeLessThan(Object.keys(centroids).length * 0.03);
    // Every kecamatan of Katingan but Tewang Sangalang Garing, which GADM does not draw.
    const katingan = districts.filter((district) => district.regencyCode === '62.06');
    expect(katingan.filter((district) => !centroids[district.code]).map(({ name }) => name)).toEqual([
      'Tewang Sangalang Garing',
    ]);
    expect(centroids['62.06.02']).toEqual({ lat: -1.8915, lng: 113.38418 }); // Katingan Hilir, around Kasongan
  });

  it('records the source, what did not join, and a bbox per province that holds its labels', () => {
    const meta = readJson<BoundaryMeta>(outDir, 'meta.json');
    const points = readJson<Record<string, RegencyLabelPoint>>(outDir, 'points.json');
    expect(meta.source).toBe('gadm-4.1');
    expect(Number.isNaN(Date.parse(meta.builtAt))).toBe(false);
    expect(meta.unjoined).toEqual([{ province: 'Gorontalo', name: 'DanauLimboto', type: 'Kabupaten' }]);
    expect(meta.withoutPolygon).toEqual(NEWER_THAN_GADM);
    expect(Object.keys(meta.provinces).sort()).toEqual(provinces.map(({ code }) => code));
    for (const regency of regencies) {
      const point = points[regency.code];
      const [minLng = 0, minLat = 0, maxLng = 0, maxLat = 0] = meta.provinces[regency.provinceCode]?.bbox ?? [];
      const inside = point && point.lng >= minLng && point.lng <= maxLng && point.lat >= minLat && point.lat <= maxLat;
      expect(inside, regency.code).toBe(true);
    }
  });
});

describe('importing boundaries keyed by official code', () => {
  const outDir = path.join(scratch, 'import', 'out');
  const squares = path.join(FIXTURES, 'kalteng-squares.geojson');
  const withUnknownCode = path.join(FIXTURES, 'unknown-code.geojson');

  it(
    'draws the map from the file: two Kalimantan Tengah squares',
    async () => {
      const build = await buildBoundaries({ source: { file: squares }, outDir });
      expect(build.featuresJoined).toBe(2);

      const kalteng = regencyShapes(outDir, '62.json');
      expect([...kalteng].map(([code, { name }]) => ({ code, name }))).toEqual([
        { code: '62.03', name: 'Kabupaten Kapuas' },
        { code: '62.71', name: 'Kota Palangka Raya' },
      ]);
      expect(regencyShapes(outDir, '11.json').size).toBe(0);
      const points = readJson<Record<string, RegencyLabelPoint>>(outDir, 'points.json');
      expect(points['62.03']).toEqual({ lat: expect.closeTo(-2.25, 2), lng: expect.closeTo(114.25, 2), polygon: true });
      expect(Object.keys(points)).toEqual(['62.03', '62.71']);
      const meta = readJson<BoundaryMeta>(outDir, 'meta.json');
      expect(meta.source).toBe('import:kalteng-squares.geojson');
      expect(meta.withoutPolygon).toHaveLength(512);
      expect(meta.provinces).toEqual({ '62': { bbox: [113.5, -2.5, 114.5, -1.5] } });
    },
    BUILD_TIMEOUT,
  );

  it(
    'refuses a file with an unknown code, naming it, and leaves the previous boundaries untouched',
    async () => {
      await buildBoundaries({ source: { file: squares }, outDir });
      const before = snapshot(outDir);

      const refused = buildBoundaries({ source: { file: withUnknownCode }, outDir });
      await expect(refused).rejects.toThrow(BoundaryImportError);
      await expect(refused).rejects.toThrow('unknown regency codes in "code": "62.99"; 1 feature without "code"');
      expect(snapshot(outDir)).toEqual(before);
      expect(readdirSync(path.dirname(outDir))).toEqual(['out']);
    },
    BUILD_TIMEOUT,
  );

  it(
    'the import command answers a bad file with one line and exit code 1',
    () => {
      const invalidJson = path.join(scratch, 'broken.geojson');
      writeFileSync(invalidJson, '{"type": "FeatureCollection", "features": [');
      const runImport = (...args: string[]) =>
        spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['db/boundaries/cli/import.ts', ...args], {
          cwd: ROOT,
          encoding: 'utf8',
        });

      const cases: [string[], string][] = [
        [[path.join(scratch, 'missing.geojson')], 'missing.geojson: no such file.'],
        [[invalidJson], 'broken.geojson: not valid JSON'],
        [[withUnknownCode], 'unknown regency codes in "code": "62.99"'],
        [[squares, '--key', 'kode'], '2 features without "kode"'],
      ];
      for (const [args, reason] of cases) {
        const result = runImport(...args);
        expect(result.status, args.join(' ')).toBe(1);
        expect(result.stderr.trim().split('\n'), args.join(' ')).toEqual([expect.stringContaining(reason)]);
      }
    },
    BUILD_TIMEOUT,
  );
});
