/**
 * `npm run bench:map`: a benchmark of the command centre's map, not a test.
 *
 * Two throwaway databases on one PostgreSQL cluster, each behind its own Posko process (the production
 * build): "full" has all 514 kabupaten/kota, 10,000 volunteers spread over them and 2,000 open incidents
 * across every province, a tenth of them with a running request from two source kabupaten (the lines);
 * "empty" has the same areas and nobody. An admin opens the national view (/nasional) in Chromium on each:
 *
 * - first map paint: the `posko:map-painted` mark the map sets on the first frame after the boundaries and
 *   markers were drawn, from the start of navigation;
 * - pan and zoom: requestAnimationFrame deltas while the mouse drags the map around and the wheel zooms
 *   in and out, p50 and p95.
 *
 * The baseline is the same page on the empty database with the boundary file answered 404: a map with no
 * layers and no markers. Prints a table and writes tests/bench/results/map.json.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { BOUNDARIES_DIR } from '../../db/boundaries/paths';
import { deploymentRequests, incidents, regencies, volunteers } from '../../db/schema';
import { INCIDENT_TYPES } from '../../lib/domain';
import { createTestAccount, signedInContext, type TestAccount } from '../support/accounts';
import { DESKTOP_VIEWPORT, launchChromium } from '../support/browser';
import { createDatabase, seedTo } from '../support/database';
import { startPostgresCluster } from '../../server/cluster/postgres';
import { startPoskoProcess, type PoskoProcess } from '../support/server';
import { benchOptions, percentile, round, writeResults } from './support';

const USAGE = `Usage: npm run bench:map -- [--volunteers 10000] [--incidents 2000] [--runs 3] [--out tests/bench/results/map.json]`;

const option = benchOptions(USAGE, {
  volunteers: '10000',
  incidents: '2000',
  runs: '3',
  out: 'tests/bench/results/map.json',
});
const options = {
  volunteers: option.whole('volunteers', 0, 200_000),
  incidents: option.whole('incidents', 0, 50_000),
  runs: option.whole('runs', 1, 20),
  out: option.file('out'),
};

// ---- setup (not timed) ----

const ROWS_PER_INSERT = 1_000;
const PILLARS = ['tagana', 'psm', 'tksk', 'pkh', 'karang_taruna'];
const AVAILABILITY = ['available', 'available', 'available', 'unavailable', 'deployed'] as const;

/** A small deterministic generator, so every run seeds the same country. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function chunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT)
    await insert(rows.slice(start, start + ROWS_PER_INSERT));
}

/** Volunteers over every kabupaten/kota, incidents around their label points, and running requests. */
async function seedCountry(handle: DatabaseHandle): Promise<{ regencies: number; lines: number }> {
  const { db } = handle;
  const random = generator(62);
  const points = JSON.parse(readFileSync(path.join(BOUNDARIES_DIR, 'points.json'), 'utf8')) as Record<
    string,
    { lat: number; lng: number }
  >;
  const areas = await db.select({ code: regencies.code, provinceCode: regencies.provinceCode }).from(regencies);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

  await chunked(
    Array.from({ length: options.volunteers }, (_, i) => ({
      name: `Relawan Peta ${i + 1}`,
      phone: `+62898${String(i + 1).padStart(8, '0')}`,
      pillarCode: PILLARS[i % PILLARS.length]!,
      regencyCode: areas[i % areas.length]!.code,
      availability: pick(AVAILABILITY),
    })),
    (chunk) => db.insert(volunteers).values(chunk),
  );

  const now = Date.now();
  const placed = areas.filter((area) => points[area.code]);
  const incidentRows = Array.from({ length: options.incidents }, (_, i) => {
    const area = placed[i % placed.length]!;
    const point = points[area.code]!;
    return {
      type: pick(INCIDENT_TYPES),
      title: `Kejadian uji peta ${i + 1}`,
      severity: 1 + Math.floor(random() * 5),
      phase: 'response' as const,
      provinceCode: area.provinceCode,
      regencyCode: area.code,
      lat: point.lat + (random() - 0.5) * 0.3,
      lng: point.lng + (random() - 0.5) * 0.3,
      occurredAt: new Date(now - random() * 7 * 86_400_000),
    };
  });
  const created: { id: string; provinceCode: string }[] = [];
  await chunked(incidentRows, async (chunk) => {
    created.push(
      ...(await db
        .insert(incidents)
        .values(chunk)
        .returning({ id: incidents.id, provinceCode: incidents.provinceCode })),
    );
  });

  // Every tenth incident asks two kabupaten/kota of its province for people: two lines each.
  const byProvince = new Map<string, string[]>();
  for (const area of placed)
    byProvince.set(area.provinceCode, [...(byProvince.get(area.provinceCode) ?? []), area.code]);
  const requests = created
    .filter((_, i) => i % 10 === 0)
    .map((incident) => {
      const codes = byProvince.get(incident.provinceCode)!;
      const sources = [...new Set([pick(codes), pick(codes)])];
      return {
        incidentId: incident.id,
        slots: 5,
        pillarCodes: ['tagana'],
        sourceRegencyCodes: sources,
        meetingPoint: 'Kantor Dinas Sosial',
        deadline: new Date(now + 6 * 3_600_000),
      };
    });
  await chunked(requests, (chunk) => db.insert(deploymentRequests).values(chunk));
  return {
    regencies: areas.length,
    lines: requests.reduce((sum, request) => sum + request.sourceRegencyCodes.length, 0),
  };
}

