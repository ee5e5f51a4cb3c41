import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveEventLog } from '../../app/_shared/live-events';
import { openDatabase, queryRows, type DatabaseHandle } from '../../db/client';
import { assignments, deploymentRequests, events } from '../../db/schema';
import type { LiveEvent } from '../../lib/realtime';
import { startCluster, type ClusterProcess, type RunningCluster } from '../../server/cluster/run';
import { latestEventId } from '../../server/events/queries';
import { eventsSince } from '../../server/realtime/scope';
import { createTestAccount, type TestAccount } from '../support/accounts';
import { addIncident, addVolunteers, uniqueSkill } from '../support/dispatch';
import type { TestClient } from '../support/realtime';

/**
 * Three Posko processes on one PostgreSQL behind nginx, started as `npm run cluster -- --processes 3`
 * starts them. Phones are real Socket.IO clients that connect through nginx; the `posko_node` cookie
 * each process hands out keeps a phone on "its" process, so the test knows which phone is where.
 */
const METRICS_TOKEN = 'uji-metrik-klaster-0123456789';
const PHONES_PER_PROCESS = 6;
const REGENCY = '62.03';

interface Phone {
  account: TestAccount;
  volunteerId: string;
  node: string;
  socket: TestClient;
  log: LiveEventLog;
  applied: LiveEvent[];
  start: number;
}

let cluster: RunningCluster;
let handle: DatabaseHandle;
let coordinator: TestAccount;
let skill: string;
let incidentId: string;
const phones: Phone[] = [];

beforeAll(async () => {
  cluster = await startCluster({ processes: 3, port: 0, demo: false, env: { POSKO_METRICS_TOKEN: METRICS_TOKEN } });
  handle = await openDatabase({ databaseUrl: cluster.databaseUrl });
  coordinator = await createTestAccount(handle.db, { role: 'coordinator', provinceCode: '62' });
  skill = uniqueSkill();
  const crew = await addVolunteers(handle.db, {
    regencyCode: REGENCY,
    count: PHONES_PER_PROCESS * 3,
    skills: [skill],
  });
  incidentId = (await addIncident(handle, REGENCY)).id;
  for (const [index, volunteer] of crew.entries()) {
    const node = cluster.processes[index % 3]!.id;
    const account = await createTestAccount(handle.db, { role: 'volunteer', volunteerId: volunteer.id });
    phones.push(await openPhone(account, volunteer.id, node));
  }
}, 180_000);

afterAll(async () => {
  for (const phone of phones) phone.socket.close();
  await handle?.close();
  await cluster?.stop();
});

/** A phone through nginx, pinned by cookie to `node`, following its events with the pages' own module. */
async function openPhone(account: TestAccount, volunteerId: string, node: string): Promise<Phone> {
  const start = await latestEventId(handle.db);
  const socket: TestClient = connect(cluster.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1_000,
    extraHeaders: { cookie: `${account.cookie}; posko_node=${node}` },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const applied: LiveEvent[] = [];
  const log = new LiveEventLog(socket, start, { answerTimeoutMs: 2_000, retryMs: 500 });
  log.subscribe({ onEvent: (event) => applied.push(event), onReset: () => applied.push({ id: -1 } as LiveEvent) });
  return { account, volunteerId, node, socket, log, applied, start };
}

const processNamed = (id: string) => cluster.processes.find((p) => p.id === id)!;

/** One process's metric, read from the process itself (not through nginx). */
async function metric(process: ClusterProcess, name: string): Promise<number> {
  const response = await fetch(`${process.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await response.text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

/** A request for `slots` of the test's volunteers, made through nginx on the process named `node`. */
async function requestThrough(node: string, slots: number): Promise<{ id: string }> {
  const response = await fetch(`${cluster.url}/api/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `${coordinator.cookie}; posko_node=${node}` },
    body: JSON.stringify({
      incidentId,
      slots,
      pillarCodes: ['tagana'],
      skill,
      sourceRegencyCodes: [REGENCY],
      meetingPoint: 'Kantor Dinas Sosial Kabupaten Kapuas',
      deadline: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  const body = (await response.json()) as { request: { id: string } };
  return { id: body.request.id };
}

/** Resolves with the wave's offer event for the request, once the phone's own log applies it. */
function offerFor(phone: Phone, requestId: string, ms: number): Promise<LiveEvent> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const check = () => {
      const offer = phone.applied.find((e) => e.type === 'assignment.offered' && e.payload.requestId === requestId);
      if (offer) return resolve(offer);
      if (Date.now() > deadline) {
        return reject(
          new Error(
            `phone first on ${phone.node} (connected: ${phone.socket.connected}, at ${phone.log.applied}) got no offer within ${ms} ms`,
          ),
        );
      }
      setTimeout(check, 20);
    };
    check();
  });
}

