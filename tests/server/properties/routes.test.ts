import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount } from '../../support/accounts';
import {
  eventLogMark,
  eventsSince,
  hostileBody,
  hostileParam,
  hostileQuery,
  hostileString,
  hostileValue,
  propertyParameters,
} from '../../support/properties';
import { startRealtimeServer } from '../../support/realtime';
import { callRoute, demoIds, routeParams, type DemoIds, type RouteCall } from '../../support/route-calls';
import { discoverEntryPoints } from '../../support/routes';

/**
 * Every HTTP route under hostile input (arbitrary JSON, strings with control, invisible and right-to-left
 * characters, huge values, wrong types, ids that are not ids): never a 5xx or INTERNAL, and nothing
 * written to the event log when the answer is a refusal. A route without an entry here fails the first
 * test; a new route needs one line: who calls it and a sample of a call that would succeed.
 */

type Caller = 'admin' | 'volunteer' | 'nobody';

interface RouteCase {
  as: Caller;
  /** Real path parameters, query and body of a call that reaches the verb; the suite corrupts them. */
  sample?: (ids: DemoIds) => { params?: Record<string, string>; query?: Record<string, string>; body?: object };
  /** The route takes a multipart form (an upload) rather than JSON. */
  form?: boolean;
}

const HOUR = 3_600_000;
const NO_ID = '00000000-0000-4000-8000-000000000000';
const soon = () => new Date(Date.now() + 3 * HOUR).toISOString();
const kapuasIncident = { type: 'flood', severity: 2, regencyCode: '62.03', title: 'Banjir Kapuas uji' };
const pushKeys = {
  // A real P-256 point and 16 bytes, as a browser's PushSubscription carries them.
  p256dh: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
  auth: 'BTBZMqHH6r4Tts7J_aSIgg',
};

