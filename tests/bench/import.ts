/**
 * `npm run bench:import`: how long a province's roster import takes, not a test.
 *
 * Builds a `--rows` XLSX as offices keep them (tests/support/imports.ts: title rows, five phone formats,
 * serial dates, a merged cell), then on each database, in a fresh process of its own: reads the file alone
 * (the baseline), previews it and commits it through the verbs the HTTP routes call, and samples the
 * process's memory (PGlite runs inside it) against its idle level after seeding. Writes
 * tests/bench/results/import.json; exits non-zero when the commit does not create every row or a goal
 * (preview ≤ 5 s, commit ≤ 10 s, memory ≤ 300 MB above idle) is missed.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { users } from '../../db/schema';
import type { Actor } from '../../server/auth/actor';
import { commitImport } from '../../server/imports/commit-import';
import { previewImport } from '../../server/imports/preview-import';
import { readSpreadsheet } from '../../server/imports/read-file';
import { seedTo } from '../support/database';
import { rosterWorkbook } from '../support/imports';
import { benchOptions, openBenchDatabase, round, writeResults, type BenchDatabase } from './support';

const USAGE = `Usage: npm run bench:import -- [--rows 10000] [--database both|pglite|postgres]
                            [--out tests/bench/results/import.json]`;

const GOALS = { previewMs: 5_000, commitMs: 10_000, memoryMb: 300 };

function parseOptions() {
  const option = benchOptions(USAGE, {
    rows: '10000',
    database: 'both',
    out: 'tests/bench/results/import.json',
    child: 'no',
  });
  return {
    rows: option.whole('rows', 1, 50_000),
    database: option.oneOf('database', ['both', 'pglite', 'postgres']),
    out: option.file('out'),
    child: option.oneOf('child', ['no', 'yes']) === 'yes',
  };
}

interface Run {
  database: BenchDatabase;
  fileMb: number;
  readFileMs: number;
  previewMs: number;
  commitMs: number;
  idleMb: number;
  peakAboveIdleMb: number;
  created: number;
}

const mb = (bytes: number) => round(bytes / 1024 / 1024);

/** One database, measured inside this process. */
async function measure(database: BenchDatabase, rows: number): Promise<Run> {
  const handle = await openBenchDatabase(database, 'posko_import_bench');
  try {
    await seedTo(handle, 'reference');
    const [user] = await handle.db
      .insert(users)
      .values({ role: 'coordinator', displayName: 'Koordinator Kalteng', username: 'koord.bench', provinceCode: '62' })
      .returning();
    const actor: Actor = {
      role: 'coordinator',
      userId: user!.id,
      name: user!.displayName,
      scope: { provinceCode: '62', regencyCode: null },
    };
    const ctx = { db: handle.db, now: () => new Date(), publish: () => undefined, actor };
    const { bytes } = await rosterWorkbook({ count: rows, seed: 31 });

    globalThis.gc?.();
    const idle = process.memoryUsage().rss;
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);

    let started = performance.now();
    await readSpreadsheet(bytes);
    const readFileMs = performance.now() - started;

    started = performance.now();
    const preview = await previewImport({ ctx, file: { fileName: 'relawan.xlsx', bytes }, input: {} });
    const previewMs = performance.now() - started;

    started = performance.now();
    const result = await commitImport({ ctx, input: { importId: preview.id } });
    const commitMs = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    return {
      database,
      fileMb: mb(bytes.length),
      readFileMs: round(readFileMs),
      previewMs: round(previewMs),
      commitMs: round(commitMs),
      idleMb: mb(idle),
      peakAboveIdleMb: mb(peak - idle),
      created: result.created,
    };
  } finally {
    await handle.close();
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (options.child) {
    const database = options.database as BenchDatabase;
    process.stdout.write(`${JSON.stringify(await measure(database, options.rows))}\n`);
    return;
  }
  const databases: BenchDatabase[] = options.database === 'both' ? ['pglite', 'postgres'] : [options.database];
  const runs: Run[] = [];
  for (const database of databases) {
    // A process per database, so one's memory does not count against the other.
    const output = execFileSync(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--child',
        'yes',
        '--database',
        database,
        '--rows',
        String(options.rows),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1024 * 1024 },
    );
    const run = JSON.parse(output.trim().split('\n').at(-1)!) as Run;
    runs.push(run);
    console.log(
      `${database.padEnd(8)} ${options.rows} rows (${run.fileMb} MB): read file alone ${run.readFileMs} ms · ` +
        `preview ${run.previewMs} ms · commit ${run.commitMs} ms · memory ${run.peakAboveIdleMb} MB above idle ` +
        `(${run.idleMb} MB)`,
    );
  }
  const failures = runs.flatMap((run) => [
    ...(run.created === options.rows ? [] : [`${run.database}: created ${run.created} of ${options.rows}`]),
    ...(run.previewMs <= GOALS.previewMs ? [] : [`${run.database}: preview over ${GOALS.previewMs} ms`]),
    ...(run.commitMs <= GOALS.commitMs ? [] : [`${run.database}: commit over ${GOALS.commitMs} ms`]),
    ...(run.peakAboveIdleMb <= GOALS.memoryMb ? [] : [`${run.database}: memory over ${GOALS.memoryMb} MB`]),
  ]);
  const written = writeResults(options.out, { rows: options.rows, goals: GOALS, runs, at: new Date().toISOString() });
  console.log(`Results: ${written}`);
  if (failures.length > 0) {
    console.error(failures.join('\n'));
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
