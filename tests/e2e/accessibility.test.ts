import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo } from '../support/accounts';
import { seriousAxeFindings } from '../support/axe';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { discoverEntryPoints } from '../support/routes';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

/**
 * Every page, as the person it is for, on a desktop and on a 360 px phone: axe-core finds no serious or
 * critical WCAG 2.1 AA problem. A page without an entry here fails the first test.
 */
type Login = 'admin' | 'koord.kalteng' | 'pimpinan.kalteng' | 'volunteer' | null;

interface Fixtures {
  incidentId: string;
  signupLinkId: string;
  signupToken: string;
  activationToken: string;
  volunteerId: string;
  /** The demo's Latsar RPSM of Kalteng, with its attendees. */
  trainingId: string;
}

const PAGES: Record<string, { as: Login; path: (fixtures: Fixtures) => string }> = {
  'PAGE /': { as: null, path: () => '/' },
  'PAGE /admin': { as: 'admin', path: () => '/admin' },
  'PAGE /aktivasi/[token]': { as: null, path: ({ activationToken }) => `/aktivasi/${activationToken}` },
  'PAGE /kejadian': { as: 'koord.kalteng', path: () => '/kejadian' },
  'PAGE /kejadian/[id]': { as: 'koord.kalteng', path: ({ incidentId }) => `/kejadian/${incidentId}` },
  'PAGE /masuk': { as: null, path: () => '/masuk' },
  'PAGE /nasional': { as: 'admin', path: () => '/nasional' },
  'PAGE /pantau': { as: 'pimpinan.kalteng', path: () => '/pantau' },
  'PAGE /posko': { as: 'koord.kalteng', path: () => '/posko' },
  'PAGE /posko/kesiapan': { as: 'koord.kalteng', path: () => '/posko/kesiapan' },
  'PAGE /posko/sms': { as: 'koord.kalteng', path: () => '/posko/sms' },
  'PAGE /posko/bantuan': { as: 'koord.kalteng', path: () => '/posko/bantuan' },
  'PAGE /posko/regu': { as: 'koord.kalteng', path: () => '/posko/regu' },
  'PAGE /posko/pengaturan': { as: 'koord.kalteng', path: () => '/posko/pengaturan' },
  'PAGE /posko/relawan': { as: 'koord.kalteng', path: () => '/posko/relawan' },
  'PAGE /posko/relawan/impor': { as: 'koord.kalteng', path: () => '/posko/relawan/impor' },
  'PAGE /posko/relawan/[id]': { as: 'koord.kalteng', path: ({ volunteerId }) => `/posko/relawan/${volunteerId}` },
  'PAGE /posko/relawan/[id]/ubah': {
    as: 'koord.kalteng',
    path: ({ volunteerId }) => `/posko/relawan/${volunteerId}/ubah`,
  },
  'PAGE /posko/relawan/baru': { as: 'koord.kalteng', path: () => '/posko/relawan/baru' },
  'PAGE /posko/pelatihan': { as: 'koord.kalteng', path: () => '/posko/pelatihan' },
  'PAGE /posko/pelatihan/[id]': { as: 'koord.kalteng', path: ({ trainingId }) => `/posko/pelatihan/${trainingId}` },
  'PAGE /provinsi/[code]': { as: 'admin', path: () => '/provinsi/62' },
  'PAGE /tugas': { as: 'volunteer', path: () => '/tugas' },
  'PAGE /daftar/[token]': { as: null, path: ({ signupToken }) => `/daftar/${signupToken}` },
  'PAGE /daftar/[token]/terima-kasih': { as: null, path: ({ signupToken }) => `/daftar/${signupToken}/terima-kasih` },
  'PAGE /posko/pendaftaran': { as: 'koord.kalteng', path: () => '/posko/pendaftaran' },
  'PAGE /posko/pendaftaran/[id]': {
    as: 'koord.kalteng',
    path: ({ signupLinkId }) => `/posko/pendaftaran/${signupLinkId}`,
  },
  'PAGE /posko/audit': { as: 'koord.kalteng', path: () => '/posko/audit' },
  'PAGE /tugas/luring': { as: 'volunteer', path: () => '/tugas/luring' },
  'PAGE /kejadian/[id]/laporan/[number]': {
    as: 'koord.kalteng',
    path: ({ incidentId }) => `/kejadian/${incidentId}/laporan/1`,
  },
  // The volunteer sees the notice with their own data; signed out it is the notice alone.
  'PAGE /privasi': { as: 'volunteer', path: () => '/privasi' },
  'PAGE /admin/token-api': { as: 'admin', path: () => '/admin/token-api' },
};

let posko: PoskoProcess;
let browser: Browser;
let fixtures: Fixtures;
const cookies = new Map<Login, string>();

