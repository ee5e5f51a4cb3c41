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
import { count, sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../../db/client';
import { events } from '../../db/schema';
import type { CompareHours } from '../../lib/board';
import { loadBoard } from '../../server/board/queries';
import { seedTo } from '../support/database';
import { benchOptions, openBenchDatabase, timings, writeResults } from './support';

const USAGE = `Usage: npm run bench:board -- [--events 200000] [--runs 30] [--database postgres|pglite]
                           [--out tests/bench/results/board.json]`;

function parseOptions() {
  const option = benchOptions(USAGE, {
    events: '200000',
    runs: '30',
    database: 'postgres',
    out: 'tests/bench/results/board.json',
  });
  return {
    extra: option.whole('events', 0),
    runs: option.whole('runs', 1),
    database: option.oneOf('database', ['postgres', 'pglite']),
    out: option.file('out'),
  };
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

async function main(): Promise<void> {
  const options = parseOptions();
  const handle = await openBenchDatabase(options.database, 'posko_board_bench');
  try {
    await seedTo(handle, 'demo');
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
    const reads: Record<string, ReturnType<typeof timings>> = {};
    for (const compareHours of [6, 24] as CompareHours[]) {
      await loadBoard({ ctx, input: { provinceCode: '62', compareHours } });
      const samples: number[] = [];
      for (let run = 0; run < options.runs; run += 1) {
        const start = performance.now();
        await loadBoard({ ctx, input: { provinceCode: '62', compareHours } });
        samples.push(performance.now() - start);
      }
      reads[`compare${compareHours}h`] = timings(samples);
    }
    const result = { database: options.database, events: logged!.n, runs: options.runs, ...reads };
    console.table(reads);
    console.log(`${options.database}, ${logged!.n.toLocaleString('en')} events in the log, ${options.runs} reads each`);
    console.log(`Written: ${writeResults(options.out, result)}`);
  } finally {
    await handle.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
