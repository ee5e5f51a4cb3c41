import { and, count, eq, isNotNull, notLike, sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, events } from '../../db/schema';
import { API_TOKEN_READ_ONLY } from '../../lib/api-tokens';
import { SOCKET_COMMANDS } from '../../lib/realtime';
import { createTestAccount, type TestAccount } from '../support/accounts';
import { seriousAxeFindings } from '../support/axe';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startSeededPostgres, type SeededPostgres } from '../support/postgres-database';
import { discoverEntryPoints } from '../support/routes';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

/**
 * API tokens through the real server on PostgreSQL: the token matrix (every route, page and socket
 * command against a Kalteng token, a Jawa Barat token, an expired and a revoked one; a route without an
 * entry fails the first test), then writes, the rate limit, the admin's page.
 */
const WHO = ['kaltengToken', 'jabarToken', 'expiredToken', 'revokedToken'] as const;
type Who = (typeof WHO)[number];
type Outcome = number | { to: string };
type Expected = Record<Who, Outcome>;

const RATE_PER_MINUTE = 100;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const everyone = (outcome: Outcome): Expected => Object.fromEntries(WHO.map((who) => [who, outcome])) as Expected;
/** A read as a leader of the token's province would get it: Kalteng's, Jawa Barat's; expired and revoked 401. */
const reads = (kalteng: Outcome, jabar: Outcome): Expected => ({
  kaltengToken: kalteng,
  jabarToken: jabar,
  expiredToken: 401,
  revokedToken: 401,
});
/** Tokens only read: every change is refused before it reaches a route. */
const WRITE = everyone(403);
/** A page with a token and no session is what a signed-out person sees: pages never take tokens. */
const SIGNED_OUT = 'as signed out';
/** The handshake needs a session: a token opens no socket. */
const NO_SOCKET = everyone(401);

interface Fixtures {
  incidentId: string;
  requestId: string;
  sitrepId: string;
  trainingId: string;
  signupLinkId: string;
  volunteerId: string;
}

type Check =
  | { kind: 'read'; path: (f: Fixtures) => string; expected: Expected }
  | { kind: 'write'; path: string; expected: Expected }
  | { kind: 'page'; path: (f: Fixtures) => string; expected: typeof SIGNED_OUT }
  | { kind: 'socket'; expected: Expected };

const read = (path: string | ((f: Fixtures) => string), expected: Expected): Check => ({
  kind: 'read',
  path: typeof path === 'string' ? () => path : path,
  expected,
});
const page = (path: string | ((f: Fixtures) => string)): Check => ({
  kind: 'page',
  path: typeof path === 'string' ? () => path : path,
  expected: SIGNED_OUT,
});
const write = (entry: string): Check => ({
  kind: 'write',
  path: entry.split(' ')[1]!.replace(/\[\w+\]/g, UNKNOWN_ID),
  expected: WRITE,
});

