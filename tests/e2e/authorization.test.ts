import { createECDH, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_COMMANDS, type Ack } from '../../lib/realtime';
import { signInDemo } from '../support/accounts';
import { openClient, type TestClient } from '../support/realtime';
import { discoverEntryPoints } from '../support/routes';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

/**
 * The authorization matrix: every HTTP route, every page and every socket command against every role
 * and scope. A route or command without an entry here fails the first test.
 */
const WHO = [
  'admin',
  'provinceCoordinator',
  'regencyCoordinator',
  'otherProvinceCoordinator',
  'leader',
  'volunteer',
  'signedOut',
] as const;
type Who = (typeof WHO)[number];

/** A status code, or a redirect to a page. */
type Outcome = number | { to: string };
type Expected = Record<Who, Outcome>;

const everyone = (outcome: Outcome): Expected => Object.fromEntries(WHO.map((who) => [who, outcome])) as Expected;
/** `outcome` for the listed, 401 (API) or a redirect to sign in (page) for the signed-out, `otherwise` for the rest. */
const only = (listed: Partial<Expected>, otherwise: Outcome, signedOut: Outcome = 401): Expected =>
  ({ ...Object.fromEntries(WHO.map((who) => [who, otherwise])), signedOut, ...listed }) as Expected;
const HOME = {
  admin: { to: '/posko' },
  provinceCoordinator: { to: '/posko' },
  regencyCoordinator: { to: '/posko' },
  otherProvinceCoordinator: { to: '/posko' },
  leader: { to: '/pantau' },
  volunteer: { to: '/tugas' },
} as const;

/** A page: 200 for the roles it is for, the sign-in page for nobody, each other role's own home page. */
const pageFor = (path: string, allowed: readonly Exclude<Who, 'signedOut'>[]): Check => ({
  request: () => ({ path }),
  expected: {
    ...HOME,
    ...Object.fromEntries(allowed.map((who) => [who, 200])),
    signedOut: { to: `/masuk?lanjut=${encodeURIComponent(path)}` },
  } as Expected,
});
const STAFF = ['admin', 'provinceCoordinator', 'regencyCoordinator', 'otherProvinceCoordinator'] as const;
/** Who may change Kapuas' incidents and requests: the admin and the Kalteng and Kapuas coordinators. */
const KAPUAS_DISPATCHERS = { admin: 200, provinceCoordinator: 200, regencyCoordinator: 200 } as const;
/** Who may read Kalteng's incidents: everyone on Kalteng's staff and its leader. */
const KALTENG_VIEWERS = { ...KAPUAS_DISPATCHERS, leader: 200 } as const;

/** Who may change a Kapuas volunteer's record: the admin and the Kalteng and Kapuas coordinators. */
const KAPUAS_REGISTRARS = { admin: 200, provinceCoordinator: 200, regencyCoordinator: 200 } as const;

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
/** The first bytes of a JPEG: what an assessment photo's upload is judged by. */
const TINY_JPEG = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1])]);
const STAFF_200 = {
  admin: 200,
  provinceCoordinator: 200,
  regencyCoordinator: 200,
  otherProvinceCoordinator: 200,
} as const;

let phoneSerial = 0;
/** A new Kapuas Tagana volunteer with a number nobody has. */
function newVolunteer() {
  phoneSerial += 1;
  return {
    name: 'Relawan Matriks',
    phone: `+628998${String(process.pid % 1000).padStart(3, '0')}${String(phoneSerial).padStart(4, '0')}`,
    pillarCode: 'tagana',
    regencyCode: '62.03',
  };
}

interface Fixtures {
  /** A Kapuas volunteer with an account that is not one of the signed-in people. */
  kapuasVolunteerId: string;
  kapuasVolunteerUserId: string;
  /** The demo's karhutla in Pulang Pisau (Kalteng) and its request: outside the Kapuas coordinator's kabupaten. */
  kaltengIncidentId: string;
  kaltengRequestId: string;
  /** An incident in Kapuas and a request for Kapuas volunteers, which the Kapuas coordinator may change. */
  kapuasIncidentId: string;
  kapuasRequestId: string;
  /** The demo's Latsar RPSM in Kalteng's trainings catalogue. */
  kaltengTrainingId: string;
  /** An import by the Kapuas coordinator (so Kalteng's coordinator and the admin may commit it too). */
  kapuasImportId: string;
  /** A sign-up link for a Kapuas camp, and one to close. */
  kapuasSignupLinkId: string;
  closingSignupLinkId: string;
  /** Kapuas' incident's first situation report, and an unverified assessment per person to verify once. */
  situation: { sitrepId: string; assessmentIds: Record<Who, string>; photoAssessmentId: string };
  /** A roll call and a message to the karhutla request's team, called by the admin. */
  kaltengRollCallId: string;
  kaltengMessageId: string;
  /** One of each per person, for steps that happen only once (a phase move, a cancellation). */
  own: Record<
    Who,
    {
      incidentId: string;
      requestId: string;
      assignmentId: string;
      volunteerId: string;
      retiredVolunteerId: string;
      erasableVolunteerId?: string;
      /** Kalteng's asks to Jawa Barat for help, one to accept and one to decline. */
      askId: string;
      declineAskId: string;
    }
  >;
}

interface Check {
  request(fixtures: Fixtures, who: Who): { path: string; body?: unknown };
  /** A function when the answer names a fixture (a page's sign-in redirect carries its path). */
  expected: Expected | ((fixtures: Fixtures) => Expected);
}

