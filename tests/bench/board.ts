/**
 * `npm run bench:board`: how long one read of the leaders' board takes as the event log grows; a
 * benchmark, not a test. Every leader's screen reads the board again after each relevant change, so
 * this is the database cost of one refresh.
 *
 * The demo (Kalimantan Tengah, about 1,600 volunteers) gets `--events` more events over the last 48
 * hours, mostly offers and availability changes as a busy disaster writes them, and every volunteer's
 * availability is marked as changed within those hours (the slow path of the earlier counts). Then
 * `loadBoard` runs `--runs` times comparing with 6 and with 24 hours ago. Prints a table and writes
 * tests/bench/results/board.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { count, sql } from 'drizzle-orm';
import pg from 'pg';
import { IN_MEMORY, migrateDatabase, openDatabase, type DatabaseHandle } from '../../db/client';
import { seedReferenceData } from '../../db/reference';
import { seedDemoData } from '../../server/seed';
import { events } from '../../db/schema';
import type { CompareHours } from '../../lib/board';
import { loadBoard } from '../../server/board/queries';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres';

const USAGE = `Usage: npm run bench:board -- [--events 200000] [--runs 30] [--database postgres|pglite]
                           [--out tests/bench/results/board.json]`;

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string', default: '200000' },
      runs: { type: 'string', default: '30' },
      database: { type: 'string', default: 'postgres' },
      out: { type: 'string', default: 'tests/bench/results/board.json' },
      help: { type: 'boolean', default: false },
    },
  });
  const extra = Number(values.events);
  const runs = Number(values.runs);
  if (values.help || !Number.isInteger(extra) || extra < 0 || !Number.isInteger(runs) || runs < 1) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  if (values.database !== 'postgres' && values.database !== 'pglite') {
    console.log(USAGE);
    process.exit(2);
  }
  return { extra, runs, database: values.database, out: path.resolve(values.out) };
}

async function openBenchDatabase(database: 'postgres' | 'pglite'): Promise<{
  handle: DatabaseHandle;
  cluster?: PostgresCluster;
}> {
  if (database === 'pglite') return { handle: await openDatabase({ dataDir: IN_MEMORY }) };
  const cluster = await startPostgresCluster();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('create database posko_board_bench');
  await admin.end();
  const url = new URL(cluster.url);
  url.pathname = '/posko_board_bench';
  return { handle: await openDatabase({ databaseUrl: url.toString() }), cluster };
}

/** A busy log: ids in time order over the last 48 hours, three offers to each availability change. */
async function addHistory(handle: DatabaseHandle, extra: number): Promise<void> {
  if (extra === 0) return;
  await handle.db.execute(sql`
    with staff as (
      select array_agg(v.id order by v.id) as ids, array_agg(v.regency_code order by v.id) as regs, count(*)::int as n
      from volunteers v join regencies r on r.code = v.regency_code where r.province_code = '62'
    ), running as (
      select array_agg(id order by id) as ids, count(*)::int as n from incidents where province_code = '62'
    )
    insert into events (type, province_code, regency_code, volunteer_id, incident_id, payload, created_at)
    select
      case when g % 4 = 0 then 'volunteer.availability_changed' else 'assignment.offered' end,
      '62',
      staff.regs[1 + g % staff.n],
      staff.ids[1 + g % staff.n],
      case when g % 4 = 0 then null else running.ids[1 + g % running.n] end,
      case when g % 4 = 0 then jsonb_build_object('from', 'unavailable', 'to', 'available')
        else jsonb_build_object('requestId', gen_random_uuid(), 'assignmentId', gen_random_uuid()) end,
      now() - interval '48 hours' + (g::float8 / ${extra}) * interval '48 hours'
    from generate_series(1, ${extra}) as g, staff, running`);
  await handle.db.execute(sql`
    update volunteers set availability_changed_at = now() - random() * interval '48 hours'
    where regency_code like '62.%'`);
  await handle.db.execute(sql`analyze`);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const { handle, cluster } = await openBenchDatabase(options.database as 'postgres' | 'pglite');
  try {
    await migrateDatabase(handle);
    await seedReferenceData(handle.db);
    await seedDemoData(handle.db);
    await addHistory(handle, options.extra);
    const [logged] = await handle.db.select({ n: count() }).from(events);

    const ctx = {
      db: handle.db,
      now: () => new Date(),
      publish: () => {},
      actor: {
        role: 'leader' as const,
        userId: '00000000-0000-4000-8000-000000000000',
        name: 'Bench',
        scope: { provinceCode: '62', regencyCode: null },
      },
    };
    const timings: Record<string, { p50Ms: number; p95Ms: number; maxMs: number }> = {};
    for (const compareHours of [6, 24] as CompareHours[]) {
      await loadBoard({ ctx, input: { provinceCode: '62', compareHours } });
      const samples: number[] = [];
      for (let run = 0; run < options.runs; run += 1) {
        const start = performance.now();
        await loadBoard({ ctx, input: { provinceCode: '62', compareHours } });
        samples.push(performance.now() - start);
      }
      samples.sort((a, b) => a - b);
      timings[`compare${compareHours}h`] = {
        p50Ms: round(percentile(samples, 50)),
        p95Ms: round(percentile(samples, 95)),
        maxMs: round(samples.at(-1)!),
      };
    }
    const result = { database: options.database, events: logged!.n, runs: options.runs, ...timings };
    console.table(timings);
    console.log(`${options.database}, ${logged!.n.toLocaleString('en')} events in the log, ${options.runs} reads each`);
    mkdirSync(path.dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`Written: ${path.relative(process.cwd(), options.out)}`);
  } finally {
    await handle.close();
    await cluster?.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
