import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelMessages } from '../../db/schema';
import type { Ack } from '../../lib/realtime';
import { getAppContext } from '../../server/context';
import { createIncident } from '../../server/incidents/create-incident';
import { createTestAccount } from '../support/accounts';
import { actors } from '../support/dispatch';
import { connectClient, startRealtimeServer, type TestClient } from '../support/realtime';
import { callRoute } from '../support/route-calls';
import { testDriver } from '../support/database';

const TOKEN = 'token-metrik-uji-0123456789';
let server: Awaited<ReturnType<typeof startRealtimeServer>>;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startRealtimeServer('demo', { POSKO_METRICS_TOKEN: TOKEN });
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
});

/** GET /api/metrics through its route handler, as Prometheus would call it. */
async function scrape(authorization = `Bearer ${TOKEN}`): Promise<Response> {
  return callRoute('GET /api/metrics', { headers: authorization ? { authorization } : {} });
}

async function scrapeText(): Promise<string> {
  const response = await scrape();
  expect(response.status).toBe(200);
  return response.text();
}

/** The value of one sample in the text exposition (`name{a="b",…} value`), 0 when it is not there. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return 0;
}

describe('GET /api/metrics', () => {
  it('answers the Prometheus text format to the configured bearer token and 401 to anyone else', async () => {
    const missing = await scrape('');
    expect(missing.status).toBe(401);
    expect((await missing.json()).error).toMatch(/Authorization: Bearer/);
    const wrong = await scrape('Bearer token-yang-salah-sekali-123');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toMatch(/posko_http_requests_total/);

    const right = await scrape();
    expect(right.status).toBe(200);
    expect(right.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await right.text();
    for (const name of [
      'posko_http_requests_total',
      'posko_http_request_duration_seconds',
      'posko_socket_commands_total',
      'posko_connected_sockets',
      'posko_publish_lag_seconds',
      'posko_db_pool_connections',
      'posko_texts_queued',
      'posko_push_pending_batches',
      'posko_process_cpu_user_seconds_total',
      'posko_nodejs_heap_size_used_bytes',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('counts an HTTP request under its route pattern and status class, never its id', async () => {
    const before = await scrapeText();
    const labels = { method: 'GET', route: '/api/incidents/[id]', status: '4xx' };
    const id = '7d1f0c52-3b8e-4f55-9a1d-2b6c0e9f4a11';
    const answer = await fetch(`${server.url}/api/incidents/${id}`);
    expect(answer.status).toBe(404);
    const after = await scrapeText();
    expect(sample(after, 'posko_http_requests_total', labels)).toBe(
      sample(before, 'posko_http_requests_total', labels) + 1,
    );
    expect(sample(after, 'posko_http_request_duration_seconds_count', labels)).toBe(
      sample(before, 'posko_http_request_duration_seconds_count', labels) + 1,
    );
    expect(after).not.toContain(id);
    // A path the app does not serve is counted as `other`, so random paths cannot grow the labels.
    await fetch(`${server.url}/wp-admin/${id}`);
    expect(sample(await scrapeText(), 'posko_http_requests_total', { route: 'other', status: '4xx' })).toBeGreaterThan(
      0,
    );
  });

  it('counts socket commands by command and outcome, and follows sockets connecting and leaving', async () => {
    const account = await createTestAccount(server.handle.db, { role: 'coordinator', provinceCode: '62' });
    const before = await scrapeText();
    const connected = sample(before, 'posko_connected_sockets');
    const socket = await connectClient(server.url, { cookie: account.cookie });
    clients.push(socket);
    expect(sample(await scrapeText(), 'posko_connected_sockets')).toBe(connected + 1);

    const ok = (await socket.timeout(5_000).emitWithAck('events:since', { after: 0 })) as Ack<unknown>;
    expect(ok.ok).toBe(true);
    const refused = (await socket
      .timeout(5_000)
      .emitWithAck('map:watch', { provinceCode: 'xx' } as never)) as Ack<unknown>;
    expect(refused).toMatchObject({ ok: false, code: 'INVALID' });

    const after = await scrapeText();
    const since = { command: 'events:since', outcome: 'ok' };
    const invalid = { command: 'map:watch', outcome: 'INVALID' };
    expect(sample(after, 'posko_socket_commands_total', since)).toBe(
      sample(before, 'posko_socket_commands_total', since) + 1,
    );
    expect(sample(after, 'posko_socket_commands_total', invalid)).toBe(
      sample(before, 'posko_socket_commands_total', invalid) + 1,
    );
    expect(sample(after, 'posko_socket_command_duration_seconds_count', since)).toBe(
      sample(before, 'posko_socket_command_duration_seconds_count', since) + 1,
    );

    socket.disconnect();
    await expect.poll(async () => sample(await scrapeText(), 'posko_connected_sockets')).toBe(connected);
  });

  it('observes the publish lag of a committed change once it reaches the sockets', async () => {
    const before = sample(await scrapeText(), 'posko_publish_lag_seconds_count');
    await createIncident({
      ctx: { ...getAppContext(), actor: actors.coordinator('62') },
      input: { type: 'flood', severity: 2, regencyCode: '62.03', title: 'Banjir uji metrik' },
    });
    await expect.poll(async () => sample(await scrapeText(), 'posko_publish_lag_seconds_count')).toBe(before + 1);
    const text = await scrapeText();
    // Committed and emitted in one process: well under a second.
    expect(sample(text, 'posko_publish_lag_seconds_bucket', { le: '1' })).toBe(before + 1);
  });

  it("reports the database's connections and the text queue's depth at scrape time", async () => {
    const text = await scrapeText();
    if (testDriver() === 'postgres') {
      expect(sample(text, 'posko_db_pool_connections', { driver: 'postgres', state: 'total' })).toBeGreaterThan(0);
      expect(text).toMatch(/posko_db_pool_connections\{driver="postgres",state="idle"\} \d+/);
      expect(text).toMatch(/posko_db_pool_connections\{driver="postgres",state="waiting"\} 0/);
    } else {
      expect(sample(text, 'posko_db_pool_connections', { driver: 'pglite', state: 'total' })).toBe(1);
      expect(text).not.toMatch(/state="waiting"/);
    }
    expect(sample(text, 'posko_push_pending_batches')).toBe(0);

    // Two texts waiting for a retry an hour from now: the queue leaves them, the gauge counts them.
    const queuedBefore = sample(text, 'posko_texts_queued', { channel: 'sms' });
    const later = new Date(Date.now() + 3_600_000);
    const waiting = { channel: 'sms', provider: 'log', kind: 'offer', provinceCode: '62', text: 'Uji antrean' };
    await server.handle.db.insert(channelMessages).values([
      { ...waiting, toPhone: '+6200000000001', nextAttemptAt: later },
      { ...waiting, toPhone: '+6200000000002', nextAttemptAt: later },
    ]);
    expect(sample(await scrapeText(), 'posko_texts_queued', { channel: 'sms' })).toBe(queuedBefore + 2);
  });
});