const MATRIX: Record<string, Check> = {
  // Open routes take no credentials at all.
  'GET /api/health': read('/api/health', everyone(200)),
  'GET /api/openapi.json': read('/api/openapi.json', everyone(200)),
  'GET /api/provinces/[code]/availability': read('/api/provinces/62/availability', everyone(200)),
  'GET /api/activations/[token]': read('/api/activations/bukan-tautan', everyone(200)),
  'GET /api/channels/whatsapp': read(
    '/api/channels/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1',
    everyone(404),
  ),
  'GET /serwist/[path]': read('/serwist/sw.js', everyone(200)),
  'GET /pemberitahuan/[path]': read('/pemberitahuan/sw.js', everyone(200)),
  // What a province's leader reads.
  'GET /api/auth/me': read('/api/auth/me', reads(200, 200)),
  'GET /api/push/key': read('/api/push/key', reads(200, 200)),
  'GET /api/boundaries/[name]': read('/api/boundaries/62', reads(200, 200)),
  'GET /api/board/[province]': read('/api/board/62?compareHours=24', reads(200, 403)),
  'GET /api/command-centre': read('/api/command-centre?wilayah=62', reads(200, 403)),
  'GET /api/command-centre/availability': read(
    '/api/command-centre/availability?wilayah=62&pillarCode=tagana',
    reads(200, 403),
  ),
  'GET /api/incidents': read('/api/incidents?provinceCode=62&includeClosed=true', reads(200, 403)),
  'GET /api/incidents/[id]': read(({ incidentId }) => `/api/incidents/${incidentId}`, reads(200, 403)),
  'GET /api/incidents/[id]/timeline': read(
    ({ incidentId }) => `/api/incidents/${incidentId}/timeline?afterId=0&limit=50`,
    reads(200, 403),
  ),
  'GET /api/incidents/[id]/check-ins': read(
    ({ incidentId }) => `/api/incidents/${incidentId}/check-ins`,
    reads(200, 403),
  ),
  'GET /api/incidents/[id]/figures': read(({ incidentId }) => `/api/incidents/${incidentId}/figures`, reads(200, 403)),
  'GET /api/incidents/[id]/sitreps': read(({ incidentId }) => `/api/incidents/${incidentId}/sitreps`, reads(200, 403)),
  'GET /api/requests/[id]': read(({ requestId }) => `/api/requests/${requestId}`, reads(200, 403)),
  'GET /api/sitreps/[id]': read(({ sitrepId }) => `/api/sitreps/${sitrepId}`, reads(200, 403)),
  'GET /api/sitreps/[id]/text': read(({ sitrepId }) => `/api/sitreps/${sitrepId}/text`, reads(200, 403)),
  'GET /api/sitreps/[id]/pdf': read(({ sitrepId }) => `/api/sitreps/${sitrepId}/pdf`, reads(200, 403)),
  'GET /api/readiness': read('/api/readiness?provinceCode=62', reads(200, 403)),
  'GET /api/trainings': read('/api/trainings?provinceCode=62', reads(200, 403)),
  'GET /api/teams': read('/api/teams?provinceCode=62', reads(200, 403)),
  'GET /api/trainings/[id]': read(({ trainingId }) => `/api/trainings/${trainingId}`, reads(200, 403)),
  // Leaders get their own scope's rows, phones masked (a Jawa Barat token only Jawa Barat's).
  'GET /api/volunteers/export.csv': read('/api/volunteers/export.csv?regencyCode=62.03', reads(200, 200)),
  'GET /api/volunteers/export.xlsx': read('/api/volunteers/export.xlsx?regencyCode=62.03', reads(200, 200)),
  // What only staff (or volunteers) read: refused to a leader, so to a token.
  'GET /api/accounts': read('/api/accounts', reads(403, 403)),
  'GET /api/api-tokens': read('/api/api-tokens', reads(403, 403)),
  'GET /api/assignments': read(({ volunteerId }) => `/api/assignments?volunteerId=${volunteerId}`, reads(403, 403)),
  'GET /api/audit': read('/api/audit?kind=volunteers', reads(403, 403)),
  'GET /api/check-ins/team': read('/api/check-ins/team', reads(403, 403)),
  'GET /api/incidents/[id]/matches': read(
    ({ incidentId }) => `/api/incidents/${incidentId}/matches?pillarCodes=tagana`,
    reads(403, 403),
  ),
  'GET /api/signup-links': read('/api/signup-links', reads(403, 403)),
  'GET /api/signup-links/[id]': read(({ signupLinkId }) => `/api/signup-links/${signupLinkId}`, reads(403, 403)),
  'GET /api/volunteer-imports/[id]/errors.xlsx': read(
    `/api/volunteer-imports/${UNKNOWN_ID}/errors.xlsx`,
    reads(404, 404),
  ),
  'GET /api/volunteer-imports/template.xlsx': read(
    '/api/volunteer-imports/template.xlsx?provinceCode=62',
    reads(403, 403),
  ),
  'GET /api/volunteers': read('/api/volunteers?regencyCode=62.03', reads(403, 403)),
  'GET /api/volunteers/[id]': read(({ volunteerId }) => `/api/volunteers/${volunteerId}`, reads(403, 403)),
  'GET /api/access-records': read('/api/access-records?provinceCode=62', reads(403, 403)),
  'GET /api/me/data': read('/api/me/data', reads(403, 403)),
  'GET /api/roll-calls/[id]': read(`/api/roll-calls/${UNKNOWN_ID}`, reads(404, 404)),
  // Each province reads its own asks for help.
  'GET /api/province-asks': read('/api/province-asks', reads(200, 200)),
  'GET /api/messages/[id]': read(`/api/messages/${UNKNOWN_ID}`, reads(404, 404)),
  'GET /api/assessments/[id]/photos/[n]': read(`/api/assessments/${UNKNOWN_ID}/photos/1`, reads(404, 404)),
  'GET /api/incidents/nearby': read('/api/incidents/nearby?type=flood&regencyCode=62.03', reads(200, 403)),
  // The metrics endpoint has its own token (POSKO_METRICS_TOKEN), none on this server: off for everyone.
  'GET /api/metrics': read('/api/metrics', everyone(404)),
  // Every change, whoever would otherwise be allowed to make it.
  ...Object.fromEntries(
    [
      'DELETE /api/push/subscriptions',
      'DELETE /api/readiness/coverage-rules',
      'DELETE /api/readiness/minimums',
      'DELETE /api/trainings/[id]/attendance/[volunteerId]',
      'PATCH /api/incidents/[id]',
      'PATCH /api/requests/[id]',
      'PATCH /api/trainings/[id]',
      'PATCH /api/teams/[id]',
      'DELETE /api/teams/[id]',
      'DELETE /api/teams/[id]/members/[volunteerId]',
      'PATCH /api/volunteers/[id]',
      'PATCH /api/volunteers/[id]/availability',
      'POST /api/accounts',
      'POST /api/accounts/[id]/end-sessions',
      'POST /api/activations',
      'POST /api/activations/[token]',
      'POST /api/api-tokens',
      'POST /api/api-tokens/[id]/revoke',
      'POST /api/assessments/[id]/verify',
      'POST /api/assessments/[id]/photos',
      'POST /api/assignments/[id]/cancel',
      'POST /api/assignments/[id]/check-in/contacted',
      'POST /api/assignments/[id]/check-in/resolve',
      'POST /api/auth/sign-in',
      'POST /api/auth/sign-out',
      'POST /api/auth/sign-out-everywhere',
      'POST /api/channels/android-sms-gateway',
      'POST /api/channels/sms/inbound',
      'POST /api/channels/sms/status',
      'POST /api/channels/whatsapp',
      'POST /api/incidents',
      'POST /api/incidents/[id]/assessments',
      'POST /api/incidents/[id]/matches',
      'POST /api/incidents/[id]/phase',
      'POST /api/incidents/[id]/sitreps',
      'POST /api/push/subscriptions',
      'POST /api/requests',
      'POST /api/requests/[id]/cancel',
      'POST /api/signup-links',
      'POST /api/signup-links/[id]/approve',
      'POST /api/signup-links/[id]/close',
      'POST /api/signups/[id]/reject',
      'POST /api/trainings',
      'POST /api/teams',
      'POST /api/teams/[id]/members',
      'POST /api/trainings/[id]/attendance',
      'POST /api/trainings/[id]/attendance/preview',
      'POST /api/volunteer-imports',
      'POST /api/volunteer-imports/[id]/commit',
      'POST /api/volunteers',
      'POST /api/volunteers/[id]/move',
      'POST /api/volunteers/[id]/reinstate',
      'POST /api/volunteers/[id]/retire',
      'POST /daftar/[token]/kirim',
      'PUT /api/channels/preference',
      'PUT /api/channels/settings',
      'PUT /api/provinces/[code]/settings',
      'PUT /api/readiness/coverage-rules',
      'PUT /api/readiness/minimums',
      'POST /api/roll-calls',
      'POST /api/roll-calls/[id]/remind',
      'POST /api/province-asks',
      'POST /api/province-asks/[id]/accept',
      'POST /api/province-asks/[id]/decline',
      'POST /api/messages',
      'POST /api/volunteers/[id]/erase',
      'PUT /api/me/consent',
      'POST /tugas/aksi',
    ].map((entry) => [entry, write(entry)]),
  ),
  'PAGE /': page('/'),
  'PAGE /admin': page('/admin'),
  'PAGE /admin/token-api': page('/admin/token-api'),
  'PAGE /aktivasi/[token]': page('/aktivasi/bukan-tautan'),
  'PAGE /daftar/[token]': page('/daftar/bukan-tautan'),
  'PAGE /daftar/[token]/terima-kasih': page('/daftar/bukan-tautan/terima-kasih'),
  'PAGE /kejadian': page('/kejadian'),
  'PAGE /kejadian/[id]': page(({ incidentId }) => `/kejadian/${incidentId}`),
  'PAGE /kejadian/[id]/laporan/[number]': page(({ incidentId }) => `/kejadian/${incidentId}/laporan/1`),
  'PAGE /masuk': page('/masuk'),
  'PAGE /nasional': page('/nasional'),
  'PAGE /pantau': page('/pantau'),
  'PAGE /posko': page('/posko'),
  'PAGE /posko/audit': page('/posko/audit'),
  'PAGE /posko/kesiapan': page('/posko/kesiapan'),
  'PAGE /posko/pelatihan': page('/posko/pelatihan'),
  'PAGE /posko/pelatihan/[id]': page(({ trainingId }) => `/posko/pelatihan/${trainingId}`),
  'PAGE /posko/pendaftaran': page('/posko/pendaftaran'),
  'PAGE /posko/pendaftaran/[id]': page(({ signupLinkId }) => `/posko/pendaftaran/${signupLinkId}`),
  'PAGE /posko/relawan': page('/posko/relawan'),
  'PAGE /posko/relawan/[id]': page(({ volunteerId }) => `/posko/relawan/${volunteerId}`),
  'PAGE /posko/relawan/[id]/ubah': page(({ volunteerId }) => `/posko/relawan/${volunteerId}/ubah`),
  'PAGE /posko/relawan/baru': page('/posko/relawan/baru'),
  'PAGE /posko/relawan/impor': page('/posko/relawan/impor'),
  'PAGE /posko/sms': page('/posko/sms'),
  'PAGE /posko/bantuan': page('/posko/bantuan'),
  'PAGE /posko/regu': page('/posko/regu'),
  'PAGE /posko/pengaturan': page('/posko/pengaturan'),
  'PAGE /privasi': page('/privasi'),
  'PAGE /provinsi/[code]': page('/provinsi/62'),
  'PAGE /tugas': page('/tugas'),
  'PAGE /tugas/luring': page('/tugas/luring'),
  ...Object.fromEntries(
    SOCKET_COMMANDS.map((command) => [`SOCKET ${command}`, { kind: 'socket', expected: NO_SOCKET }]),
  ),
};