async function api<T>(cookie: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${posko.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${path} answered ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

beforeAll(async () => {
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
  const volunteerLogin = /Relawan\s+(0\d+)\s+.*Tagana Kapuas \(ketua regu\)/.exec(posko.output())?.[1];
  expect(volunteerLogin, 'the demo prints a volunteer account').toBeDefined();
  for (const login of ['admin', 'koord.kalteng', 'pimpinan.kalteng'] as const) {
    cookies.set(login, await signInDemo(posko.url, login));
  }
  cookies.set('volunteer', await signInDemo(posko.url, volunteerLogin!));

  // The demo's karhutla in Pulang Pisau has a request with answers: the busiest incident page there is.
  const admin = cookies.get('admin')!;
  const incidents = await api<{ id: string; regencyCode: string }[]>(admin, '/api/incidents?provinceCode=62');
  const incidentId = incidents.find((incident) => incident.regencyCode === '62.11')!.id;
  const roster = await api<{ rows: { id: string; account: string }[] }>(
    admin,
    '/api/volunteers?regencyCode=62.03&pageSize=50',
  );
  const { links } = await api<{ links: { token: string }[] }>(admin, '/api/activations', {
    volunteerIds: [roster.rows.find((row) => row.account === 'none')!.id],
  });
  const catalogue = await api<{ trainings: { id: string; kind: string }[] }>(admin, '/api/trainings?provinceCode=62');
  // A sign-up link with one waiting sign-up, so the coordinator's page shows its table.
  const signup = await api<{ link: { id: string; token: string } }>(
    cookies.get('koord.kalteng')!,
    '/api/signup-links',
    {
      title: 'Kemah Relawan Kalteng',
      provinceCode: '62',
      regencyCode: null,
      pillarCode: 'tagana',
      validUntil: new Date(Date.now() + 24 * 3_600_000).toISOString(),
    },
  );
  const districts = await fetch(`${posko.url}/daftar/${signup.link.token}`).then((response) => response.text());
  const districtCode = /<option value="(62\.03\.\d+)"/.exec(districts)![1]!;
  const sent = await fetch(`${posko.url}/daftar/${signup.link.token}/kirim`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      name: 'Sari Dewi',
      phone: '0899-1111-2222',
      regencyCode: '62.03',
      districtCode,
      consent: 'yes',
    }),
  });
  expect(sent.status).toBe(201);
  // The karhutla's situation: two assessments (one verified) and Laporan Situasi No. 1, so the figures
  // panel, its table and chart, and the printed report are all checked.
  const coordinator = cookies.get('koord.kalteng')!;
  const first = await api<{ id: string }>(coordinator, `/api/incidents/${incidentId}/assessments`, {
    districtCode: '62.11.01',
    displacedFamilies: 12,
    displacedPeople: 40,
    vulnerable: { infants: 4, elderly: 3, pregnant: 1, disabled: 1 },
    urgentNeeds: [{ item: 'Masker', quantity: 500 }],
  });
  await api(coordinator, `/api/assessments/${first.id}/verify`, { verified: true });
  await api(coordinator, `/api/incidents/${incidentId}/assessments`, { districtCode: '62.11.02', injuredLight: 3 });
  await api(coordinator, `/api/incidents/${incidentId}/sitreps`, {
    cause: 'Pembakaran lahan gambut',
    aid: [{ item: 'Masker N95', needed: 2000, received: 800, distributed: 650, inStock: 150 }],
  });
  fixtures = {
    incidentId,
    activationToken: links[0]!.token,
    volunteerId: roster.rows[0]!.id,
    trainingId: catalogue.trainings.find((training) => training.kind === 'latsar')!.id,
    signupLinkId: signup.link.id,
    signupToken: signup.link.token,
  };
});

afterAll(async () => {
  await browser?.close();
  await posko?.stop();
});

describe('accessibility', () => {
  it('covers every page', () => {
    const pages = discoverEntryPoints().filter((entry) => entry.startsWith('PAGE '));
    expect(pages.filter((page) => !(page in PAGES))).toEqual([]);
  });

  for (const [viewportName, viewport] of [
    ['desktop', DESKTOP_VIEWPORT],
    ['phone', PHONE_VIEWPORT],
  ] as const) {
    for (const [entry, { as, path }] of Object.entries(PAGES)) {
      it(`finds no serious or critical problem on ${entry.slice(5)} (${viewportName})`, async () => {
        const context = await browser.newContext({ viewport });
        try {
          if (as) {
            const [name, value] = cookies.get(as)!.split('=') as [string, string];
            await context.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
          }
          const page = await context.newPage();
          await page.goto(`${posko.url}${path(fixtures)}`);
          await page.locator('main').first().waitFor();
          await page.waitForLoadState('networkidle');
          expect(await seriousAxeFindings(page)).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