const ROUTES: Record<string, RouteCase> = {
  'GET /api/health': { as: 'nobody' },
  'GET /api/provinces/[code]/availability': { as: 'nobody', sample: () => ({ params: { code: '62' } }) },
  'GET /api/boundaries/[name]': { as: 'admin', sample: () => ({ params: { name: '62' } }) },
  'GET /api/auth/me': { as: 'admin' },
  'POST /api/auth/sign-in': {
    as: 'nobody',
    sample: () => ({ body: { login: 'tidak.ada', password: 'salah-sekali' } }),
  },
  'POST /api/auth/sign-out': { as: 'nobody', sample: () => ({ body: {} }) },
  'POST /api/auth/sign-out-everywhere': { as: 'nobody', sample: () => ({ body: {} }) },
  'GET /api/accounts': { as: 'admin' },
  'POST /api/accounts': {
    as: 'admin',
    sample: () => ({
      body: { role: 'leader', displayName: 'Pimpinan Uji', username: 'pimpinan.uji', provinceCode: '62' },
    }),
  },
  'POST /api/accounts/[id]/end-sessions': {
    as: 'admin',
    sample: ({ volunteerUserId }) => ({ params: { id: volunteerUserId }, body: { disable: false } }),
  },
  'POST /api/activations': { as: 'admin', sample: ({ volunteerId }) => ({ body: { volunteerIds: [volunteerId] } }) },
  'GET /api/activations/[token]': { as: 'nobody', sample: () => ({ params: { token: 'bukan-tautan' } }) },
  'POST /api/activations/[token]': {
    as: 'nobody',
    sample: () => ({ params: { token: 'bukan-tautan' }, body: { password: 'kata-sandi-baru' } }),
  },
  'GET /api/assignments': { as: 'admin', sample: ({ volunteerId }) => ({ query: { volunteerId } }) },
  'POST /api/assignments/[id]/cancel': {
    as: 'admin',
    sample: ({ assignmentId }) => ({ params: { id: assignmentId }, body: { reason: 'Salah kirim' } }),
  },
  'GET /api/audit': { as: 'admin', sample: () => ({ query: { provinceCode: '62', from: '2026-11-01' } }) },
  'GET /api/board/[province]': {
    as: 'admin',
    sample: () => ({ params: { province: '62' }, query: { compareHours: '6' } }),
  },
  'GET /api/command-centre': { as: 'admin', sample: () => ({ query: { wilayah: '62' } }) },
  'GET /api/command-centre/availability': {
    as: 'admin',
    sample: ({ trainingId }) => ({ query: { wilayah: '62', pillarCode: 'tagana', trainingId } }),
  },
  'GET /api/incidents': { as: 'admin', sample: () => ({ query: { provinceCode: '62', includeClosed: 'true' } }) },
  'GET /api/incidents/nearby': {
    as: 'admin',
    sample: () => ({ query: { type: 'flood', regencyCode: '62.03', lat: '-2.2', lng: '114.4' } }),
  },
  'POST /api/incidents': { as: 'admin', sample: () => ({ body: kapuasIncident }) },
  'GET /api/incidents/[id]': { as: 'admin', sample: ({ incidentId }) => ({ params: { id: incidentId } }) },
  'PATCH /api/incidents/[id]': {
    as: 'admin',
    sample: ({ incidentId }) => ({ params: { id: incidentId }, body: { needs: 'Pompa air', title: 'Karhutla uji' } }),
  },
  'POST /api/incidents/[id]/phase': {
    as: 'admin',
    sample: ({ incidentId }) => ({ params: { id: incidentId }, body: { phase: 'response' } }),
  },
  'GET /api/incidents/[id]/timeline': {
    as: 'admin',
    sample: ({ incidentId }) => ({ params: { id: incidentId }, query: { afterId: '0', limit: '50' } }),
  },
  'GET /api/incidents/[id]/matches': {
    as: 'admin',
    sample: ({ incidentId }) => ({ params: { id: incidentId }, query: { pillarCodes: 'tagana', skill: 'evakuasi' } }),
  },
  'POST /api/incidents/[id]/matches': {
    as: 'admin',
    sample: ({ incidentId }) => ({ params: { id: incidentId }, body: { pillarCodes: ['tagana'], deadline: soon() } }),
  },
  'POST /api/requests': {
    as: 'admin',
    sample: ({ incidentId }) => ({
      body: {
        incidentId,
        slots: 1,
        pillarCodes: ['tagana'],
        sourceRegencyCodes: ['62.03'],
        meetingPoint: 'Kantor Dinas Sosial Kabupaten Kapuas',
        deadline: soon(),
      },
    }),
  },
  'GET /api/requests/[id]': { as: 'admin', sample: ({ requestId }) => ({ params: { id: requestId } }) },
  'PATCH /api/requests/[id]': {
    as: 'admin',
    sample: ({ requestId }) => ({ params: { id: requestId }, body: { slots: 4, deadline: soon() } }),
  },
  'POST /api/requests/[id]/cancel': {
    as: 'admin',
    sample: ({ requestId }) => ({ params: { id: requestId }, body: { reason: 'Sudah cukup' } }),
  },
  'GET /api/readiness': { as: 'admin', sample: () => ({ query: { provinceCode: '62' } }) },
  'PUT /api/readiness/minimums': {
    as: 'admin',
    sample: () => ({ body: { regencyCode: '62.03', pillarCode: 'psm', minimumAvailable: 5 } }),
  },
  'DELETE /api/readiness/minimums': {
    as: 'admin',
    sample: () => ({ body: { regencyCode: '62.03', pillarCode: 'psm' } }),
  },
  'PUT /api/readiness/coverage-rules': {
    as: 'admin',
    sample: () => ({ body: { regencyCode: '62.03', pillarCode: 'tksk', minimumPerDistrict: 1 } }),
  },
  'DELETE /api/readiness/coverage-rules': {
    as: 'admin',
    sample: () => ({ body: { regencyCode: '62.03', pillarCode: 'tksk' } }),
  },
  'POST /api/push/subscriptions': {
    as: 'volunteer',
    sample: () => ({ body: { endpoint: 'https://fcm.googleapis.com/fcm/send/posko-sifat', keys: pushKeys } }),
  },
  'DELETE /api/push/subscriptions': {
    as: 'volunteer',
    sample: () => ({ body: { endpoint: 'https://fcm.googleapis.com/fcm/send/posko-sifat' } }),
  },
  'GET /api/trainings': { as: 'admin', sample: () => ({ query: { provinceCode: '62' } }) },
  'POST /api/trainings': {
    as: 'admin',
    sample: () => ({
      body: {
        provinceCode: '62',
        kind: 'bimtek',
        name: 'Bimtek Uji Sifat',
        organiser: 'Dinas Sosial Provinsi Kalimantan Tengah',
        startsOn: '2026-11-02',
        endsOn: '2026-11-03',
        validMonths: 24,
      },
    }),
  },
  'GET /api/trainings/[id]': { as: 'admin', sample: ({ trainingId }) => ({ params: { id: trainingId } }) },
  'PATCH /api/trainings/[id]': {
    as: 'admin',
    sample: ({ trainingId }) => ({ params: { id: trainingId }, body: { place: 'Aula Dinas Sosial' } }),
  },
  'POST /api/trainings/[id]/attendance': {
    as: 'admin',
    sample: ({ trainingId, volunteerId }) => ({
      params: { id: trainingId },
      body: { volunteerIds: [volunteerId], lines: 'Siti\n0812 3456 7890', completedOn: '2026-11-03' },
    }),
  },
  'POST /api/trainings/[id]/attendance/preview': {
    as: 'admin',
    sample: ({ trainingId }) => ({ params: { id: trainingId }, body: { lines: 'Siti\nBudi' } }),
  },
  'DELETE /api/trainings/[id]/attendance/[volunteerId]': {
    as: 'admin',
    sample: ({ trainingId, volunteerId }) => ({ params: { id: trainingId, volunteerId } }),
  },
  'GET /api/teams': { as: 'admin', sample: () => ({ query: { provinceCode: '62', regencyCode: '62.03' } }) },
  'POST /api/teams': {
    as: 'admin',
    sample: ({ volunteerId }) => ({
      body: { name: 'Regu Uji Sifat', regencyCode: '62.03', memberIds: [volunteerId], leaderVolunteerId: volunteerId },
    }),
  },
  'PATCH /api/teams/[id]': {
    as: 'admin',
    sample: () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, body: { name: 'Regu Baru' } }),
  },
  'DELETE /api/teams/[id]': { as: 'admin', sample: () => ({ params: { id: '00000000-0000-4000-8000-000000000000' } }) },
  'POST /api/teams/[id]/members': {
    as: 'admin',
    sample: ({ volunteerId }) => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, body: { volunteerId } }),
  },
  'DELETE /api/teams/[id]/members/[volunteerId]': {
    as: 'admin',
    sample: ({ volunteerId }) => ({ params: { id: '00000000-0000-4000-8000-000000000000', volunteerId } }),
  },
  'GET /api/volunteers': {
    as: 'admin',
    sample: () => ({ query: { regencyCode: '62.03', search: 'Siti', sort: 'name', page: '1', pageSize: '25' } }),
  },
  'POST /api/volunteers': {
    as: 'admin',
    sample: () => ({
      body: { name: 'Relawan Sifat', phone: '0899 1234 5678', pillarCode: 'tagana', regencyCode: '62.03' },
    }),
  },
  'PATCH /api/volunteers/[id]': {
    as: 'admin',
    sample: ({ volunteerId }) => ({
      params: { id: volunteerId },
      body: { skills: ['evakuasi air'], name: 'Siti Aminah' },
    }),
  },
  'PATCH /api/volunteers/[id]/availability': {
    as: 'admin',
    sample: ({ volunteerId }) => ({ params: { id: volunteerId }, body: { availability: 'unavailable' } }),
  },
  'POST /api/volunteers/[id]/move': {
    as: 'admin',
    sample: ({ volunteerId }) => ({
      params: { id: volunteerId },
      body: { regencyCode: '62.03', districtCode: '62.03.01' },
    }),
  },
  'POST /api/volunteers/[id]/retire': {
    as: 'admin',
    sample: ({ volunteerId }) => ({ params: { id: volunteerId }, body: { reason: 'Pindah domisili' } }),
  },
  'POST /api/volunteers/[id]/reinstate': {
    as: 'admin',
    sample: ({ volunteerId }) => ({ params: { id: volunteerId }, body: {} }),
  },
  'GET /api/volunteers/export.csv': {
    as: 'admin',
    sample: () => ({ query: { regencyCode: '62.03', search: 'Siti' } }),
  },
  'GET /api/volunteers/export.xlsx': { as: 'admin', sample: () => ({ query: { regencyCode: '62.03' } }) },
  'POST /api/volunteer-imports': { as: 'admin', form: true },
  'POST /api/volunteer-imports/[id]/commit': {
    as: 'admin',
    sample: () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, body: {} }),
  },
  'GET /api/volunteer-imports/[id]/errors.xlsx': {
    as: 'admin',
    sample: () => ({ params: { id: '00000000-0000-4000-8000-000000000000' } }),
  },
  'GET /api/volunteer-imports/template.xlsx': { as: 'admin', sample: () => ({ query: { provinceCode: '62' } }) },
  'GET /api/signup-links': { as: 'admin', sample: () => ({ query: { provinceCode: '62' } }) },
  'POST /api/signup-links': {
    as: 'admin',
    sample: () => ({
      body: {
        title: 'Kemah Tagana',
        provinceCode: '62',
        regencyCode: '62.03',
        pillarCode: 'tagana',
        validUntil: soon(),
      },
    }),
  },
  'GET /api/signup-links/[id]': { as: 'admin', sample: ({ signupLinkId }) => ({ params: { id: signupLinkId } }) },
  'POST /api/signup-links/[id]/close': {
    as: 'admin',
    sample: ({ signupLinkId }) => ({ params: { id: signupLinkId }, body: {} }),
  },
  'POST /api/signup-links/[id]/approve': {
    as: 'admin',
    sample: ({ signupLinkId }) => ({ params: { id: signupLinkId }, body: { all: true } }),
  },
  'POST /api/signups/[id]/reject': { as: 'admin', sample: ({ signupId }) => ({ params: { id: signupId }, body: {} }) },
  'POST /daftar/[token]/kirim': {
    as: 'nobody',
    sample: ({ signupLinkToken }) => ({
      params: { token: signupLinkToken },
      body: { name: 'Siti Pendaftar', phone: '0899 8765 4321', districtCode: '62.03.01', consent: 'yes' },
    }),
  },
  'GET /serwist/[path]': { as: 'nobody', sample: () => ({ params: { path: 'sw.js' } }) },
  'GET /pemberitahuan/[path]': { as: 'nobody', sample: () => ({ params: { path: 'sw.js' } }) },
  'GET /api/push/key': { as: 'volunteer', sample: () => ({}) },
  'POST /tugas/aksi': {
    as: 'volunteer',
    sample: ({ assignmentId }) => ({
      body: { action: 'report', assignmentId, status: 'en_route', from: 'accepted', idempotencyKey: 'sifat-1' },
    }),
  },
  'GET /api/incidents/[id]/check-ins': { as: 'admin', sample: ({ incidentId }) => ({ params: { id: incidentId } }) },
  'POST /api/assignments/[id]/check-in/contacted': {
    as: 'admin',
    sample: ({ assignmentId }) => ({ params: { id: assignmentId }, body: { note: 'Ditelepon, aman' } }),
  },
  'POST /api/assignments/[id]/check-in/resolve': {
    as: 'admin',
    sample: ({ assignmentId }) => ({ params: { id: assignmentId }, body: { note: 'Sudah kembali' } }),
  },
  'GET /api/check-ins/team': { as: 'volunteer' },
  'POST /api/incidents/[id]/assessments': {
    as: 'admin',
    sample: ({ incidentId }) => ({
      params: { id: incidentId },
      body: { districtCode: '62.03.01', dead: 0, missing: 1, displacedFamilies: 2, displacedPeople: 9 },
    }),
  },
  'POST /api/assessments/[id]/verify': {
    as: 'admin',
    sample: () => ({ params: { id: NO_ID }, body: { verified: false, reason: 'Angka ganda' } }),
  },
  'POST /api/assessments/[id]/photos': { as: 'admin', sample: () => ({ params: { id: NO_ID }, body: {} }) },
  'GET /api/assessments/[id]/photos/[n]': { as: 'admin', sample: () => ({ params: { id: NO_ID, n: '1' } }) },
  'GET /api/incidents/[id]/figures': { as: 'admin', sample: ({ incidentId }) => ({ params: { id: incidentId } }) },
  'GET /api/incidents/[id]/sitreps': { as: 'admin', sample: ({ incidentId }) => ({ params: { id: incidentId } }) },
  'POST /api/incidents/[id]/sitreps': {
    as: 'admin',
    sample: ({ incidentId }) => ({
      params: { id: incidentId },
      body: { cause: 'Hujan deras', urgentNeeds: ['Tenda'], aid: [{ item: 'Tenda', needed: 10, received: 4 }] },
    }),
  },
  'GET /api/sitreps/[id]': { as: 'admin', sample: () => ({ params: { id: NO_ID } }) },
  'GET /api/sitreps/[id]/pdf': { as: 'admin', sample: () => ({ params: { id: NO_ID } }) },
  'GET /api/sitreps/[id]/text': { as: 'admin', sample: () => ({ params: { id: NO_ID } }) },
  'POST /api/channels/sms/inbound': {
    as: 'nobody',
    sample: () => ({ body: { id: 'sms-1', from: '+6281234567890', text: 'STATUS', receivedAt: soon() } }),
  },
  'POST /api/channels/sms/status': { as: 'nobody', sample: () => ({ body: { id: 'sms-1', status: 'delivered' } }) },
  'POST /api/channels/android-sms-gateway': {
    as: 'nobody',
    sample: () => ({ body: { event: 'sms:received', payload: { phoneNumber: '+6281234567890', message: 'STATUS' } } }),
  },
  'GET /api/channels/whatsapp': {
    as: 'nobody',
    sample: () => ({ query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'salah', 'hub.challenge': '42' } }),
  },
  'POST /api/channels/whatsapp': { as: 'nobody', sample: () => ({ body: { object: 'whatsapp_business_account' } }) },
  'PUT /api/channels/settings': {
    as: 'admin',
    sample: () => ({ body: { provinceCode: '62', smsEnabled: true, whatsappEnabled: false, reminderMinutes: 30 } }),
  },
  'PUT /api/channels/preference': { as: 'volunteer', sample: () => ({ body: { mode: 'always' } }) },
  'PUT /api/provinces/[code]/settings': {
    as: 'admin',
    sample: () => ({ params: { code: '62' }, body: { hotline: '(0536) 322-1100', restHours: 12 } }),
  },
  'POST /api/roll-calls': { as: 'admin', sample: ({ requestId }) => ({ body: { requestId } }) },
  'GET /api/province-asks': { as: 'admin', sample: ({ incidentId }) => ({ query: { incidentId } }) },
  'POST /api/province-asks': {
    as: 'admin',
    sample: ({ incidentId }) => ({
      body: {
        incidentId,
        toProvinceCodes: ['32'],
        slots: 3,
        pillarCodes: ['tagana'],
        deadline: soon(),
        meetingPoint: 'Posko Dinsos',
      },
    }),
  },
  'POST /api/province-asks/[id]/accept': {
    as: 'admin',
    sample: () => ({ params: { id: NO_ID }, body: { sourceRegencyCodes: ['32.12'] } }),
  },
  'POST /api/province-asks/[id]/decline': {
    as: 'admin',
    sample: () => ({ params: { id: NO_ID }, body: { reason: 'Sedang siaga' } }),
  },
  'GET /api/roll-calls/[id]': { as: 'admin', sample: () => ({ params: { id: NO_ID } }) },
  'POST /api/roll-calls/[id]/remind': { as: 'admin', sample: () => ({ params: { id: NO_ID }, body: {} }) },
  'POST /api/messages': {
    as: 'admin',
    sample: ({ volunteerId }) => ({
      body: { to: { volunteerIds: [volunteerId] }, body: 'Apel sore di posko\nBawa senter' },
    }),
  },
  'GET /api/messages/[id]': { as: 'admin', sample: () => ({ params: { id: NO_ID } }) },
  'GET /api/metrics': { as: 'nobody' },
  'GET /api/volunteers/[id]': { as: 'admin', sample: ({ volunteerId }) => ({ params: { id: volunteerId } }) },
  // An unknown id: the suite must not erase the demo volunteer other routes' samples use.
  'POST /api/volunteers/[id]/erase': {
    as: 'admin',
    sample: () => ({ params: { id: NO_ID }, body: { reason: 'Permintaan tertulis relawan' } }),
  },
  'GET /api/me/data': { as: 'volunteer', sample: () => ({ query: { format: 'xlsx' } }) },
  'PUT /api/me/consent': { as: 'volunteer', sample: () => ({ body: { positions: true, texts: true } }) },
  'GET /api/access-records': { as: 'admin', sample: () => ({ query: { provinceCode: '62' } }) },
  'GET /api/openapi.json': { as: 'nobody' },
  'GET /api/api-tokens': { as: 'admin' },
  'POST /api/api-tokens': {
    as: 'admin',
    sample: () => ({ body: { name: 'BPBD Kalimantan Tengah', provinceCode: '62', expiresAt: soon() } }),
  },
  'POST /api/api-tokens/[id]/revoke': { as: 'admin', sample: () => ({ params: { id: NO_ID }, body: {} }) },
};