const MATRIX: Record<string, Check> = {
  'GET /api/health': { request: () => ({ path: '/api/health' }), expected: everyone(200) },
  'GET /api/provinces/[code]/availability': {
    request: () => ({ path: '/api/provinces/62/availability' }),
    expected: everyone(200),
  },
  'GET /api/boundaries/[name]': {
    request: () => ({ path: '/api/boundaries/62' }),
    expected: only({}, 200),
  },
  'GET /api/auth/me': { request: () => ({ path: '/api/auth/me' }), expected: only({}, 200) },
  'POST /api/auth/sign-in': {
    // Open by necessity; a wrong password is the same 401 for everyone.
    request: () => ({ path: '/api/auth/sign-in', body: { login: 'tidak.ada', password: 'salah-sekali' } }),
    expected: everyone(401),
  },
  'POST /api/auth/sign-out': { request: () => ({ path: '/api/auth/sign-out', body: {} }), expected: only({}, 200) },
  'POST /api/auth/sign-out-everywhere': {
    request: () => ({ path: '/api/auth/sign-out-everywhere', body: {} }),
    expected: only({}, 200),
  },
  'GET /api/accounts': { request: () => ({ path: '/api/accounts' }), expected: only({ admin: 200 }, 403) },
  'POST /api/accounts': {
    request: () => ({
      path: '/api/accounts',
      body: {
        role: 'leader',
        displayName: 'Pimpinan Uji',
        username: `pimpinan.uji.${Math.random().toString(36).slice(2, 8)}`,
        provinceCode: '62',
      },
    }),
    expected: only({ admin: 201 }, 403),
  },
  'POST /api/accounts/[id]/end-sessions': {
    request: ({ kapuasVolunteerUserId }) => ({
      path: `/api/accounts/${kapuasVolunteerUserId}/end-sessions`,
      body: {},
    }),
    expected: only({ admin: 200, provinceCoordinator: 200, regencyCoordinator: 200 }, 403),
  },
  'POST /api/activations': {
    request: ({ kapuasVolunteerId }) => ({ path: '/api/activations', body: { volunteerIds: [kapuasVolunteerId] } }),
    expected: only({ admin: 201, provinceCoordinator: 201, regencyCoordinator: 201 }, 403),
  },
  'GET /api/activations/[token]': {
    // Open by necessity: the link is the credential.
    request: () => ({ path: '/api/activations/bukan-tautan' }),
    expected: everyone(200),
  },
  'POST /api/activations/[token]': {
    request: () => ({ path: '/api/activations/bukan-tautan', body: { password: 'kata-sandi-baru' } }),
    expected: everyone(404),
  },
  'GET /api/volunteers': {
    request: () => ({ path: '/api/volunteers?regencyCode=62.03' }),
    expected: only(
      { admin: 200, provinceCoordinator: 200, regencyCoordinator: 200, otherProvinceCoordinator: 200 },
      403,
    ),
  },
  'PATCH /api/volunteers/[id]/availability': {
    request: ({ kapuasVolunteerId }) => ({
      path: `/api/volunteers/${kapuasVolunteerId}/availability`,
      body: { availability: 'unavailable' },
    }),
    expected: only({ admin: 200, provinceCoordinator: 200, regencyCoordinator: 200 }, 403),
  },
  'POST /api/volunteers': {
    request: () => ({ path: '/api/volunteers', body: newVolunteer() }),
    expected: only({ admin: 201, provinceCoordinator: 201, regencyCoordinator: 201 }, 403),
  },
  'PATCH /api/volunteers/[id]': {
    // The volunteer signed in is another one: a volunteer corrects only its own contact.
    request: ({ kapuasVolunteerId }) => ({
      path: `/api/volunteers/${kapuasVolunteerId}`,
      body: { skills: ['evakuasi air', 'p3k'] },
    }),
    expected: only(KAPUAS_REGISTRARS, 403),
  },
  'POST /api/volunteers/[id]/move': {
    request: ({ kapuasVolunteerId }) => ({
      path: `/api/volunteers/${kapuasVolunteerId}/move`,
      body: { regencyCode: '62.03', districtCode: '62.03.01' },
    }),
    expected: only(KAPUAS_REGISTRARS, 403),
  },
  'POST /api/volunteers/[id]/retire': {
    request: ({ own }, who) => ({
      path: `/api/volunteers/${own[who].volunteerId}/retire`,
      body: { reason: 'Pindah domisili' },
    }),
    expected: only(KAPUAS_REGISTRARS, 403),
  },
  'POST /api/volunteers/[id]/reinstate': {
    request: ({ own }, who) => ({ path: `/api/volunteers/${own[who].retiredVolunteerId}/reinstate`, body: {} }),
    expected: only(KAPUAS_REGISTRARS, 403),
  },
  // Personal data (UU PDP): a record read through the API is one in scope (else 404, as on the page).
  'GET /api/volunteers/[id]': {
    request: ({ kapuasVolunteerId }) => ({ path: `/api/volunteers/${kapuasVolunteerId}` }),
    expected: only({ ...KAPUAS_REGISTRARS, otherProvinceCoordinator: 404 }, 403),
  },
  // Erasure is the province's: admins and province coordinators, in their own province.
  'POST /api/volunteers/[id]/erase': {
    request: ({ own }, who) => ({
      path: `/api/volunteers/${own[who].erasableVolunteerId}/erase`,
      body: { reason: 'Permintaan tertulis relawan' },
    }),
    expected: only({ admin: 200, provinceCoordinator: 200 }, 403),
  },
  'GET /api/me/data': {
    request: () => ({ path: '/api/me/data?format=json' }),
    expected: only({ volunteer: 200 }, 403),
  },
  'PUT /api/me/consent': {
    request: () => ({ path: '/api/me/consent', body: { texts: true } }),
    expected: only({ volunteer: 200 }, 403),
  },
  'GET /api/access-records': {
    request: () => ({ path: '/api/access-records' }),
    expected: only(STAFF_200, 403),
  },
  // The privacy notice names nobody: it opens signed out too (linked from activation and sign-up).
  'PAGE /privasi': { request: () => ({ path: '/privasi' }), expected: everyone(200) },
  'PAGE /posko/relawan/baru': pageFor('/posko/relawan/baru', STAFF),
  'PAGE /posko/relawan/[id]/ubah': {
    request: ({ kapuasVolunteerId }) => ({ path: `/posko/relawan/${kapuasVolunteerId}/ubah` }),
    expected: ({ kapuasVolunteerId }) =>
      ({
        ...pageFor(`/posko/relawan/${kapuasVolunteerId}/ubah`, STAFF).expected,
        otherProvinceCoordinator: 404,
      }) as Expected,
  },
  'POST /api/volunteer-imports': {
    request: () => ({ path: '/api/volunteer-imports', body: importForm() }),
    expected: only({ admin: 201, provinceCoordinator: 201, regencyCoordinator: 201 }, 403),
  },
  'POST /api/volunteer-imports/[id]/commit': {
    // The first allowed commit writes; the others answer the stored result.
    request: ({ kapuasImportId }) => ({ path: `/api/volunteer-imports/${kapuasImportId}/commit`, body: {} }),
    expected: only(KAPUAS_DISPATCHERS, 403),
  },
  'GET /api/volunteer-imports/[id]/errors.xlsx': {
    request: ({ kapuasImportId }) => ({ path: `/api/volunteer-imports/${kapuasImportId}/errors.xlsx` }),
    expected: only(KAPUAS_DISPATCHERS, 403),
  },
  'GET /api/volunteer-imports/template.xlsx': {
    request: () => ({ path: '/api/volunteer-imports/template.xlsx?provinceCode=62' }),
    expected: only(KAPUAS_DISPATCHERS, 403),
  },
  'PAGE /posko/relawan/impor': pageFor('/posko/relawan/impor', STAFF),
  'PAGE /': { request: () => ({ path: '/' }), expected: { ...HOME, signedOut: { to: '/masuk' } } },
  'PAGE /masuk': { request: () => ({ path: '/masuk' }), expected: { ...HOME, signedOut: 200 } },
  'PAGE /aktivasi/[token]': { request: () => ({ path: '/aktivasi/bukan-tautan' }), expected: everyone(200) },
  'PAGE /posko': pageFor('/posko', STAFF),
  'PAGE /posko/relawan': pageFor('/posko/relawan', STAFF),
  // Readiness: every coordinator reads the settings page (a kabupaten's read-only); the rules are the
  // province's, so only its coordinators and admins change them.
  'PAGE /posko/kesiapan': pageFor('/posko/kesiapan', STAFF),
  'GET /api/readiness': {
    request: () => ({ path: '/api/readiness?provinceCode=62' }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'PUT /api/readiness/minimums': {
    request: () => ({
      path: '/api/readiness/minimums',
      body: { regencyCode: '62.03', pillarCode: 'psm', minimumAvailable: 5 },
    }),
    expected: only({ admin: 200, provinceCoordinator: 200 }, 403),
  },
  'DELETE /api/readiness/minimums': {
    // The demo's Palangka Raya Tagana minimum goes at the first allowed attempt; later ones find none.
    request: () => ({ path: '/api/readiness/minimums', body: { regencyCode: '62.71', pillarCode: 'tagana' } }),
    expected: only({ admin: 200, provinceCoordinator: 404 }, 403),
  },
  'PUT /api/readiness/coverage-rules': {
    request: () => ({
      path: '/api/readiness/coverage-rules',
      body: { regencyCode: '62.03', pillarCode: 'tksk', minimumPerDistrict: 1 },
    }),
    expected: only({ admin: 200, provinceCoordinator: 200 }, 403),
  },
  'DELETE /api/readiness/coverage-rules': {
    request: () => ({ path: '/api/readiness/coverage-rules', body: { regencyCode: '62.13', pillarCode: 'tksk' } }),
    expected: only({ admin: 404, provinceCoordinator: 404 }, 403),
  },
  'PAGE /pantau': pageFor('/pantau', [...STAFF, 'leader']),
  'PAGE /posko/relawan/[id]': {
    request: ({ kapuasVolunteerId }) => ({ path: `/posko/relawan/${kapuasVolunteerId}` }),
    // A coordinator of another province finds no such volunteer.
    expected: ({ kapuasVolunteerId }) =>
      ({
        ...pageFor(`/posko/relawan/${kapuasVolunteerId}`, STAFF).expected,
        otherProvinceCoordinator: 404,
      }) as Expected,
  },
  // The command centre of Jawa Barat: its own coordinator and admins; Kalteng's people find no such page.
  'PAGE /provinsi/[code]': {
    request: () => ({ path: '/provinsi/32' }),
    expected: {
      ...(pageFor('/provinsi/32', ['admin', 'otherProvinceCoordinator']).expected as Expected),
      provinceCoordinator: 404,
      regencyCoordinator: 404,
      leader: 404,
    },
  },
  'PAGE /tugas': pageFor('/tugas', ['volunteer']),
  'PAGE /admin': pageFor('/admin', ['admin']),
  'GET /api/assignments': {
    request: ({ kapuasVolunteerId }) => ({ path: `/api/assignments?volunteerId=${kapuasVolunteerId}` }),
    expected: only({ admin: 200, provinceCoordinator: 200, regencyCoordinator: 200 }, 403),
  },
  'GET /api/incidents': {
    request: () => ({ path: '/api/incidents?provinceCode=62&includeClosed=true' }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  // Before registering: running incidents that may be the same one, for the province's staff and leaders.
  'GET /api/incidents/nearby': {
    request: () => ({ path: '/api/incidents/nearby?type=flood&regencyCode=62.03&lat=-2.2&lng=114.4' }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'POST /api/incidents': {
    request: () => ({ path: '/api/incidents', body: { type: 'flood', severity: 2, regencyCode: '62.03' } }),
    expected: only({ admin: 201, provinceCoordinator: 201, regencyCoordinator: 201 }, 403),
  },
  'GET /api/incidents/[id]': {
    request: ({ kaltengIncidentId }) => ({ path: `/api/incidents/${kaltengIncidentId}` }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'PATCH /api/incidents/[id]': {
    // Pulang Pisau's incident: the province's coordinator may correct it, Kapuas' may not.
    request: ({ kaltengIncidentId }) => ({
      path: `/api/incidents/${kaltengIncidentId}`,
      body: { needs: 'Pompa air portabel dan masker N95.' },
    }),
    expected: only({ admin: 200, provinceCoordinator: 200 }, 403),
  },
  'POST /api/incidents/[id]/phase': {
    request: ({ own }, who) => ({ path: `/api/incidents/${own[who].incidentId}/phase`, body: { phase: 'response' } }),
    expected: only(KAPUAS_DISPATCHERS, 403),
  },
  'GET /api/incidents/[id]/timeline': {
    request: ({ kaltengIncidentId }) => ({ path: `/api/incidents/${kaltengIncidentId}/timeline?afterId=0&limit=50` }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'GET /api/incidents/[id]/matches': {
    // Counting candidates is part of dispatching: only coordinators in the incident's scope.
    request: ({ kaltengIncidentId }) => ({ path: `/api/incidents/${kaltengIncidentId}/matches?pillarCodes=tagana` }),
    expected: only({ admin: 200, provinceCoordinator: 200 }, 403),
  },
  'POST /api/incidents/[id]/matches': {
    request: ({ kapuasIncidentId }) => ({
      path: `/api/incidents/${kapuasIncidentId}/matches`,
      body: { pillarCodes: ['tagana'] },
    }),
    expected: only(KAPUAS_DISPATCHERS, 403),
  },
  'POST /api/requests': {
    request: ({ kapuasIncidentId }) => ({ path: '/api/requests', body: kapuasRequest(kapuasIncidentId, 1) }),
    expected: only({ admin: 201, provinceCoordinator: 201, regencyCoordinator: 201 }, 403),
  },
  'GET /api/requests/[id]': {
    request: ({ kaltengRequestId }) => ({ path: `/api/requests/${kaltengRequestId}` }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'PATCH /api/requests/[id]': {
    request: ({ kapuasRequestId }) => ({ path: `/api/requests/${kapuasRequestId}`, body: { slots: 4 } }),
    expected: only(KAPUAS_DISPATCHERS, 403),
  },
  'POST /api/requests/[id]/cancel': {
    request: ({ own }, who) => ({ path: `/api/requests/${own[who].requestId}/cancel`, body: {} }),
    expected: only(KAPUAS_DISPATCHERS, 403),
  },
  'POST /api/assignments/[id]/cancel': {
    request: ({ own }, who) => ({ path: `/api/assignments/${own[who].assignmentId}/cancel`, body: {} }),
    expected: only(KAPUAS_DISPATCHERS, 403),
  },
  // Check-ins: the incident's viewers read them; its dispatchers act on an alarm (an offer is not watched: 409).
  'GET /api/incidents/[id]/check-ins': {
    request: ({ kaltengIncidentId }) => ({ path: `/api/incidents/${kaltengIncidentId}/check-ins` }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'GET /api/check-ins/team': {
    // The matrix's volunteer is a ketua regu: it reads its team's check-ins; staff have their incident pages.
    request: () => ({ path: '/api/check-ins/team' }),
    expected: only({ volunteer: 200 }, 403),
  },
  'POST /api/assignments/[id]/check-in/contacted': {
    request: ({ own }, who) => ({
      path: `/api/assignments/${own[who].assignmentId}/check-in/contacted`,
      body: { note: 'Ditelepon, aman.' },
    }),
    expected: only({ admin: 409, provinceCoordinator: 409, regencyCoordinator: 409 }, 403),
  },
  'POST /api/assignments/[id]/check-in/resolve': {
    request: ({ own }, who) => ({ path: `/api/assignments/${own[who].assignmentId}/check-in/resolve`, body: {} }),
    expected: only({ admin: 409, provinceCoordinator: 409, regencyCoordinator: 409 }, 403),
  },
  'PAGE /kejadian': pageFor('/kejadian', [...STAFF, 'leader']),
  'GET /api/board/[province]': {
    // The leaders' board of Kalteng: its staff, its leader and admins; Jawa Barat's coordinator and volunteers not.
    request: () => ({ path: '/api/board/62?compareHours=24' }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'PAGE /kejadian/[id]': {
    request: ({ kaltengIncidentId }) => ({ path: `/kejadian/${kaltengIncidentId}` }),
    // Another province's coordinator finds no such incident.
    expected: ({ kaltengIncidentId }) =>
      ({
        ...pageFor(`/kejadian/${kaltengIncidentId}`, [...STAFF, 'leader']).expected,
        otherProvinceCoordinator: 404,
      }) as Expected,
  },
  'PAGE /nasional': pageFor('/nasional', ['admin']),
  'GET /api/command-centre': {
    request: () => ({ path: '/api/command-centre?wilayah=62' }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'GET /api/command-centre/availability': {
    request: () => ({ path: '/api/command-centre/availability?wilayah=62&pillarCode=tagana' }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'SOCKET map:watch': {
    request: () => ({ path: 'map:watch', body: { provinceCode: '62' } }),
    expected: only({}, 200, 401),
  },
  'SOCKET events:since': {
    request: () => ({ path: 'events:since', body: { after: 0 } }),
    expected: only({}, 200, 401),
  },
  // Answers to offers: who may answer which offer is pinned by the verb tests (tests/server/deployments);
  // here, the socket is refused without a session and a signed-in one reaches the verb.
  'SOCKET offer:accept': {
    request: () => ({ path: 'offer:accept', body: { assignmentId: UNKNOWN_ID } }),
    expected: only({}, 404, 401),
  },
  'SOCKET offer:decline': {
    request: () => ({ path: 'offer:decline', body: { assignmentId: UNKNOWN_ID } }),
    expected: only({}, 404, 401),
  },
  'SOCKET assignment:withdraw': {
    request: () => ({ path: 'assignment:withdraw', body: { assignmentId: UNKNOWN_ID } }),
    expected: only({}, 404, 401),
  },
  'SOCKET assignment:undo': {
    request: () => ({ path: 'assignment:undo', body: { assignmentId: UNKNOWN_ID, status: 'en_route' } }),
    expected: only({}, 404, 401),
  },
  'SOCKET checkin:report': {
    request: () => ({ path: 'checkin:report', body: { assignmentId: UNKNOWN_ID, kind: 'safe' } }),
    expected: only({}, 404, 401),
  },
  'SOCKET assignment:report': {
    request: () => ({
      path: 'assignment:report',
      body: { assignmentId: UNKNOWN_ID, from: 'accepted', status: 'en_route' },
    }),
    expected: only({}, 404, 401),
  },
  // Roll calls and messages: called and written by coordinators in the incident's scope, read by its viewers.
  'POST /api/roll-calls': {
    request: ({ kaltengRequestId }) => ({ path: '/api/roll-calls', body: { requestId: kaltengRequestId } }),
    expected: only({ admin: 201, provinceCoordinator: 201 }, 403),
  },
  'GET /api/roll-calls/[id]': {
    request: ({ kaltengRollCallId }) => ({ path: `/api/roll-calls/${kaltengRollCallId}` }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'POST /api/roll-calls/[id]/remind': {
    request: ({ kaltengRollCallId }) => ({ path: `/api/roll-calls/${kaltengRollCallId}/remind`, body: {} }),
    expected: only({ admin: 200, provinceCoordinator: 200 }, 403),
  },
  'POST /api/messages': {
    request: ({ kaltengRequestId }) => ({
      path: '/api/messages',
      body: { to: { requestId: kaltengRequestId }, body: 'Apel sore di posko' },
    }),
    expected: only({ admin: 201, provinceCoordinator: 201 }, 403),
  },
  'GET /api/messages/[id]': {
    request: ({ kaltengMessageId }) => ({ path: `/api/messages/${kaltengMessageId}` }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  // Help between provinces: asked by Kalteng at the province level, answered by Jawa Barat's province (the
  // asks are Kalteng's to Jawa Barat), read by the staff and leaders of both (each sees its own).
  'GET /api/province-asks': {
    request: () => ({ path: '/api/province-asks' }),
    expected: only({ ...STAFF_200, leader: 200 }, 403),
  },
  'POST /api/province-asks': {
    request: ({ own }, who) => ({
      path: '/api/province-asks',
      body: {
        incidentId: own[who].incidentId,
        toProvinceCodes: ['32'],
        slots: 5,
        pillarCodes: ['tagana'],
        deadline: new Date(Date.now() + 6 * 3_600_000).toISOString(),
        meetingPoint: 'Posko Dinsos Kapuas',
      },
    }),
    expected: only({ admin: 201, provinceCoordinator: 201 }, 403),
  },
  'POST /api/province-asks/[id]/accept': {
    request: ({ own }, who) => ({
      path: `/api/province-asks/${own[who].askId}/accept`,
      body: { sourceRegencyCodes: ['32.12'] },
    }),
    expected: only({ admin: 200, otherProvinceCoordinator: 200 }, 403),
  },
  'POST /api/province-asks/[id]/decline': {
    request: ({ own }, who) => ({
      path: `/api/province-asks/${own[who].declineAskId}/decline`,
      body: { reason: 'Relawan kami sedang siaga' },
    }),
    expected: only({ admin: 200, otherProvinceCoordinator: 200 }, 403),
  },
  // Only volunteers answer roll calls and messages (whose own they are is pinned by the verb tests).
  'SOCKET rollcall:answer': {
    request: () => ({
      path: 'rollcall:answer',
      body: { rollCallId: UNKNOWN_ID, answer: 'present', answeredAt: new Date().toISOString() },
    }),
    expected: only({ volunteer: 404 }, 403, 401),
  },
  'SOCKET message:receive': {
    request: () => ({ path: 'message:receive', body: { messageId: UNKNOWN_ID } }),
    expected: only({ volunteer: 404 }, 403, 401),
  },
  'SOCKET message:read': {
    request: () => ({ path: 'message:read', body: { messageId: UNKNOWN_ID } }),
    expected: only({ volunteer: 404 }, 403, 401),
  },
  'SOCKET message:reply': {
    request: () => ({
      path: 'message:reply',
      body: { messageId: UNKNOWN_ID, quickReply: 'ready', repliedAt: new Date().toISOString() },
    }),
    expected: only({ volunteer: 404 }, 403, 401),
  },
  'SOCKET message:send': {
    request: () => ({
      path: 'message:send',
      body: { assignmentId: UNKNOWN_ID, body: 'Perahu bocor', writtenAt: new Date().toISOString() },
    }),
    expected: only({ volunteer: 404 }, 403, 401),
  },
  // The field app: a volunteer's phone subscribes to Web Push, a coordinator's device to late check-ins;
  // turning it off is harmless for anyone signed in.
  'POST /api/push/subscriptions': {
    request: () => ({ path: '/api/push/subscriptions', body: pushSubscription() }),
    expected: only(
      { volunteer: 201, provinceCoordinator: 201, regencyCoordinator: 201, otherProvinceCoordinator: 201 },
      403,
    ),
  },
  'DELETE /api/push/subscriptions': {
    request: () => ({ path: '/api/push/subscriptions', body: { endpoint: pushSubscription().endpoint } }),
    expected: only({}, 200),
  },
  // The server's VAPID public key names nobody; any signed-in browser may read it to subscribe.
  'GET /api/push/key': { request: () => ({ path: '/api/push/key' }), expected: only({}, 200) },
  'GET /pemberitahuan/[path]': { request: () => ({ path: '/pemberitahuan/sw.js' }), expected: everyone(200) },
  // SMS and WhatsApp: the province's channels are its coordinators'; each volunteer chooses for itself. The
  // webhooks name nobody and need no session: a session grants nothing there, and with the default log
  // channel (no gateway configured) every one of them says it is not enabled.
  'PAGE /posko/sms': pageFor('/posko/sms', STAFF),
  'PAGE /posko/bantuan': pageFor('/posko/bantuan', [...STAFF, 'leader']),
  'PAGE /posko/regu': pageFor('/posko/regu', [...STAFF, 'leader']),
  // The province's own settings (the posko's number, the rest after a deployment): its coordinators'.
  'PAGE /posko/pengaturan': pageFor('/posko/pengaturan', STAFF),
  'PUT /api/provinces/[code]/settings': {
    request: () => ({ path: '/api/provinces/62/settings', body: { hotline: '(0536) 322-1100', restHours: 12 } }),
    expected: only({ admin: 200, provinceCoordinator: 200 }, 403),
  },
  'PUT /api/channels/settings': {
    request: () => ({
      path: '/api/channels/settings',
      body: { provinceCode: '62', smsEnabled: true, whatsappEnabled: false, reminderMinutes: 30 },
    }),
    expected: only({ admin: 200, provinceCoordinator: 200 }, 403),
  },
  'PUT /api/channels/preference': {
    request: () => ({ path: '/api/channels/preference', body: { mode: 'fallback' } }),
    expected: only({ volunteer: 200 }, 403),
  },
  'POST /api/channels/sms/inbound': {
    request: () => ({
      path: '/api/channels/sms/inbound',
      body: { id: 'm1', from: '+6281234567890', text: 'STATUS', receivedAt: new Date().toISOString() },
    }),
    expected: everyone(404),
  },
  'POST /api/channels/sms/status': {
    request: () => ({ path: '/api/channels/sms/status', body: { id: 'm1', status: 'delivered' } }),
    expected: everyone(404),
  },
  'POST /api/channels/android-sms-gateway': {
    request: () => ({
      path: '/api/channels/android-sms-gateway',
      body: { id: 'e1', event: 'system:ping', payload: {} },
    }),
    expected: everyone(404),
  },
  'GET /api/channels/whatsapp': {
    request: () => ({ path: '/api/channels/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1' }),
    expected: everyone(404),
  },
  'POST /api/channels/whatsapp': {
    request: () => ({ path: '/api/channels/whatsapp', body: { object: 'whatsapp_business_account', entry: [] } }),
    expected: everyone(404),
  },
  // Trainings: Kalteng's catalogue is read by its staff and leader, changed by its province coordinator and
  // admins; attendance is recorded by coordinators for volunteers of their own scope (Kapuas' for Kapuas).
  'GET /api/trainings': {
    request: () => ({ path: '/api/trainings?provinceCode=62' }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'POST /api/trainings': {
    request: () => ({
      path: '/api/trainings',
      body: {
        provinceCode: '62',
        kind: 'bimtek',
        name: 'Bimtek Uji Matriks',
        organiser: 'Dinas Sosial Provinsi Kalimantan Tengah',
        startsOn: '2026-11-02',
        endsOn: '2026-11-03',
        validMonths: 24,
      },
    }),
    expected: only({ admin: 201, provinceCoordinator: 201 }, 403),
  },
  'GET /api/trainings/[id]': {
    request: ({ kaltengTrainingId }) => ({ path: `/api/trainings/${kaltengTrainingId}` }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'PATCH /api/trainings/[id]': {
    request: ({ kaltengTrainingId }) => ({
      path: `/api/trainings/${kaltengTrainingId}`,
      body: { place: 'Aula Dinas Sosial Provinsi Kalimantan Tengah' },
    }),
    expected: only({ admin: 200, provinceCoordinator: 200 }, 403),
  },
  'POST /api/trainings/[id]/attendance': {
    request: ({ kaltengTrainingId, kapuasVolunteerId }) => ({
      path: `/api/trainings/${kaltengTrainingId}/attendance`,
      body: { volunteerIds: [kapuasVolunteerId], completedOn: new Date().toISOString().slice(0, 10) },
    }),
    expected: only({ admin: 201, provinceCoordinator: 201, regencyCoordinator: 201 }, 403),
  },
  'POST /api/trainings/[id]/attendance/preview': {
    request: ({ kaltengTrainingId, kapuasVolunteerId }) => ({
      path: `/api/trainings/${kaltengTrainingId}/attendance/preview`,
      body: { volunteerIds: [kapuasVolunteerId] },
    }),
    expected: only({ admin: 200, provinceCoordinator: 200, regencyCoordinator: 200 }, 403),
  },
  // Removing someone's completion happens once; which volunteer's a coordinator may remove is pinned by the
  // verb tests (tests/server/trainings). Here: who reaches the verb at all (an unknown volunteer is a 404).
  'DELETE /api/trainings/[id]/attendance/[volunteerId]': {
    request: ({ kaltengTrainingId }) => ({ path: `/api/trainings/${kaltengTrainingId}/attendance/${UNKNOWN_ID}` }),
    expected: only({ admin: 404, provinceCoordinator: 404, regencyCoordinator: 404 }, 403),
  },
  // Regu: read by Kalteng's staff and leader; kept by coordinators in scope (Kapuas' for Kapuas). Changes to
  // an unknown regu show who reaches the verb; what each may change is pinned by tests/server/teams.
  'GET /api/teams': {
    request: () => ({ path: '/api/teams?provinceCode=62' }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'POST /api/teams': {
    request: () => ({
      path: '/api/teams',
      body: { name: `Regu Matriks ${Math.random().toString(36).slice(2, 10)}`, regencyCode: '62.03' },
    }),
    expected: only({ admin: 201, provinceCoordinator: 201, regencyCoordinator: 201 }, 403),
  },
  'PATCH /api/teams/[id]': {
    request: () => ({ path: `/api/teams/${UNKNOWN_ID}`, body: { name: 'Regu Baru' } }),
    expected: only(
      { admin: 404, provinceCoordinator: 404, regencyCoordinator: 404, otherProvinceCoordinator: 404 },
      403,
    ),
  },
  'DELETE /api/teams/[id]': {
    request: () => ({ path: `/api/teams/${UNKNOWN_ID}` }),
    expected: only(
      { admin: 404, provinceCoordinator: 404, regencyCoordinator: 404, otherProvinceCoordinator: 404 },
      403,
    ),
  },
  'POST /api/teams/[id]/members': {
    request: ({ kapuasVolunteerId }) => ({
      path: `/api/teams/${UNKNOWN_ID}/members`,
      body: { volunteerId: kapuasVolunteerId },
    }),
    expected: only(
      { admin: 404, provinceCoordinator: 404, regencyCoordinator: 404, otherProvinceCoordinator: 404 },
      403,
    ),
  },
  'DELETE /api/teams/[id]/members/[volunteerId]': {
    request: ({ kapuasVolunteerId }) => ({ path: `/api/teams/${UNKNOWN_ID}/members/${kapuasVolunteerId}` }),
    expected: only(
      { admin: 404, provinceCoordinator: 404, regencyCoordinator: 404, otherProvinceCoordinator: 404 },
      403,
    ),
  },
  'PAGE /posko/pelatihan': pageFor('/posko/pelatihan', [...STAFF, 'leader']),
  'PAGE /posko/pelatihan/[id]': {
    request: ({ kaltengTrainingId }) => ({ path: `/posko/pelatihan/${kaltengTrainingId}` }),
    // Another province's coordinator finds no such training.
    expected: ({ kaltengTrainingId }) =>
      ({
        ...pageFor(`/posko/pelatihan/${kaltengTrainingId}`, [...STAFF, 'leader']).expected,
        otherProvinceCoordinator: 404,
      }) as Expected,
  },
  // Sign-up by QR: the links are the coordinators' (another province's finds no such link); the form is public.
  'GET /api/signup-links': { request: () => ({ path: '/api/signup-links' }), expected: only(STAFF_200, 403) },
  'POST /api/signup-links': {
    request: () => ({ path: '/api/signup-links', body: kapuasSignupLink() }),
    expected: only({ admin: 201, provinceCoordinator: 201, regencyCoordinator: 201 }, 403),
  },
  'GET /api/signup-links/[id]': {
    request: ({ kapuasSignupLinkId }) => ({ path: `/api/signup-links/${kapuasSignupLinkId}` }),
    expected: only({ ...KAPUAS_DISPATCHERS, otherProvinceCoordinator: 404 }, 403),
  },
  'POST /api/signup-links/[id]/close': {
    request: ({ closingSignupLinkId }) => ({ path: `/api/signup-links/${closingSignupLinkId}/close`, body: {} }),
    expected: only(KAPUAS_DISPATCHERS, 403),
  },
  'POST /api/signup-links/[id]/approve': {
    request: ({ kapuasSignupLinkId }) => ({
      path: `/api/signup-links/${kapuasSignupLinkId}/approve`,
      body: { all: true },
    }),
    expected: only(KAPUAS_DISPATCHERS, 403),
  },
  // Who may reject which sign-up is pinned by the verb tests (tests/server/signups); here, an unknown one.
  'POST /api/signups/[id]/reject': {
    request: () => ({ path: `/api/signups/${UNKNOWN_ID}/reject`, body: {} }),
    expected: only({}, 404),
  },
  'PAGE /daftar/[token]': { request: () => ({ path: '/daftar/bukan-tautan' }), expected: everyone(200) },
  'PAGE /daftar/[token]/terima-kasih': {
    request: () => ({ path: '/daftar/bukan-tautan/terima-kasih' }),
    expected: everyone(200),
  },
  // The form's target: a refused sending goes back to the form (with its message), for everyone alike.
  'POST /daftar/[token]/kirim': {
    request: () => ({ path: '/daftar/bukan-tautan/kirim', body: { name: 'Uji' } }),
    expected: everyone({ to: '/daftar/bukan-tautan' }),
  },
  'PAGE /posko/pendaftaran': pageFor('/posko/pendaftaran', STAFF),
  'PAGE /posko/pendaftaran/[id]': {
    request: ({ kapuasSignupLinkId }) => ({ path: `/posko/pendaftaran/${kapuasSignupLinkId}` }),
    expected: ({ kapuasSignupLinkId }) =>
      ({
        ...pageFor(`/posko/pendaftaran/${kapuasSignupLinkId}`, STAFF).expected,
        otherProvinceCoordinator: 404,
      }) as Expected,
  },
  // The audit trail: coordinators (their scope) and admins; leaders watch the board instead.
  'PAGE /posko/audit': pageFor('/posko/audit', STAFF),
  'GET /api/audit': { request: () => ({ path: '/api/audit?kind=volunteers' }), expected: only(STAFF_200, 403) },
  // Exports: every staff member and leader gets their own scope's rows (leaders' phones masked).
  'GET /api/volunteers/export.xlsx': {
    request: () => ({ path: '/api/volunteers/export.xlsx?regencyCode=62.03' }),
    expected: only({ ...STAFF_200, leader: 200 }, 403),
  },
  'GET /api/volunteers/export.csv': {
    request: () => ({ path: '/api/volunteers/export.csv?regencyCode=62.03' }),
    expected: only({ ...STAFF_200, leader: 200 }, 403),
  },
  // The service worker and the offline shell name nobody: served to everyone.
  'GET /serwist/[path]': { request: () => ({ path: '/serwist/sw.js' }), expected: everyone(200) },
  'PAGE /tugas/luring': { request: () => ({ path: '/tugas/luring' }), expected: everyone(200) },
  // The phone page's plain forms (taps before its scripts run), asked as JSON: only volunteers tap here
  // (an unknown offer is a 404); a browser's urlencoded form goes back to /tugas (tests/e2e/field-offline).
  'POST /tugas/aksi': {
    request: () => ({
      path: '/tugas/aksi',
      body: { action: 'accept', assignmentId: UNKNOWN_ID, idempotencyKey: 'matriks-tugas-aksi' },
    }),
    expected: only({ volunteer: 404 }, 403),
  },
  // The situation: assessments and reports are written by coordinators in the incident's scope and read by
  // the province's staff and leader; a volunteer's assessment from the phone is pinned by the verb tests.
  'POST /api/incidents/[id]/assessments': {
    request: ({ kapuasIncidentId }) => ({
      path: `/api/incidents/${kapuasIncidentId}/assessments`,
      body: { districtCode: '62.03.01', displacedFamilies: 2, displacedPeople: 7 },
    }),
    expected: only({ admin: 201, provinceCoordinator: 201, regencyCoordinator: 201 }, 403),
  },
  'POST /api/assessments/[id]/verify': {
    request: ({ situation }, who) => ({
      path: `/api/assessments/${situation.assessmentIds[who]}/verify`,
      body: { verified: true },
    }),
    expected: only(KAPUAS_DISPATCHERS, 403),
  },
  // Photos: the volunteer who sent the assessment (pinned by the verb tests) or a coordinator in scope adds
  // them; the province's staff and leader read them.
  'POST /api/assessments/[id]/photos': {
    request: ({ situation }, who) => ({
      path: `/api/assessments/${situation.assessmentIds[who]}/photos`,
      body: TINY_JPEG,
    }),
    expected: only({ admin: 201, provinceCoordinator: 201, regencyCoordinator: 201 }, 403),
  },
  'GET /api/assessments/[id]/photos/[n]': {
    request: ({ situation }) => ({ path: `/api/assessments/${situation.photoAssessmentId}/photos/1` }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'GET /api/incidents/[id]/figures': {
    request: ({ kaltengIncidentId }) => ({ path: `/api/incidents/${kaltengIncidentId}/figures` }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'GET /api/incidents/[id]/sitreps': {
    request: ({ kaltengIncidentId }) => ({ path: `/api/incidents/${kaltengIncidentId}/sitreps` }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'POST /api/incidents/[id]/sitreps': {
    request: ({ kapuasIncidentId }) => ({ path: `/api/incidents/${kapuasIncidentId}/sitreps`, body: {} }),
    expected: only({ admin: 201, provinceCoordinator: 201, regencyCoordinator: 201 }, 403),
  },
  'GET /api/sitreps/[id]': {
    request: ({ situation }) => ({ path: `/api/sitreps/${situation.sitrepId}` }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'GET /api/sitreps/[id]/text': {
    request: ({ situation }) => ({ path: `/api/sitreps/${situation.sitrepId}/text` }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'GET /api/sitreps/[id]/pdf': {
    request: ({ situation }) => ({ path: `/api/sitreps/${situation.sitrepId}/pdf` }),
    expected: only(KALTENG_VIEWERS, 403),
  },
  'PAGE /kejadian/[id]/laporan/[number]': {
    request: ({ kapuasIncidentId }) => ({ path: `/kejadian/${kapuasIncidentId}/laporan/1` }),
    expected: ({ kapuasIncidentId }) =>
      ({
        ...pageFor(`/kejadian/${kapuasIncidentId}/laporan/1`, [...STAFF, 'leader']).expected,
        otherProvinceCoordinator: 404,
      }) as Expected,
  },
  'SOCKET assessment:submit': {
    request: () => ({ path: 'assessment:submit', body: { incidentId: UNKNOWN_ID, districtCode: '62.03.01' } }),
    expected: only({}, 404, 401),
  },
  // No POSKO_METRICS_TOKEN on this server: the endpoint is off for every session (with a token, only the
  // bearer token opens it: tests/e2e/logs.test.ts).
  'GET /api/metrics': { request: () => ({ path: '/api/metrics' }), expected: everyone(404) },
  // The API's own description names nobody: open to everyone. API tokens are admins' to hand out; what a
  // token may do has its own matrix (tests/e2e/api-tokens.test.ts).
  'GET /api/openapi.json': { request: () => ({ path: '/api/openapi.json' }), expected: everyone(200) },
  'GET /api/api-tokens': { request: () => ({ path: '/api/api-tokens' }), expected: only({ admin: 200 }, 403) },
  'POST /api/api-tokens': {
    request: () => ({
      path: '/api/api-tokens',
      body: {
        name: 'BPBD Matriks',
        provinceCode: '62',
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    }),
    expected: only({ admin: 201 }, 403),
  },
  'POST /api/api-tokens/[id]/revoke': {
    request: () => ({ path: `/api/api-tokens/${UNKNOWN_ID}/revoke`, body: {} }),
    expected: only({ admin: 404 }, 403),
  },
  'PAGE /admin/token-api': pageFor('/admin/token-api', ['admin']),
};

/** An upload of a one-row Kapuas roster in CSV, for Kalteng (a new phone each time). */
function importForm(): FormData {
  const phone = `0859${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const form = new FormData();
  form.set('file', new Blob([`Nama,No HP,Pilar,Kabupaten\nUji Impor,${phone},Tagana,Kapuas\n`]), 'relawan.csv');
  form.set('provinceCode', '62');
  return form;
}

/** A browser's push subscription at FCM, with a real P-256 key (nothing is sent to it during the matrix). */
function pushSubscription() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint: 'https://fcm.googleapis.com/fcm/send/posko-matrix',
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}

/** A sign-up link for a camp in Kapuas, open for a day. */
function kapuasSignupLink() {
  return {
    title: 'Kemah Tagana Kapuas',
    provinceCode: '62',
    regencyCode: '62.03',
    pillarCode: 'tagana',
    validUntil: new Date(Date.now() + 24 * 3_600_000).toISOString(),
  };
}

/** A request for Kapuas' own Tagana volunteers, answerable for three hours. */
function kapuasRequest(incidentId: string, slots: number) {
  return {
    incidentId,
    slots,
    pillarCodes: ['tagana'],
    sourceRegencyCodes: ['62.03'],
    meetingPoint: 'Kantor Dinas Sosial Kabupaten Kapuas',
    deadline: new Date(Date.now() + 3 * 3_600_000).toISOString(),
  };
}

let posko: PoskoProcess;
const cookies = {} as Record<Who, string>;
const logins = {} as Record<Exclude<Who, 'signedOut'>, string>;
let fixtures: Fixtures;
const sockets: TestClient[] = [];

const signInAs = (login: string) => signInDemo(posko.url, login);

async function call(who: Who, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${posko.url}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(cookies[who] ? { cookie: cookies[who] } : {}),
      ...(body === undefined || body instanceof FormData || body instanceof Blob
        ? {}
        : { 'content-type': 'application/json' }),
    },
    body:
      body === undefined ? undefined : body instanceof FormData || body instanceof Blob ? body : JSON.stringify(body),
  });
}

async function outcomeOf(response: Response): Promise<Outcome> {
  if (response.status >= 300 && response.status < 400) {
    const location = new URL(response.headers.get('location')!, posko.url);
    return { to: `${location.pathname}${location.search}` };
  }
  return response.status;
}

async function socketOutcome(who: Who, command: string, input: unknown): Promise<Outcome> {
  const client = openClient(posko.url, { cookie: cookies[who] || undefined });
  sockets.push(client);
  const connected = await new Promise<boolean>((resolve) => {
    client.once('connect', () => resolve(true));
    client.once('connect_error', () => resolve(false));
  });
  if (!connected) return 401;
  const ack = (await client
    .timeout(5_000)
    .emitWithAck(command as (typeof SOCKET_COMMANDS)[number], input as never)) as Ack<unknown>;
  client.disconnect();
  if (ack.ok) return 200;
  return { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, INVALID: 400 }[ack.code as string] ?? 500;
}

beforeAll(async () => {
  posko = await startPoskoProcess();
  const output = posko.output();
  const volunteerLogin = /Relawan\s+(0\d+)\s+.*Tagana Kapuas \(ketua regu\)/.exec(output)?.[1];
  expect(volunteerLogin, 'the demo prints a volunteer account').toBeDefined();
  Object.assign(logins, {
    admin: 'admin',
    provinceCoordinator: 'koord.kalteng',
    regencyCoordinator: 'koord.kapuas',
    otherProvinceCoordinator: 'koord.jabar',
    leader: 'pimpinan.kalteng',
    volunteer: volunteerLogin!,
  });
  for (const [who, login] of Object.entries(logins)) cookies[who as Who] = await signInAs(login);
  cookies.signedOut = '';

  // A Kapuas volunteer who is none of the people above, given an account by the admin.
  const roster = (await (await call('admin', 'GET', '/api/volunteers?regencyCode=62.03&pageSize=50')).json()) as {
    rows: { id: string; account: string; userId: string | null }[];
  };
  const target = roster.rows.find((row) => row.account === 'none')!;
  expect((await call('admin', 'POST', '/api/activations', { volunteerIds: [target.id] })).status).toBe(201);
  const again = (await (await call('admin', 'GET', '/api/volunteers?regencyCode=62.03&pageSize=50')).json()) as {
    rows: { id: string; userId: string | null }[];
  };

  // Incidents and requests, made through the API as a coordinator would.
  const json = async <T>(response: Promise<Response>, status = 200): Promise<T> => {
    const answer = await response;
    expect(answer.status).toBe(status);
    return (await answer.json()) as T;
  };
  const kalteng = await json<{ id: string; regencyCode: string }[]>(
    call('admin', 'GET', '/api/incidents?provinceCode=62'),
  );
  const karhutla = kalteng.find((incident) => incident.regencyCode === '62.11')!;
  const { requests } = await json<{ requests: { id: string }[] }>(
    call('admin', 'GET', `/api/incidents/${karhutla.id}`),
  );
  const newKapuasIncident = async () =>
    (
      await json<{ id: string }>(
        call('admin', 'POST', '/api/incidents', { type: 'flood', severity: 3, regencyCode: '62.03' }),
        201,
      )
    ).id;
  const newKapuasRequest = async (incidentId: string, slots: number) =>
    (
      await json<{ request: { id: string } }>(
        call('admin', 'POST', '/api/requests', kapuasRequest(incidentId, slots)),
        201,
      )
    ).request.id;
  const newAsk = async (incidentId: string) =>
    (
      await json<{ asks: { id: string }[] }>(
        call('admin', 'POST', '/api/province-asks', {
          incidentId,
          toProvinceCodes: ['32'],
          slots: 2,
          pillarCodes: ['tagana'],
          deadline: new Date(Date.now() + 12 * 3_600_000).toISOString(),
          meetingPoint: 'Posko Dinsos Kapuas',
        }),
        201,
      )
    ).asks[0]!.id;
  const kapuasIncidentId = await newKapuasIncident();
  const kapuasRequestId = await newKapuasRequest(kapuasIncidentId, 3);
  const offers = await json<{ volunteers: { assignmentId: string }[] }>(
    call('admin', 'GET', `/api/requests/${kapuasRequestId}`),
  );
  const own = {} as Fixtures['own'];
  for (const [index, who] of WHO.entries()) {
    own[who] = {
      incidentId: await newKapuasIncident(),
      requestId: await newKapuasRequest(kapuasIncidentId, 1),
      assignmentId: offers.volunteers[index]!.assignmentId,
      volunteerId: '',
      retiredVolunteerId: '',
      askId: await newAsk(await newKapuasIncident()),
      declineAskId: await newAsk(await newKapuasIncident()),
    };
  }
  // Volunteers to retire and to reinstate, added after every request so no offer keeps them in service.
  const newKapuasVolunteer = async () =>
    (await json<{ id: string }>(call('admin', 'POST', '/api/volunteers', newVolunteer()), 201)).id;
  for (const who of WHO) {
    own[who].volunteerId = await newKapuasVolunteer();
    own[who].retiredVolunteerId = await newKapuasVolunteer();
    await json(
      call('admin', 'POST', `/api/volunteers/${own[who].retiredVolunteerId}/retire`, { reason: 'Cuti panjang' }),
    );
    own[who].erasableVolunteerId = await newKapuasVolunteer();
  }
  const catalogue = await json<{ trainings: { id: string; kind: string }[] }>(
    call('admin', 'GET', '/api/trainings?provinceCode=62'),
  );
  const kapuasImport = await json<{ id: string }>(
    call('regencyCoordinator', 'POST', '/api/volunteer-imports', importForm()),
    201,
  );
  const newSignupLink = async () =>
    (await json<{ link: { id: string } }>(call('admin', 'POST', '/api/signup-links', kapuasSignupLink()), 201)).link.id;
  const assessmentIds = {} as Record<Who, string>;
  for (const who of WHO) {
    assessmentIds[who] = (
      await json<{ id: string }>(
        call('admin', 'POST', `/api/incidents/${kapuasIncidentId}/assessments`, { districtCode: '62.03.01', dead: 1 }),
        201,
      )
    ).id;
  }
  const photoAssessmentId = (
    await json<{ id: string }>(
      call('admin', 'POST', `/api/incidents/${kapuasIncidentId}/assessments`, { districtCode: '62.03.01', dead: 1 }),
      201,
    )
  ).id;
  await json(call('admin', 'POST', `/api/assessments/${photoAssessmentId}/photos`, TINY_JPEG), 201);
  const situation = {
    sitrepId: (await json<{ id: string }>(call('admin', 'POST', `/api/incidents/${kapuasIncidentId}/sitreps`, {}), 201))
      .id,
    assessmentIds,
    photoAssessmentId,
  };
  const rollCall = await json<{ id: string }>(
    call('admin', 'POST', '/api/roll-calls', { requestId: requests[0]!.id }),
    201,
  );
  const message = await json<{ id: string }>(
    call('admin', 'POST', '/api/messages', { to: { requestId: requests[0]!.id }, body: 'Cek perlengkapan' }),
    201,
  );
  fixtures = {
    situation,
    kaltengRollCallId: rollCall.id,
    kaltengMessageId: message.id,
    kaltengTrainingId: catalogue.trainings.find((training) => training.kind === 'latsar')!.id,
    kapuasImportId: kapuasImport.id,
    kapuasSignupLinkId: await newSignupLink(),
    closingSignupLinkId: await newSignupLink(),
    kapuasVolunteerId: target.id,
    kapuasVolunteerUserId: again.rows.find((r) => r.id === target.id)!.userId!,
    kaltengIncidentId: karhutla.id,
    kaltengRequestId: requests[0]!.id,
    kapuasIncidentId,
    kapuasRequestId,
    own,
  };
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await posko?.stop();
});

describe('the authorization matrix', () => {
  it('has an entry for every route, page and socket command the app has', () => {
    const entryPoints = [...discoverEntryPoints(), ...SOCKET_COMMANDS.map((command) => `SOCKET ${command}`)].sort();
    expect(Object.keys(MATRIX).sort()).toEqual(entryPoints);
  });

  // Signing out ends the session the other checks use, so those two go last.
  const last = new Set(['POST /api/auth/sign-out', 'POST /api/auth/sign-out-everywhere']);
  const ordered = [
    ...Object.keys(MATRIX).filter((key) => !last.has(key)),
    'POST /api/auth/sign-out',
    'POST /api/auth/sign-out-everywhere',
  ];
  for (const key of ordered) {
    it(`answers ${key} as expected for every role and scope`, async () => {
      const check = MATRIX[key]!;
      const [kind] = key.split(' ') as [string];
      const answers = {} as Record<Who, Outcome>;
      for (const who of WHO) {
        const { path, body } = check.request(fixtures, who);
        if (kind === 'SOCKET') answers[who] = await socketOutcome(who, path, body);
        else {
          // Signing out: a session of its own, so the next role's checks keep theirs.
          if (last.has(key) && who !== 'signedOut') cookies[who] = await signInAs(logins[who]);
          answers[who] = await outcomeOf(await call(who, kind === 'PAGE' ? 'GET' : kind, path, body));
        }
      }
      expect(answers).toEqual(typeof check.expected === 'function' ? check.expected(fixtures) : check.expected);
    });
  }
});