// ---- measuring ----

interface Measurement {
  firstPaintMs: number;
  frames: number[];
}

async function measure(
  browser: Browser,
  posko: PoskoProcess,
  admin: TestAccount,
  empty: boolean,
): Promise<Measurement> {
  const context = await signedInContext(browser, posko.url, admin, DESKTOP_VIEWPORT);
  if (empty) await context.route('**/api/boundaries/**', (route) => route.fulfill({ status: 404, body: '{}' }));
  const page = await context.newPage();
  await page.goto(`${posko.url}/nasional`);
  // Strings, not functions: tsx would wrap named functions in a helper the page does not have.
  let firstPaintMs: number | null = null;
  const deadline = Date.now() + 120_000;
  while (firstPaintMs === null) {
    if (Date.now() > deadline) throw new Error('The map never marked its first paint.');
    firstPaintMs = (await page.evaluate("performance.getEntriesByName('posko:map-painted')[0]?.startTime ?? null")) as
      number | null;
    if (firstPaintMs === null) await page.waitForTimeout(20);
  }
  const frames = await panAndZoom(page);
  await context.close();
  return { firstPaintMs: round(firstPaintMs), frames };
}

/** Frame times while the mouse drags the map four ways and the wheel zooms in twice and out again. */
async function panAndZoom(page: Page): Promise<number[]> {
  const box = (await page.locator('.leaflet-container').boundingBox())!;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await page.evaluate(`(() => {
    window.poskoFrames = [];
    window.poskoRecording = true;
    let last = performance.now();
    const tick = (now) => {
      window.poskoFrames.push(now - last);
      last = now;
      if (window.poskoRecording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const moves: [number, number][] = [
    [220, 0],
    [0, 140],
    [-220, 0],
    [0, -140],
  ];
  for (const [dx, dy] of moves) {
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down();
    await page.mouse.move(centre.x + dx, centre.y + dy, { steps: 20 });
    await page.mouse.up();
    await page.waitForTimeout(150);
  }
  await page.mouse.move(centre.x, centre.y);
  for (const delta of [-300, -300, 300, 300]) {
    await page.mouse.wheel(0, delta);
    await page.waitForTimeout(400);
  }
  // The first delta counts from before the recording started.
  return page.evaluate('window.poskoRecording = false, window.poskoFrames.slice(1)') as Promise<number[]>;
}

function summarise(runs: Measurement[]) {
  const frames = runs.flatMap((run) => run.frames);
  const paints = runs.map((run) => run.firstPaintMs);
  return {
    firstPaintMs: round(percentile(paints, 50)),
    panFrameP50Ms: round(percentile(frames, 50)),
    panFrameP95Ms: round(percentile(frames, 95)),
    firstPaintRunsMs: paints,
    frames: frames.length,
  };
}

// ---- main ----

async function main(): Promise<void> {
  const started = Date.now();
  console.log('Seeding two throwaway databases on PostgreSQL…');
  const cluster = await startPostgresCluster();
  const stops: (() => Promise<void>)[] = [() => cluster.stop()];
  try {
    const urls = {} as Record<'full' | 'empty', string>;
    const handles = {} as Record<'full' | 'empty', DatabaseHandle>;
    for (const name of ['full', 'empty'] as const) {
      urls[name] = await createDatabase(cluster.url, `posko_map_${name}`);
      handles[name] = await openDatabase({ databaseUrl: urls[name] });
      stops.unshift(() => handles[name].close());
      await seedTo(handles[name], 'reference');
    }
    const seeded = await seedCountry(handles.full);
    const admins = {
      full: await createTestAccount(handles.full.db, { role: 'admin' }),
      empty: await createTestAccount(handles.empty.db, { role: 'admin' }),
    };
    console.log(
      `Seeded ${seeded.regencies} kabupaten/kota, ${options.volunteers} volunteers, ${options.incidents} incidents, ${seeded.lines} lines.`,
    );

    const [full, empty, browser] = await Promise.all([
      startPoskoProcess({ DATABASE_URL: urls.full, POSKO_DEMO: '0' }),
      startPoskoProcess({ DATABASE_URL: urls.empty, POSKO_DEMO: '0' }),
      launchChromium(),
    ]);
    stops.unshift(
      () => full.stop(),
      () => empty.stop(),
      () => browser.close(),
    );

    // One unmeasured load each, so both servers have their routes and queries warm.
    await measure(browser, full, admins.full, false);
    await measure(browser, empty, admins.empty, true);
    const runs = { full: [] as Measurement[], empty: [] as Measurement[] };
    for (let run = 0; run < options.runs; run += 1) {
      runs.full.push(await measure(browser, full, admins.full, false));
      runs.empty.push(await measure(browser, empty, admins.empty, true));
    }

    const map = summarise(runs.full);
    const baseline = summarise(runs.empty);
    const result = {
      firstPaintMs: map.firstPaintMs,
      panFrameP50Ms: map.panFrameP50Ms,
      panFrameP95Ms: map.panFrameP95Ms,
      baseline: {
        firstPaintMs: baseline.firstPaintMs,
        panFrameP50Ms: baseline.panFrameP50Ms,
        panFrameP95Ms: baseline.panFrameP95Ms,
      },
      details: {
        page: '/nasional',
        viewport: DESKTOP_VIEWPORT,
        regencies: seeded.regencies,
        volunteers: options.volunteers,
        incidents: options.incidents,
        lines: seeded.lines,
        runs: options.runs,
        firstPaintRunsMs: { map: map.firstPaintRunsMs, baseline: baseline.firstPaintRunsMs },
        frames: { map: map.frames, baseline: baseline.frames },
        cpus: `${availableParallelism()} × ${cpus()[0]?.model ?? 'unknown'}`,
        chromium: browser.version(),
        at: new Date().toISOString(),
      },
    };

    const row = (label: string, values: { firstPaintMs: number; panFrameP50Ms: number; panFrameP95Ms: number }) =>
      `${label.padEnd(28)}${String(values.firstPaintMs).padStart(10)}${String(values.panFrameP50Ms).padStart(10)}${String(values.panFrameP95Ms).padStart(10)}`;
    console.log(`\n${''.padEnd(28)}${'paint ms'.padStart(10)}${'frame p50'.padStart(10)}${'frame p95'.padStart(10)}`);
    console.log(row(`national map (${options.incidents} incidents)`, map));
    console.log(row('empty map (baseline)', baseline));

    const written = writeResults(options.out, result);
    console.log(`\nWrote ${written} in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    for (const stop of stops) await stop().catch((error: unknown) => console.error('Stopping:', error));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
