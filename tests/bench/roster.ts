/**
 * `npm run bench:roster`: how long the roster's queries take at a province's size, not a test.
 *
 * Seeds the demo plus `--volunteers` more in Kalimantan Tengah (tests/support/roster.ts), then runs each
 * view a province coordinator uses — first page, search by name and by phone digits, filters, every sort,
 * a deep page — `--runs` times through `rosterPage` (the same function the page and the API call) and
 * prints p50/p95/max per view. Writes tests/bench/results/roster.json; exits non-zero when a view answers
 * wrongly (the needle not found once, a page not full).
 */
import { performance } from 'node:perf_hooks';
import type { Actor } from '../../server/auth/actor';
import { rosterChoices } from '../../server/volunteers/queries';
import { rosterPage, type RosterPage } from '../../server/volunteers/roster';
import { seedTo } from '../support/database';
import { NEEDLE, seedManyVolunteers } from '../support/roster';
import { benchOptions, openBenchDatabase, round, timings, writeResults } from './support';

const USAGE = `Usage: npm run bench:roster -- [--volunteers 10000] [--runs 30] [--database pglite|postgres]
                            [--out tests/bench/results/roster.json]`;

function parseOptions() {
  const option = benchOptions(USAGE, {
    volunteers: '10000',
    runs: '30',
    database: 'pglite',
    out: 'tests/bench/results/roster.json',
  });
  return {
    volunteers: option.whole('volunteers', 0, 200_000),
    runs: option.whole('runs', 1, 1_000),
    database: option.oneOf('database', ['pglite', 'postgres']),
    out: option.file('out'),
  };
}

async function main(): Promise<void> {
  const options = parseOptions();
  const handle = await openBenchDatabase(options.database, 'posko_roster_bench');
  try {
    const seedStarted = performance.now();
    await seedTo(handle, 'demo');
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
      failed ||= !correct;
      results.push({ view: view.name, input: view.input, ...timings(times, 2), correct });
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
      seedSeconds: round(seedMs / 1000, 2),
      node: process.version,
      views: results,
    };
    console.log(`Written to ${writeResults(options.out, result)}`);
    if (failed) process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