let postgres: SeededPostgres;
let posko: PoskoProcess;
let admin: TestAccount;
let leader: TestAccount;
let fixtures: Fixtures;
const tokens = {} as Record<Who, string>;

async function call(path: string, init: { token?: string; cookie?: string; method?: string; body?: unknown } = {}) {
  return fetch(`${posko.url}${path}`, {
    method: init.method ?? 'GET',
    redirect: 'manual',
    headers: {
      ...(init.token && { authorization: `Bearer ${init.token}` }),
      ...(init.cookie && { cookie: init.cookie }),
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function json<T>(response: Promise<Response>, status = 200): Promise<T> {
  const answer = await response;
  const text = await answer.text();
  expect(answer.status, text.slice(0, 300)).toBe(status);
  return JSON.parse(text) as T;
}

function outcomeOf(response: Response): Outcome {
  if (response.status >= 300 && response.status < 400) {
    const location = new URL(response.headers.get('location')!, posko.url);
    return { to: `${location.pathname}${location.search}` };
  }
  return response.status;
}

const issue = (name: string, provinceCode = '62') =>
  json<{ token: string; apiToken: { id: string } }>(
    call('/api/api-tokens', {
      cookie: admin.cookie,
      method: 'POST',
      body: { name, provinceCode, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    }),
    201,
  );

/**
 * Changes someone caused: the server's own timed work (deadline sweeps) names nobody, and a roster export
 * is a read the audit records (`roster.exported`, with the token as the actor).
 */
async function eventCount(): Promise<number> {
  const [row] = await postgres.handle.db
    .select({ n: count() })
    .from(events)
    .where(and(isNotNull(events.actorId), notLike(events.type, 'roster.%')));
  return row!.n;
}

beforeAll(async () => {
  postgres = await startSeededPostgres('demo');
  posko = await startPoskoProcess({
    DATABASE_URL: postgres.databaseUrl,
    POSKO_API_TOKEN_RATE_PER_MINUTE: String(RATE_PER_MINUTE),
  });
  admin = await createTestAccount(postgres.handle.db, { role: 'admin' });
  leader = await createTestAccount(postgres.handle.db, { role: 'leader', provinceCode: '62' });

  tokens.kaltengToken = (await issue('BPBD Kalimantan Tengah')).token;
  tokens.jabarToken = (await issue('BPBD Jawa Barat', '32')).token;
  const expiring = await issue('Sistem lama');
  await postgres.handle.db
    .update(apiTokens)
    .set({ expiresAt: sql`now() - interval '1 minute'` })
    .where(eq(apiTokens.id, expiring.apiToken.id));
  tokens.expiredToken = expiring.token;
  const revoked = await issue('Sistem dicabut');
  await json(call(`/api/api-tokens/${revoked.apiToken.id}/revoke`, { cookie: admin.cookie, method: 'POST', body: {} }));
  tokens.revokedToken = revoked.token;

  const incidents = await json<{ id: string; requests: { running: number } }[]>(
    call('/api/incidents?provinceCode=62', { cookie: admin.cookie }),
  );
  const withRequests = incidents.find((incident) => incident.requests.running > 0)!;
  const detail = await json<{ requests: { id: string }[] }>(
    call(`/api/incidents/${withRequests.id}`, { cookie: admin.cookie }),
  );
  const sitrep = await json<{ id: string }>(
    call(`/api/incidents/${withRequests.id}/sitreps`, { cookie: admin.cookie, method: 'POST', body: {} }),
    201,
  );
  const catalogue = await json<{ trainings: { id: string }[] }>(
    call('/api/trainings?provinceCode=62', { cookie: admin.cookie }),
  );
  const link = await json<{ link: { id: string } }>(
    call('/api/signup-links', {
      cookie: admin.cookie,
      method: 'POST',
      body: {
        title: 'Kemah Tagana',
        provinceCode: '62',
        regencyCode: '62.03',
        pillarCode: 'tagana',
        validUntil: new Date(Date.now() + 3 * 3_600_000).toISOString(),
      },
    }),
    201,
  );
  const roster = await json<{ rows: { id: string }[] }>(
    call('/api/volunteers?regencyCode=62.03&pageSize=1', { cookie: admin.cookie }),
  );
  fixtures = {
    incidentId: withRequests.id,
    requestId: detail.requests[0]!.id,
    sitrepId: sitrep.id,
    trainingId: catalogue.trainings[0]!.id,
    signupLinkId: link.link.id,
    volunteerId: roster.rows[0]!.id,
  };
});
afterAll(async () => {
  await posko?.stop();
  await postgres?.stop();
});

function socketOutcome(token: string): Promise<Outcome> {
  const client = connect(posko.url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { authorization: `Bearer ${token}` },
  });
  return new Promise((resolve) => {
    client.once('connect', () => {
      client.disconnect();
      resolve(200);
    });
    client.once('connect_error', () => {
      client.disconnect();
      resolve(401);
    });
  });
}

describe('the API token matrix', () => {
  it('has an entry for every route, page and socket command the app has', () => {
    const entryPoints = [...discoverEntryPoints(), ...SOCKET_COMMANDS.map((command) => `SOCKET ${command}`)].sort();
    expect(Object.keys(MATRIX).sort()).toEqual(entryPoints);
  });

  it('answers every route, page and socket command as expected for each token', async () => {
    const before = await eventCount();
    const wrong: string[] = [];
    for (const [key, check] of Object.entries(MATRIX)) {
      const answers = {} as Record<Who, Outcome>;
      let expected: Expected;
      if (check.kind === 'socket') {
        for (const who of WHO) answers[who] = await socketOutcome(tokens[who]);
        expected = check.expected;
      } else if (check.kind === 'page') {
        const path = check.path(fixtures);
        for (const who of WHO) answers[who] = outcomeOf(await call(path, { token: tokens[who] }));
        expected = everyone(outcomeOf(await call(path)));
      } else {
        const method = key.split(' ')[0]!;
        const path = check.kind === 'read' ? check.path(fixtures) : check.path;
        for (const who of WHO) {
          const body = method === 'GET' ? undefined : {};
          const response = await call(path, { token: tokens[who], method, body });
          answers[who] = outcomeOf(response);
          if (check.kind === 'write') {
            expect((await response.json()) as unknown, key).toEqual({ error: API_TOKEN_READ_ONLY, code: 'FORBIDDEN' });
          }
        }
        expected = check.expected;
      }
      if (JSON.stringify(answers) !== JSON.stringify(expected)) {
        wrong.push(`${key}: ${JSON.stringify(answers)} (expected ${JSON.stringify(expected)})`);
      }
    }
    expect(wrong).toEqual([]);
    // Not one of the refused changes reached the event log.
    expect(await eventCount()).toBe(before);
  }, 240_000);
});

describe('reading with an API token', () => {
  it("reads exactly what the province's leader reads", async () => {
    const path = '/api/incidents?provinceCode=62&includeClosed=true';
    const byToken = await json<unknown>(call(path, { token: tokens.kaltengToken }));
    const byLeader = await json<unknown>(call(path, { cookie: leader.cookie }));
    expect(byToken).toEqual(byLeader);
    expect((byToken as unknown[]).length).toBeGreaterThan(0);
  });

  it('tells an expired and a revoked token what to do', async () => {
    const expired = await json<{ error: string; code: string }>(
      call('/api/incidents?provinceCode=62', { token: tokens.expiredToken }),
      401,
    );
    expect(expired).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(expired.error).toContain('kedaluwarsa');
    const revoked = await json<{ error: string }>(call('/api/auth/me', { token: tokens.revokedToken }), 401);
    expect(revoked.error).toContain('sudah dicabut');
    const unknown = await json<{ error: string }>(call('/api/auth/me', { token: 'posko_bukan-token' }), 401);
    expect(unknown.error).toContain('Token API tidak dikenal');
  });

  it('shows the admin when each token was last used, and never the token', async () => {
    const { tokens: listed } = await json<{ tokens: { name: string; lastUsedAt: string | null; state: string }[] }>(
      call('/api/api-tokens', { cookie: admin.cookie }),
    );
    const byName = new Map(listed.map((token) => [token.name, token]));
    expect(byName.get('BPBD Kalimantan Tengah')!.lastUsedAt).not.toBeNull();
    expect(byName.get('Sistem dicabut')!.state).toBe('revoked');
    expect(byName.get('Sistem lama')!.state).toBe('expired');
    expect(JSON.stringify(listed)).not.toContain(tokens.kaltengToken);
  });

  it(`answers 429 with Retry-After after ${RATE_PER_MINUTE} requests in a minute, for that token only`, async () => {
    const busy = (await issue('Sistem sibuk')).token;
    const statuses: number[] = [];
    for (let i = 0; i < RATE_PER_MINUTE; i += 1) statuses.push((await call('/api/auth/me', { token: busy })).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const refused = await call('/api/auth/me', { token: busy });
    expect(refused.status).toBe(429);
    const seconds = Number(refused.headers.get('retry-after'));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    const body = (await refused.json()) as { error: string; code: string };
    expect(body.code).toBe('RATE_LIMITED');
    expect(body.error).toContain(`Coba lagi dalam ${seconds} detik`);
    expect((await call('/api/auth/me', { token: tokens.jabarToken })).status).toBe(200);
  });

  it('finds every read it may make in the public OpenAPI document', async () => {
    const document = await json<{ openapi: string; paths: Record<string, Record<string, { security: object[] }>> }>(
      call('/api/openapi.json'),
    );
    expect(document.openapi).toBe('3.1.0');
    for (const [key, check] of Object.entries(MATRIX)) {
      if (check.kind !== 'read' || check.expected.kaltengToken !== 200 || !key.includes(' /api/')) continue;
      const path = key.split(' ')[1]!.replace(/\[(\w+)\]/g, '{$1}');
      const security = document.paths[path]?.get?.security ?? [];
      const open = security.length === 0;
      expect(open || security.some((requirement) => 'apiToken' in requirement), key).toBe(true);
    }
  });
});

describe('the API tokens page', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  async function adminPage(viewport: { width: number; height: number }, language?: 'en'): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const [name, value] = admin.cookie.split('=') as [string, string];
    await context.addCookies([
      { name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' },
      ...(language ? [{ name: 'posko_lang', value: language, url: posko.url }] : []),
    ]);
    const opened = await context.newPage();
    await opened.goto(`${posko.url}/admin/token-api`);
    await opened.locator('tbody tr').first().waitFor();
    return opened;
  }

  it('issues a token that is shown once and works at once, then revokes it', async () => {
    const screen = await adminPage(PHONE_VIEWPORT);
    await screen.getByLabel('Nama sistem').fill('Pusdalops BPBD Kapuas');
    await screen.getByLabel('Provinsi').selectOption('62');
    await screen.getByRole('button', { name: 'Buat token' }).click();
    const shown = screen.getByLabel('Token', { exact: true });
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token).toMatch(/^posko_/);
    expect(await screen.locator('pre').innerText()).toContain(`Authorization: Bearer ${token}`);
    const row = screen.locator('tbody tr', { hasText: 'Pusdalops BPBD Kapuas' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Aktif');
    expect(await row.innerText()).toContain(token.slice(0, 10));
    expect(await seriousAxeFindings(screen)).toEqual([]);
    await screen.screenshot({ path: '/tmp/api-issued-360.png', fullPage: true });

    // The token the page showed reads Kalteng's incidents straight away.
    expect((await call('/api/incidents?provinceCode=62', { token })).status).toBe(200);

    await row.getByRole('button', { name: 'Cabut token Pusdalops BPBD Kapuas' }).click();
    await row.getByRole('button', { name: 'Ya, cabut token Pusdalops BPBD Kapuas' }).click();
    await screen.getByText('Token Pusdalops BPBD Kapuas dicabut').waitFor();
    await row.getByText('Dicabut').waitFor();
    expect((await call('/api/incidents?provinceCode=62', { token })).status).toBe(401);

    await screen.reload();
    await screen.locator('tbody tr').first().waitFor();
    expect(await screen.content()).not.toContain(token);
  });

  it('says what is wrong beside the field, in English too, at desktop width', async () => {
    const screen = await adminPage(DESKTOP_VIEWPORT, 'en');
    await screen.getByRole('button', { name: 'Create token' }).click();
    await screen.getByText('Isi nama sistem yang memakai token').waitFor();
    expect(await screen.getByRole('columnheader', { name: 'Last used' }).count()).toBe(1);
    expect(await seriousAxeFindings(screen)).toEqual([]);
    await screen.screenshot({ path: '/tmp/api-page-1366-en.png', fullPage: true });
  });
});
