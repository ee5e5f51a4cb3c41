/**
 * `npm run bench:roster`: how long the roster's queries take at a province's size, not a test.
 *
 * Seeds the demo plus `--volunteers` more in Kalimantan Tengah (tests/support/roster.ts), then runs each
 * view a province coordinator uses — first page, search by name and by phone digits, filters, every sort,
 * a deep page — `--runs` times through `rosterPage` (the same function the page and the API call) and
 * prints p50/p95/max per view. Writes tests/bench/results/roster.json; exits non-zero when a view answers
 * wrongly (the needle not found once, a page not full).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { IN_MEMORY, migrateDatabase, openDatabase, type DatabaseHandle } from '../../db/client';
import { seedReferenceData } from '../../db/reference';
import { seedDemoData } from '../../server/seed';
import type { Actor } from '../../server/auth/actor';
import { rosterChoices } from '../../server/volunteers/queries';
import { rosterPage, type RosterPage } from '../../server/volunteers/roster';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres';
import { NEEDLE, seedManyVolunteers } from '../support/roster';

const USAGE = `Usage: npm run bench:roster -- [--volunteers 10000] [--runs 30] [--database pglite|postgres]
                            [--out tests/bench/results/roster.json]`;

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      volunteers: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '30' },
      database: { type: 'string', default: 'pglite' },
      out: { type: 'string', default: 'tests/bench/results/roster.json' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const whole = (name: string, text: string, min: number, max: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      console.error(`--${name} must be a whole number from ${min} to ${max}, not "${text}".\n${USAGE}`);
      process.exit(2);
    }
    return value;
  };
  if (values.database !== 'pglite' && values.database !== 'postgres') {
    console.error(`--database must be pglite or postgres, not "${values.database}".\n${USAGE}`);
    process.exit(2);
  }
  return {
    volunteers: whole('volunteers', values.volunteers, 0, 200_000),
    runs: whole('runs', values.runs, 1, 1_000),
    database: values.database as 'pglite' | 'postgres',
    out: path.resolve(values.out),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const round = (ms: number) => Math.round(ms * 100) / 100;

async function openBenchDatabase(
  database: 'pglite' | 'postgres',
): Promise<{ handle: DatabaseHandle; cluster?: PostgresCluster }> {
  if (database === 'pglite') return { handle: await openDatabase({ dataDir: IN_MEMORY }) };
  const cluster = await startPostgresCluster();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('create database posko_roster_bench');
  await admin.end();
  const url = new URL(cluster.url);
  url.pathname = '/posko_roster_bench';
  return { handle: await openDatabase({ databaseUrl: url.toString() }), cluster };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { handle, cluster } = await openBenchDatabase(options.database);
  try {
    const seedStarted = performance.now();
    await migrateDatabase(handle);
    await seedReferenceData(handle.db);
    await seedDemoData(handle.db);
    await seedManyVolunteers(handle.db, options.volunteers);
    const seedMs = performance.now() - seedStarted;

    const coordinator: Actor = {
      role: 'coordinator',
      userId: '00000000-0000-4000-8000-000000000001',
      name: 'Koordinator Dinsos Kalteng',
      scope: { provinceCode: '62', regencyCode: null },
    };
    const choices = await rosterChoices(handle.db, coordinator, '62');
    const total = (await rosterPage(handle.db, coordinator, {}, new Date())).total;
    const lastPage = Math.ceil(total / 50);
    const views: { name: string; input: Record<string, unknown>; check: (page: RosterPage) => boolean }[] = [
      { name: 'first page by name', input: {}, check: (page) => page.rows.length === 50 },
      {
        name: 'search by name',
        input: { search: 'ayuningtyas pard' },
        check: (page) => page.total === 1 && page.rows[0]?.name === NEEDLE.name,
      },
      {
        name: 'search by phone digits',
        input: { search: `0${NEEDLE.phone.slice(3)}` },
        check: (page) => page.total === 1 && page.rows[0]?.name === NEEDLE.name,
      },
      {
        name: 'pillar + availability + civil servant',
        input: { pillarCode: 'tagana', availability: 'available', civilServant: 'yes' },
        check: (page) => page.rows.every((row) => row.pillarCode === 'tagana' && row.isCivilServant),
      },
      {
        name: 'completed a training',
        input: { trainingId: choices.trainings[0]!.id },
        check: (page) => page.total > 0,
      },
      {
        name: 'sort by kabupaten, descending',
        input: { sort: 'regency', dir: 'desc' },
        check: (page) => page.rows.length === 50,
      },
      { name: 'sort by pillar', input: { sort: 'pillar' }, check: (page) => page.rows.length === 50 },
      { name: 'sort by availability', input: { sort: 'availability' }, check: (page) => page.rows.length === 50 },
      {
        name: 'sort by last deployment, newest first',
        input: { sort: 'lastDeployment', dir: 'desc' },
        check: (page) => page.rows[0]?.lastDeployedAt !== null,
      },
      { name: `last page (${lastPage})`, input: { page: lastPage }, check: (page) => page.rows.length > 0 },
      { name: '200 rows per page', input: { pageSize: 200 }, check: (page) => page.rows.length === 200 },
    ];

    const results = [];
    let failed = false;
    for (const view of views) {
      const times: number[] = [];
      let correct = true;
      // One warm-up run: the first query of a shape pays for planning and cold pages.
      await rosterPage(handle.db, coordinator, view.input, new Date());
      for (let run = 0; run < options.runs; run += 1) {
        const started = performance.now();
        const page = await rosterPage(handle.db, coordinator, view.input, new Date());
        times.push(performance.now() - started);
        correct &&= view.check(page);
      }
      times.sort((a, b) => a - b);
      failed ||= !correct;
      results.push({
        view: view.name,
        input: view.input,
        p50Ms: round(percentile(times, 0.5)),
        p95Ms: round(percentile(times, 0.95)),
        maxMs: round(times.at(-1)!),
        correct,
      });
    }

    console.log(`Roster of Kalimantan Tengah: ${total.toLocaleString('en')} volunteers on ${options.database}`);
    console.table(results.map(({ input: _input, ...row }) => row));
    const result = {
      benchmark: 'roster',
      at: new Date().toISOString(),
      database: options.database,
      volunteersInScope: total,
      extraVolunteers: options.volunteers,
      runsPerView: options.runs,
      seedSeconds: round(seedMs / 1000),
      node: process.version,
      views: results,
    };
    mkdirSync(path.dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`Written to ${path.relative(process.cwd(), options.out)}`);
    if (failed) process.exitCode = 1;
  } finally {
    await handle.close();
    await cluster?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