/** A multipart import form: a CSV (or bytes that are not one) and hostile form fields. */
const hostileImportForm = fc
  .record({
    file: fc.oneof(hostileString, fc.constant('Nama,No HP,Pilar,Kabupaten\nUji\u0000,0812,Tagana,Kapuas\n')),
    sheet: fc.option(hostileString, { nil: undefined }),
    mapping: fc.option(
      hostileValue.map((value) => JSON.stringify(value) ?? ''),
      { nil: undefined },
    ),
    provinceCode: fc.option(fc.oneof(fc.constant('62'), hostileString), { nil: undefined }),
  })
  .map(({ file, sheet, mapping, provinceCode }) => {
    const form = new FormData();
    form.set('file', new Blob([file]), 'relawan.csv');
    if (sheet !== undefined) form.set('sheet', sheet);
    if (mapping !== undefined) form.set('mapping', mapping);
    if (provinceCode !== undefined) form.set('provinceCode', provinceCode);
    return form;
  });

let server: Awaited<ReturnType<typeof startRealtimeServer>>;
let ids: DemoIds;
const cookies = {} as Record<Caller, string | undefined>;

beforeAll(async () => {
  server = await startRealtimeServer('demo');
  const db = server.handle.db;
  ids = await demoIds(db);
  cookies.admin = (await createTestAccount(db, { role: 'admin' })).cookie;
  cookies.volunteer = (await createTestAccount(db, { role: 'volunteer', volunteerId: ids.volunteerId })).cookie;
  cookies.nobody = undefined;
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const entries = discoverEntryPoints().filter((entry) => !entry.startsWith('PAGE '));

describe('every HTTP route under hostile input', () => {
  it('has a property case for every route (and none for a route that is gone)', () => {
    expect(Object.keys(ROUTES).sort()).toEqual(entries);
  });

  for (const entry of entries) {
    const method = entry.split(' ')[0]!;
    it(`${entry}: never a 5xx, never a write after a refusal`, async () => {
      const routeCase = ROUTES[entry];
      if (!routeCase) throw new Error(`${entry} has no property case`);
      const sample = routeCase.sample?.(ids) ?? {};
      const params = fc.record(
        Object.fromEntries(routeParams(entry).map((name) => [name, hostileParam(sample.params?.[name] ?? '')])),
      );
      const body: fc.Arbitrary<string | FormData | undefined> =
        method === 'GET'
          ? fc.constant(undefined)
          : routeCase.form
            ? hostileImportForm
            : hostileBody(sample.body as Record<string, unknown> | undefined);
      const calls = fc.record({ params, query: hostileQuery(sample.query ?? {}), body });

      await fc.assert(
        fc.asyncProperty(calls, async (call: RouteCall) => {
          const before = await eventLogMark(server.handle.db);
          const response = await callRoute(entry, { ...call, cookie: cookies[routeCase.as] });
          const text = await response.text();
          expect(response.status, text.slice(0, 300)).toBeLessThan(500);
          if ((response.headers.get('content-type') ?? '').includes('json') && text) {
            expect((JSON.parse(text) as { code?: string }).code).not.toBe('INTERNAL');
          }
          if (response.status >= 400) {
            expect(await eventsSince(server.handle.db, before), `refused with ${response.status}: ${text}`).toEqual([]);
          }
        }),
        propertyParameters(12),
      );
    }, 120_000);
  }
});
