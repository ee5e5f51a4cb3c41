import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import type { Ack } from '../../lib/realtime';
import { createTestAccount, type TestAccount } from '../support/accounts';
import { eventLogMark, eventsSince } from '../support/properties';
import { connectClient, startRealtimeServer } from '../support/realtime';
import { callRoute, demoIds, type DemoIds, type RouteCall } from '../support/route-calls';

/**
 * The inputs that answered 500, passed the length checks or were stored before the text rules, the
 * one JSON reader and the body cap: each is refused with a 4xx that names what to fix, and nothing is
 * written. Route handlers run as Next.js runs them, on PGlite and on PostgreSQL.
 */

let server: Awaited<ReturnType<typeof startRealtimeServer>>;
let ids: DemoIds;
let admin: TestAccount;
let volunteer: TestAccount;
const HOUR = 3_600_000;
const NUL = '\u0000';
const ZERO_WIDTH = '\u200b\u200c\u200d\u2060\ufeff\u200b';

beforeAll(async () => {
  server = await startRealtimeServer('demo');
  ids = await demoIds(server.handle.db);
  admin = await createTestAccount(server.handle.db, { role: 'admin' });
  volunteer = await createTestAccount(server.handle.db, { role: 'volunteer', volunteerId: ids.volunteerId });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

interface Refusal {
  status: number;
  body: { error: string; code: string; details?: Record<string, string[]> };
}

/** Calls a route and checks that it refused without a write to the event log. */
async function refused(entry: string, call: RouteCall): Promise<Refusal> {
  const before = await eventLogMark(server.handle.db);
  const response = await callRoute(entry, call);
  const body = (await response.json()) as Refusal['body'];
  expect(response.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(await eventsSince(server.handle.db, before)).toEqual([]);
  return { status: response.status, body };
}

const json = (body: unknown) => JSON.stringify(body);
const soon = () => new Date(Date.now() + 3 * HOUR).toISOString();
const kapuasRequest = (overrides: Record<string, unknown>) => ({
  incidentId: ids.incidentId,
  slots: 1,
  pillarCodes: ['tagana'],
  sourceRegencyCodes: ['62.03'],
  meetingPoint: 'Kantor Dinas Sosial Kabupaten Kapuas',
  deadline: soon(),
  ...overrides,
});

describe('a NUL character in a text field', () => {
  const cases: [string, () => RouteCall, string][] = [
    ['POST /api/auth/sign-in', () => ({ body: json({ login: `admin${NUL}`, password: 'siaga-demo' }) }), 'login'],
    ['POST /api/auth/sign-in', () => ({ body: json({ login: 'admin', password: `siaga${NUL}demo` }) }), 'password'],
    [
      'POST /api/incidents',
      () => ({
        cookie: admin.cookie,
        body: json({ type: 'flood', severity: 2, regencyCode: '62.03', title: `Banjir${NUL}` }),
      }),
      'title',
    ],
    [
      'POST /api/incidents',
      () => ({
        cookie: admin.cookie,
        body: json({ type: 'flood', severity: 2, regencyCode: '62.03', needs: `a${NUL}` }),
      }),
      'needs',
    ],
    [
      'PATCH /api/incidents/[id]',
      () => ({ cookie: admin.cookie, params: { id: ids.incidentId }, body: json({ description: `x${NUL}y` }) }),
      'description',
    ],
    [
      'POST /api/requests',
      () => ({ cookie: admin.cookie, body: json(kapuasRequest({ meetingPoint: `Posko${NUL}Kapuas` })) }),
      'meetingPoint',
    ],
    [
      'POST /api/requests',
      () => ({ cookie: admin.cookie, body: json(kapuasRequest({ skill: `p3k${NUL}` })) }),
      'skill',
    ],
    [
      'POST /api/requests/[id]/cancel',
      () => ({ cookie: admin.cookie, params: { id: ids.requestId }, body: json({ reason: `batal${NUL}` }) }),
      'reason',
    ],
    [
      'POST /api/assignments/[id]/cancel',
      () => ({ cookie: admin.cookie, params: { id: ids.assignmentId }, body: json({ reason: `${NUL}` }) }),
      'reason',
    ],
    [
      'POST /api/volunteers',
      () => ({
        cookie: admin.cookie,
        body: json({ name: `Siti${NUL}`, phone: '0899 1111 2222', pillarCode: 'tagana', regencyCode: '62.03' }),
      }),
      'name',
    ],
    [
      'PATCH /api/volunteers/[id]',
      () => ({ cookie: admin.cookie, params: { id: ids.volunteerId }, body: json({ skills: [`evakuasi${NUL}`] }) }),
      'skills.0',
    ],
    [
      'POST /api/volunteers/[id]/retire',
      () => ({ cookie: admin.cookie, params: { id: ids.volunteerId }, body: json({ reason: `Pindah${NUL}` }) }),
      'reason',
    ],
    [
      'POST /api/trainings',
      () => ({
        cookie: admin.cookie,
        body: json({
          provinceCode: '62',
          kind: 'bimtek',
          name: `Bimtek${NUL}`,
          organiser: 'Dinas Sosial',
          startsOn: '2026-11-02',
          endsOn: '2026-11-03',
        }),
      }),
      'name',
    ],
    [
      'PATCH /api/trainings/[id]',
      () => ({ cookie: admin.cookie, params: { id: ids.trainingId }, body: json({ place: `Aula${NUL}` }) }),
      'place',
    ],
    [
      'POST /api/trainings/[id]/attendance/preview',
      () => ({ cookie: admin.cookie, params: { id: ids.trainingId }, body: json({ lines: `Siti${NUL}` }) }),
      'lines',
    ],
    [
      'POST /api/signup-links',
      () => ({
        cookie: admin.cookie,
        body: json({ title: `Kemah${NUL}`, provinceCode: '62', pillarCode: 'tagana', validUntil: soon() }),
      }),
      'title',
    ],
    [
      'POST /api/accounts',
      () => ({
        cookie: admin.cookie,
        body: json({ role: 'leader', displayName: `Pimpinan${NUL}`, username: 'pimpinan.nul', provinceCode: '62' }),
      }),
      'displayName',
    ],
    [
      'GET /api/volunteers',
      () => ({ cookie: admin.cookie, query: new URLSearchParams({ search: `Siti${NUL}` }) }),
      'search',
    ],
  ];

  for (const [entry, call, field] of cases) {
    it(`${entry} (${field}): 400 naming the field, nothing written`, async () => {
      const { status, body } = await refused(entry, call());
      expect(status).toBe(400);
      expect(body.code).toBe('INVALID');
      expect(body.details?.[field]?.join(' ')).toMatch(/karakter kendali/);
    });
  }

  it('POST /daftar/{token}/kirim (the public sign-up form): 400 naming the name, no sign-up stored', async () => {
    const [link] = await queryRows<{ token: string }>(
      server.handle.db,
      sql`select token from signup_links where closed_at is null order by created_at limit 1`,
    );
    const before = await queryRows<{ n: number }>(server.handle.db, sql`select count(*)::int as n from signups`);
    const { status, body } = await refused('POST /daftar/[token]/kirim', {
      params: { token: link?.token ?? ids.signupLinkToken },
      headers: { accept: 'application/json' },
      body: json({ name: `Siti${NUL}Aminah`, phone: '0899 3333 4444', districtCode: '62.03.01', consent: 'yes' }),
    });
    expect(status).toBe(400);
    expect(body.details?.name?.join(' ')).toMatch(/karakter kendali/);
    const after = await queryRows<{ n: number }>(server.handle.db, sql`select count(*)::int as n from signups`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('offer:decline over the socket: INVALID naming the reason, the offer still waits', async () => {
    const [offer] = await queryRows<{ id: string; volunteer_id: string }>(
      server.handle.db,
      sql`select id, volunteer_id from assignments where status = 'offered' order by offered_at limit 1`,
    );
    expect(offer, 'the demo has an offer waiting').toBeDefined();
    const phone = await createTestAccount(server.handle.db, { role: 'volunteer', volunteerId: offer!.volunteer_id });
    const client = await connectClient(server.url, { cookie: phone.cookie });
    try {
      const before = await eventLogMark(server.handle.db);
      const ack = (await client.timeout(5_000).emitWithAck('offer:decline', {
        assignmentId: offer!.id,
        reason: `Sakit${NUL}`,
        idempotencyKey: 'nul-1',
      })) as Ack<unknown>;
      expect(ack.ok).toBe(false);
      if (ack.ok) return;
      expect(ack.code).toBe('INVALID');
      expect(ack.details?.reason?.join(' ')).toMatch(/karakter kendali/);
      expect(await eventsSince(server.handle.db, before)).toEqual([]);
      const [still] = await queryRows<{ status: string }>(
        server.handle.db,
        sql`select status::text from assignments where id = ${offer!.id}`,
      );
      expect(still!.status).toBe('offered');
    } finally {
      client.disconnect();
    }
  });
});

describe('text made of invisible characters only', () => {
  it('a zero-width title is refused as too short, and no incident is stored', async () => {
    const count = async () =>
      (await queryRows<{ n: number }>(server.handle.db, sql`select count(*)::int as n from incidents`))[0]!.n;
    const before = await count();
    const { status, body } = await refused('POST /api/incidents', {
      cookie: admin.cookie,
      body: json({ type: 'flood', severity: 2, regencyCode: '62.03', title: ZERO_WIDTH }),
    });
    // Left out, the title would be made from the type and the kabupaten; invisible is not left out.
    expect(status).toBe(400);
    expect(body.details?.title).toEqual(['Judul paling sedikit 5 huruf.']);
    expect(await count()).toBe(before);
  });

  it('a zero-width title on a correction is refused too', async () => {
    const { body } = await refused('PATCH /api/incidents/[id]', {
      cookie: admin.cookie,
      params: { id: ids.incidentId },
      body: json({ title: `${ZERO_WIDTH}Ban${ZERO_WIDTH}` }),
    });
    expect(body.details?.title).toEqual(['Judul paling sedikit 5 huruf.']);
  });

  it('a zero-width meeting point is refused, and no request is made', async () => {
    const { status, body } = await refused('POST /api/requests', {
      cookie: admin.cookie,
      body: json(kapuasRequest({ meetingPoint: `${ZERO_WIDTH}\u202e\u2066` })),
    });
    expect(status).toBe(400);
    expect(body.details?.meetingPoint).toEqual(['Tulis titik kumpul, paling sedikit 3 huruf.']);
  });
});

describe('dates out of any sane range', () => {
  it('an incident that occurred in the year 0001 is refused and not stored', async () => {
    const { status, body } = await refused('POST /api/incidents', {
      cookie: admin.cookie,
      body: json({
        type: 'flood',
        severity: 2,
        regencyCode: '62.03',
        title: 'Banjir zaman dulu',
        occurredAt: '0001-01-01T00:00:00Z',
      }),
    });
    expect(status).toBe(400);
    expect(body.details?.occurredAt?.join(' ')).toMatch(/antara tahun 1900/);
    const stored = await queryRows(server.handle.db, sql`select id from incidents where title = 'Banjir zaman dulu'`);
    expect(stored).toEqual([]);
  });

  it('a correction to 1899 is refused, the incident keeps its time', async () => {
    const [before] = await queryRows<{ occurred_at: string }>(
      server.handle.db,
      sql`select occurred_at::text from incidents where id = ${ids.incidentId}`,
    );
    const { body } = await refused('PATCH /api/incidents/[id]', {
      cookie: admin.cookie,
      params: { id: ids.incidentId },
      body: json({ occurredAt: '1899-12-31T23:00:00+07:00' }),
    });
    expect(body.details?.occurredAt?.join(' ')).toMatch(/antara tahun 1900/);
    const [after] = await queryRows<{ occurred_at: string }>(
      server.handle.db,
      sql`select occurred_at::text from incidents where id = ${ids.incidentId}`,
    );
    expect(after).toEqual(before);
  });

  it('a deadline in the year 9999 is refused', async () => {
    const { body } = await refused('POST /api/requests', {
      cookie: admin.cookie,
      body: json(kapuasRequest({ deadline: '9999-12-31T23:59:59Z' })),
    });
    expect(body.details?.deadline?.join(' ')).toMatch(/antara tahun 1900|30 hari/);
  });
});

describe('POST /api/accounts/{id}/end-sessions with a body that is not an object', () => {
  for (const body of ['null', '[]', '[{"disable":true}]', '"semua"', '42']) {
    it(`refuses ${body} with 400, and the volunteer stays signed in`, async () => {
      const { status, body: answer } = await refused('POST /api/accounts/[id]/end-sessions', {
        cookie: admin.cookie,
        params: { id: volunteer.userId },
        body,
      });
      expect(status).toBe(400);
      expect(answer.error).toMatch(/objek JSON/);
      const me = await callRoute('GET /api/auth/me', { cookie: volunteer.cookie });
      expect(me.status).toBe(200);
    });
  }
});

describe('the 1 MB cap on JSON bodies', () => {
  it('a 50 MB incident from a signed-in coordinator is refused with 413 while it streams, and not stored', async () => {
    const count = async () =>
      (await queryRows<{ n: number }>(server.handle.db, sql`select count(*)::int as n from incidents`))[0]!.n;
    const before = await count();
    const description = 'x'.repeat(50 * 1024 * 1024);
    const { status, body } = await refused('POST /api/incidents', {
      cookie: admin.cookie,
      body: json({ type: 'flood', severity: 2, regencyCode: '62.03', title: 'Banjir besar', description }),
    });
    expect(status).toBe(413);
    expect(body).toEqual({ error: 'Isi permintaan lebih dari 1 MB. Kirim data yang lebih kecil.', code: 'TOO_LARGE' });
    expect(await count()).toBe(before);
  });

  it('a body just under 1 MB is read (and judged by its schema)', async () => {
    const { status, body } = await refused('POST /api/incidents', {
      cookie: admin.cookie,
      body: json({ type: 'flood', severity: 2, regencyCode: '62.03', description: 'x'.repeat(1_000_000) }),
    });
    expect(status).toBe(400);
    expect(body.details?.description).toEqual(['Uraian paling banyak 4000 huruf.']);
  });
});
