import { afterAll, describe, expect, it } from 'vitest';
import { LiveEventLog } from '../../app/_shared/live-events';
import { openDatabase } from '../../db/client';
import { startPosko } from '../../server/app';
import { parseEnv } from '../../server/env';
import { createTestAccount } from '../support/accounts';
import {
  addTogglers,
  installCatchUpFaults,
  runSchedule,
  type Harness,
  type PageFactory,
  type ScheduleRun,
} from '../support/fault-schedule';
import { startSeededPostgres } from '../support/postgres-database';

/** The pages' own module, with short timeouts so a lost answer is asked again within the schedule. */
const pageModule: PageFactory = (socket, initialPosition, onEvent) => {
  const log = new LiveEventLog(socket, initialPosition, { answerTimeoutMs: 250, retryMs: 100 });
  // A reset would make the page read its data again; here it counts as a failure (id -1 is never expected).
  log.subscribe({ onEvent, onReset: () => onEvent({ id: -1 } as never) });
  return log;
};

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
});

/** The real server (HTTP + Socket.IO, without the pages) on a throwaway PostgreSQL. */
async function harnessOnPostgres(): Promise<Harness> {
  const seeded = await startSeededPostgres('reference');
  stops.push(() => seeded.cluster.stop());
  await seeded.handle.close();
  const handle = await openDatabase({ databaseUrl: seeded.databaseUrl });
  const env = parseEnv({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1' });
  const posko = await startPosko(env, { pages: false, database: handle, log: () => {} });
  stops.push(() => posko.close());
  const [admin, province, regency] = await Promise.all([
    createTestAccount(handle.db, { role: 'admin' }),
    createTestAccount(handle.db, { role: 'coordinator', provinceCode: '62' }),
    createTestAccount(handle.db, { role: 'coordinator', provinceCode: '62', regencyCode: '62.03' }),
  ]);
  return {
    posko,
    db: handle.db,
    faults: installCatchUpFaults(posko),
    togglers: await addTogglers(handle.db),
    admin,
    pages: [province, regency],
  };
}

/** The schedules, eight pages at a time (each compares against its own scope from its own start). */
async function runAll(harness: Harness, schedules: number, atOnce = 8): Promise<ScheduleRun[]> {
  const runs: ScheduleRun[] = [];
  let nextSeed = 1;
  const lane = async () => {
    while (nextSeed <= schedules) runs.push(await runSchedule(harness, pageModule, nextSeed++));
  };
  await Promise.all(Array.from({ length: atOnce }, lane));
  return runs.sort((a, b) => a.seed - b.seed);
}

describe('a page following the event log through drops, lost answers and late events', () => {
  // The module before this one lost events in 170 of these 200 schedules (940 in all, 20 of 44 in
  // seed 1) and applied replayed events after later live ones in most of the rest.
  it('applies every event of its scope once and in order in 200 seeded schedules on PostgreSQL', async () => {
    const runs = await runAll(await harnessOnPostgres(), 200);
    const failed = runs.filter((run) => run.missing.length > 0 || run.twice.length > 0 || run.outOfOrder);
    expect(failed, `schedules that lost, doubled or reordered events: ${JSON.stringify(failed.slice(0, 5))}`).toEqual(
      [],
    );
    // The schedules did change the page's scope, seed 1 (the drop before the catch-up answer) too.
    expect(runs).toHaveLength(200);
    expect(runs.reduce((sum, run) => sum + run.events, 0)).toBeGreaterThan(200 * 5);
    expect(runs[0]!.events).toBeGreaterThanOrEqual(12);
  }, 170_000);
});
