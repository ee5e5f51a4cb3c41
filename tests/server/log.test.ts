import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Ack } from '../../lib/realtime';
import { errorResponse } from '../../server/http';
import { configureLog, logger, scrub, withLogContext } from '../../server/log';
import { createTestAccount } from '../support/accounts';
import { connectClient, startRealtimeServer, type TestClient } from '../support/realtime';

let server: Awaited<ReturnType<typeof startRealtimeServer>>;
const clients: TestClient[] = [];
let lines: string[] = [];

/** The captured log as parsed lines; every line must be one JSON object. */
const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(async () => {
  server = await startRealtimeServer('demo');
  configureLog({ level: 'info', sink: { write: (line) => lines.push(line) } });
});
beforeEach(() => {
  lines = [];
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
  configureLog({ level: 'silent', sink: process.stdout });
});

describe('the request log', () => {
  it('echoes a sane X-Request-Id and logs the request under it, by route pattern and without the id in the path', async () => {
    const id = '5b0e6a1c-93d2-4c47-8f0e-6f1d2a7b9c30';
    const answer = await fetch(`${server.url}/api/volunteers/${id}?q=081234567890`, {
      headers: { 'x-request-id': 'nginx-4f1c2a9e77' },
    });
    expect(answer.headers.get('x-request-id')).toBe('nginx-4f1c2a9e77');
    await expect.poll(() => logged().some((line) => line.requestId === 'nginx-4f1c2a9e77')).toBe(true);
    const line = logged().find((entry) => entry.requestId === 'nginx-4f1c2a9e77')!;
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      route: '/api/volunteers/[id]',
      status: 404,
      service: 'posko',
    });
    expect(typeof line.ms).toBe('number');
    expect(lines.join('')).not.toContain(id);
    expect(lines.join('')).not.toContain('081234567890');
  });

  it('gives a request without a usable X-Request-Id a fresh one', async () => {
    for (const incoming of [undefined, 'a b', 'x'.repeat(300), '<script>']) {
      const answer = await fetch(`${server.url}/api/health`, {
        headers: incoming === undefined ? {} : { 'x-request-id': incoming },
      });
      const given = answer.headers.get('x-request-id');
      expect(given).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      await expect.poll(() => logged().some((line) => line.requestId === given)).toBe(true);
    }
  });

  it('logs every socket command with its own request id, the command and its outcome, never its input', async () => {
    const account = await createTestAccount(server.handle.db, { role: 'coordinator', provinceCode: '62' });
    const socket = await connectClient(server.url, { cookie: account.cookie });
    clients.push(socket);
    const secretNote = 'catatan rahasia 0812 9999 8888';
    const ack = (await socket
      .timeout(5_000)
      .emitWithAck('checkin:report', { assignmentId: 'bukan-id', note: secretNote } as never)) as Ack<unknown>;
    expect(ack.ok).toBe(false);
    await expect.poll(() => logged().some((line) => line.msg === 'command')).toBe(true);
    const line = logged().find((entry) => entry.msg === 'command')!;
    expect(line).toMatchObject({ command: 'checkin:report', outcome: 'INVALID', userId: account.userId });
    expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.join('')).not.toContain('rahasia');
  });
});

describe('errors in the log', () => {
  it('logs a failed request with its cause, its request id, and without the query parameters the driver attached', async () => {
    const phone = '+6281299990000';
    const failure = await server.handle.db
      .execute(sql`insert into volunteers (phone, name) values (${phone}, ${'Relawan Rahasia'})`)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);

    const response = withLogContext({ requestId: 'uji-galat-000001' }, () => errorResponse(failure));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'Terjadi kesalahan di server. Coba lagi.', code: 'INTERNAL' });

    const line = logged().find((entry) => entry.msg === 'Request failed')!;
    expect(line).toMatchObject({ level: 'error', requestId: 'uji-galat-000001' });
    const err = line.err as {
      type: string;
      message: string;
      stack: string;
      cause?: { message: string; code?: string };
    };
    expect(err.message).toMatch(/^Failed query: insert into volunteers/);
    expect(err.stack).toMatch(/\n\s+at /);
    // The database's own reason is kept as the cause: a NOT NULL column was left out.
    expect(err.cause?.message).toMatch(/null value in column/);
    expect(err.cause?.code).toBe('23502');
    const text = lines.join('');
    expect(text).not.toContain('6281299990000');
    expect(text).not.toContain('Relawan Rahasia');
  });
});

describe('redaction', () => {
  it('never writes secrets, tokens, cookies, passwords, push keys, phone numbers or NIK', () => {
    logger().info(
      {
        password: 'kata-sandi-rahasia',
        token: 'tok-rahasia-1',
        phone: '+6281277776666',
        nik: '6203010101900001',
        headers: { cookie: 'posko_session=kue-rahasia', authorization: 'Bearer pembawa-rahasia' },
        keys: { p256dh: 'kunci-push-rahasia', auth: 'auth-push-rahasia' },
        volunteer: { phone: '081277776666', emergencyPhone: '+62 812-7777-5555', name: 'Siti' },
      },
      'a line with every kind of secret',
    );
    logger().warn('free text too: 0812-7777-4444, 6281277773333, NIK 6203010101900002, Bearer abcdef.ghi');
    const text = lines.join('');
    for (const secret of [
      'kata-sandi-rahasia',
      'tok-rahasia-1',
      '81277776666',
      '6203010101900001',
      'kue-rahasia',
      'pembawa-rahasia',
      'kunci-push-rahasia',
      'auth-push-rahasia',
      '7777-5555',
      '7777-4444',
      '81277773333',
      '6203010101900002',
      'abcdef.ghi',
    ]) {
      expect(text).not.toContain(secret);
    }
    // What is not secret stays readable.
    expect(logged()[0]).toMatchObject({ volunteer: { name: 'Siti' }, msg: 'a line with every kind of secret' });
  });

  it("scrubs session tokens but leaves ids, times and Next's file names alone", () => {
    const token = 'Q3mZ0_vX9yR-t2LkP8aWcB4nJ7eF1gHsD6uYoTqVxE5';
    expect(scrub(`{"msg":"${token}"}`)).toBe('{"msg":"[token]"}');
    const plain =
      '{"time":"2026-12-01T17:26:11.123Z","eventId":1764609413000,"id":"0812a4b1-4123-4912-8123-0a1b2c3d4e5f","file":"node_modules_next_dist_esm_build_templates_app-route_0a1b2c3d.js"}';
    expect(scrub(plain)).toBe(plain);
  });
});