/** The phones whose volunteer the request offered a place (a volunteer already deployed gets none). */
async function offeredPhones(requestId: string): Promise<Phone[]> {
  const offered = new Set(
    (await handle.db.select().from(assignments).where(eq(assignments.requestId, requestId))).map((a) => a.volunteerId),
  );
  return phones.filter((phone) => offered.has(phone.volunteerId));
}

/** Every phone's applied events, once caught up, against the server's own answer for its scope since it started. */
async function expectExactLogs(): Promise<void> {
  for (const phone of phones) {
    const truth = await eventsSince(handle.db, phone.account.actor, phone.start);
    if (truth.reset) throw new Error('more events than one replay holds');
    const expected = truth.events.map((e) => e.id);
    const held = () => phone.applied.filter((e) => e.id <= truth.position).map((e) => e.id);
    await until(
      async () => held(),
      (ids) => ids.length >= expected.length,
      15_000,
      `phone first on ${phone.node} (connected: ${phone.socket.connected}) catching up to ${JSON.stringify(expected)}`,
    );
    expect(held(), `phone first on ${phone.node}`).toEqual(expected);
  }
}

describe('three Posko processes behind nginx on one PostgreSQL', () => {
  it('keeps each phone on the process its cookie names, and spreads first visits over all three', async () => {
    for (const process of cluster.processes) {
      expect(await metric(process, 'posko_connected_sockets'), `sockets on ${process.id}`).toBe(PHONES_PER_PROCESS);
    }
    // A browser's first long-polling handshake has no cookie: nginx picks a process, which names itself.
    const named = new Set<string>();
    for (let i = 0; i < 6; i += 1) {
      const response = await fetch(`${cluster.url}/socket.io/?EIO=4&transport=polling`);
      await response.text();
      named.add(/posko_node=([a-z]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] ?? 'none');
    }
    expect([...named].sort()).toEqual(['a', 'b', 'c']);
  });

  it('delivers an offer made through process B to the phones on A and C', async () => {
    const { id } = await requestThrough('b', 2);
    // How fast is bench:dispatch's business; here every phone on every process gets it.
    await Promise.all(phones.map((phone) => offerFor(phone, id, 10_000)));
    expect(new Set(phones.map((p) => p.node))).toEqual(new Set(['a', 'b', 'c']));
  });

  it('fills a request exactly when phones on all three processes race for its places', async () => {
    const { id } = await requestThrough('c', 5);
    // Four phones of each process race, interleaved a, b, c, a, …: twelve for five places, and no process has
    // phones enough to take all five, so the winners are on two processes at least.
    const racers = [0, 1, 2, 3].flatMap((round) =>
      ['a', 'b', 'c'].map((node) => phones.filter((phone) => phone.node === node)[round]!),
    );
    await Promise.all(racers.map((phone) => offerFor(phone, id, 5_000)));
    // Each phone accepts by the request, as the wave's event names it.
    const answers = await Promise.all(
      racers.map((phone) =>
        phone.socket.timeout(10_000).emitWithAck('offer:accept', { requestId: id, idempotencyKey: randomUUID() }),
      ),
    );
    const accepted = answers.filter((answer) => answer.ok);
    expect(accepted).toHaveLength(5);
    expect(answers.filter((answer) => !answer.ok).every((answer) => !answer.ok && answer.code === 'CONFLICT')).toBe(
      true,
    );
    const [row] = await handle.db.select().from(deploymentRequests).where(eq(deploymentRequests.id, id));
    expect(row!.acceptedCount).toBe(5);
    expect(row!.status).toBe('filled');
    const winners = new Set(answers.flatMap((answer, index) => (answer.ok ? [racers[index]!.node] : [])));
    expect(winners.size).toBeGreaterThan(1);
  });

  it('moves the phones of a killed process to the other two, which catch them up exactly', async () => {
    const victim = processNamed('a');
    await victim.kill('SIGKILL');
    try {
      // While A is gone, a request through B: A's phones are reconnecting and must still end up with it.
      const { id } = await requestThrough('b', 1);
      const offered = await offeredPhones(id);
      expect(offered.filter((phone) => phone.node === 'a').length).toBeGreaterThan(0);
      await Promise.all(offered.map((phone) => offerFor(phone, id, 20_000)));
      const moved = await until(
        async () =>
          (await metric(processNamed('b'), 'posko_connected_sockets')) +
          (await metric(processNamed('c'), 'posko_connected_sockets')),
        (count) => count === phones.length,
        20_000,
        'phones on B and C',
      );
      expect(moved).toBe(phones.length);
      await expectExactLogs();
      expect(phones.flatMap((p) => p.applied).some((e) => e.id === -1)).toBe(false);
    } finally {
      await victim.start();
    }
  });

  it('hands the timed work to another process when the one keeping it dies', async () => {
    const keeping = async () => {
      const flags = await Promise.all(cluster.processes.map((p) => metric(p, 'posko_keeps_time').catch(() => 0)));
      return cluster.processes.filter((_, index) => flags[index] === 1).map((p) => p.id);
    };
    const [keeper] = await until(keeping, (ids) => ids.length === 1, 15_000, 'one timekeeper');
    await processNamed(keeper!).kill('SIGKILL');
    try {
      const [next] = await until(keeping, (ids) => ids.length === 1 && ids[0] !== keeper, 20_000, 'a new timekeeper');
      expect(next).not.toBe(keeper);

      // The new keeper expires a request whose deadline passed, once.
      const { id } = await requestThrough(next!, 1);
      await handle.db.execute(
        sql`update deployment_requests set deadline = now() - interval '1 minute' where id = ${id}`,
      );
      await until(
        async () => (await handle.db.select().from(deploymentRequests).where(eq(deploymentRequests.id, id)))[0]!.status,
        (status) => status === 'expired',
        25_000,
        'the request expired',
      );
      const expired = await queryRows<{ count: number }>(
        handle.db,
        sql`select count(*)::int as count from ${events} where type = 'request.expired' and payload->>'requestId' = ${id}`,
      );
      expect(expired[0]!.count).toBe(1);
    } finally {
      await processNamed(keeper!).start();
    }
  });

  it('recovers on all three processes by itself after PostgreSQL restarts under load', async () => {
    const statuses = new Map<number, number>();
    let loading = true;
    const load = (async () => {
      while (loading) {
        const response = await fetch(`${cluster.url}/api/incidents/${incidentId}`, {
          headers: { cookie: coordinator.cookie },
        }).catch(() => null);
        if (response) {
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          await response.body?.cancel();
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await cluster.postgres!.halt();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await cluster.postgres!.restart();
    for (const process of cluster.processes) {
      await until(
        async () => (await fetch(`${process.url}/api/health`)).status,
        (status) => status === 200,
        30_000,
        `process ${process.id} healthy`,
      );
    }
    loading = false;
    await load;
    expect(statuses.get(200)).toBeGreaterThan(0);
    expect(statuses.get(503), JSON.stringify([...statuses])).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((status) => status !== 200 && status !== 503)).toEqual([]);
    // Cross-process delivery works again: an offer through C reaches every phone.
    const { id } = await requestThrough('c', 1);
    const offered = await offeredPhones(id);
    expect(new Set(offered.map((phone) => phone.node)).size).toBe(3);
    await Promise.all(offered.map((phone) => offerFor(phone, id, 15_000)));
    await expectExactLogs();
  });
});
