import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo } from '../support/accounts';
import { seriousAxeFindings } from '../support/axe';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { connectClient, type TestClient } from '../support/realtime';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

/**
 * The incident pages and the way in, in both languages: Bahasa Indonesia by default, English from the
 * user menu (or from the sign-in page before signing in) and back; times in the province's zone; and no
 * serious or critical axe finding on any of these pages, on a desktop and on a 360 px phone.
 */
const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts');
const SIZES = [
  ['desktop', DESKTOP_VIEWPORT],
  ['phone', PHONE_VIEWPORT],
] as const;

let posko: PoskoProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sockets: TestClient[] = [];

/** A Kapuas flood with one request for two Tagana members: one accepted and left, one declined. */
const state = { incidentPath: '', requestId: '', leaderAssignmentId: '', activationPath: '' };
let leaderPhone: TestClient;

interface Offer {
  assignment: { id: string; status: string };
  request: { id: string };
}

async function api<T>(cookie: string, method: string, where: string, body?: unknown): Promise<T> {
  const response = await fetch(`${posko.url}${where}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${where} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** The volunteer's phone: its socket and its offer on the request. */
async function phoneWithOffer(login: string): Promise<{ phone: TestClient; assignmentId: string }> {
  const cookie = await signInDemo(posko.url, login);
  const phone = await connectClient(posko.url, { cookie });
  sockets.push(phone);
  const offers = await api<Offer[]>(cookie, 'GET', '/api/assignments');
  const offer = offers.find((item) => item.request.id === state.requestId);
  expect(offer?.assignment.status).toBe('offered');
  return { phone, assignmentId: offer!.assignment.id };
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
  const output = posko.output();
  const teamLeader = /Relawan\s+(0\d+)\s+.*Tagana Kapuas \(ketua regu\)/.exec(output)![1]!;
  const member = /Relawan\s+(0\d+)\s+.*Tagana Kapuas\n/.exec(output)![1]!;

  const coordinator = await signInDemo(posko.url, 'koord.kalteng');
  const incident = await api<{ id: string }>(coordinator, 'POST', '/api/incidents', {
    type: 'flood',
    severity: 4,
    regencyCode: '62.03',
    title: 'Banjir Kapuas Hilir, uji bahasa',
    description: 'Air setinggi 80 cm di 1.394 rumah.',
    needs: 'Perahu karet dan dapur umum.',
    occurredAt: '2026-11-22T14:05:00+07:00',
  });
  state.incidentPath = `/kejadian/${incident.id}`;
  const created = await api<{ request: { id: string } }>(coordinator, 'POST', '/api/requests', {
    incidentId: incident.id,
    slots: 2,
    pillarCodes: ['tagana'],
    sourceRegencyCodes: ['62.03'],
    meetingPoint: 'Halaman Kantor Dinas Sosial Kapuas',
    deadline: new Date(Date.now() + 3 * 3_600_000).toISOString(),
  });
  state.requestId = created.request.id;

  // The answers: the team leader accepts and sets off; the member declines with a reason.
  const leader = await phoneWithOffer(teamLeader);
  leaderPhone = leader.phone;
  state.leaderAssignmentId = leader.assignmentId;
  expect(
    (await leaderPhone.emitWithAck('offer:accept', { assignmentId: leader.assignmentId, idempotencyKey: 'l-1' })).ok,
  ).toBe(true);
  expect(
    (
      await leaderPhone.emitWithAck('assignment:report', {
        assignmentId: leader.assignmentId,
        from: 'accepted',
        status: 'en_route',
        idempotencyKey: 'l-2',
      })
    ).ok,
  ).toBe(true);
  const declining = await phoneWithOffer(member);
  expect(
    (
      await declining.phone.emitWithAck('offer:decline', {
        assignmentId: declining.assignmentId,
        reason: 'sedang sakit',
        idempotencyKey: 'm-1',
      })
    ).ok,
  ).toBe(true);

  // A one-time link for a Kapuas volunteer without an account, as the roster page issues it.
  const roster = await api<{ rows: { id: string; account: string }[] }>(
    coordinator,
    'GET',
    '/api/volunteers?regencyCode=62.03&pageSize=50',
  );
  const target = roster.rows.find((row) => row.account === 'none')!;
  const issued = await api<{ links: { url: string }[] }>(coordinator, 'POST', '/api/activations', {
    volunteerIds: [target.id],
  });
  state.activationPath = new URL(issued.links[0]!.url).pathname;
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  for (const context of contexts) await context.close();
  await browser?.close();
  await posko?.stop();
});

async function newPage(viewport: { width: number; height: number }, login?: string): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  if (login) {
    const [name, value] = (await signInDemo(posko.url, login)).split('=') as [string, string];
    await context.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
  }
  return context.newPage();
}

const heading = (page: Page) => page.locator('h1').first().textContent();
const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent())?.trim();
const leaderRow = (page: Page) =>
  page.locator(`[data-testid="assignment-row"][data-assignment-id="${state.leaderAssignmentId}"]`);
const declinedRow = (page: Page) => page.locator('[data-testid="assignment-row"][data-status="declined"]');

/**
 * Controls on the page's main part shorter than 44 px (a thumb's width), as "tag text (height)"; links
 * inside a sentence are exempt, as WCAG exempts inline targets.
 */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'main :is(button, select, input, textarea, summary, a[href], label.check, label.source)',
      ),
    ]
      .filter((element) => !element.closest('p, dd, .volunteer-who span, .leaflet-container'))
      .filter((element) => !(element instanceof HTMLInputElement && ['checkbox', 'radio'].includes(element.type)))
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0 && box.height < 44)
      .map(
        ({ element, box }) =>
          `${element.tagName.toLowerCase()} ${element.textContent!.trim().slice(0, 30)} (${box.height})`,
      ),
  );
}

/** The language buttons of the user menu: open the menu, press one, and wait for the page to speak it. */
async function chooseInMenu(page: Page, option: 'ID' | 'EN', lang: 'id' | 'en'): Promise<void> {
  await page.locator('.user-menu summary').click();
  await page.locator('.user-menu').getByRole('button', { name: option, exact: true }).click();
  // The page renders again on the server in the new language: a full render, not a local change.
  await expect.poll(() => page.locator('html').getAttribute('lang'), { timeout: 10_000 }).toBe(lang);
  await page.locator('.user-menu summary').click();
}

describe('the incident pages in two languages', () => {
  it('lets a signed-out visitor read the sign-in page in English, sign in in English, and come back', async () => {
    const page = await newPage(PHONE_VIEWPORT);
    await page.goto(`${posko.url}/masuk`);
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    expect(await page.getByRole('button', { name: 'Masuk' }).count()).toBe(1);
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang'), { timeout: 10_000 }).toBe('en');
    await page.getByLabel('Phone number or username').waitFor();
    // The title comes with the page's metadata, which Next sends after the page itself.
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe('Sign in · Posko');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sign-in-english-phone.png') });

    // The choice stays on this device: the next page is in English too.
    await page.getByLabel('Phone number or username').fill('koord.kalteng');
    await page.getByLabel('Password').fill('siaga-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/posko');
    await page.goto(`${posko.url}/kejadian`);
    expect(await heading(page)).toBe('Incidents');
    await chooseInMenu(page, 'ID', 'id');
    expect(await heading(page)).toBe('Kejadian');

    // Signed out again, the sign-in page speaks Indonesian, as chosen last.
    await page.context().clearCookies({ name: 'posko_session' });
    await page.goto(`${posko.url}/masuk`);
    await page.getByLabel('Nomor HP atau nama pengguna').waitFor();
    expect(await page.getByRole('button', { name: 'ID', exact: true }).getAttribute('aria-pressed')).toBe('true');
  });

  it('switches a coordinator to English in the user menu and back, on the list and on the incident, live', async () => {
    const page = await newPage(DESKTOP_VIEWPORT, 'koord.kalteng');
    // The server and Chromium format dates and numbers each with their own ICU: they must agree, or React
    // reports a hydration mismatch here.
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${posko.url}/kejadian`);
    await page.getByTestId('connection').getByText('Terhubung').waitFor();
    const row = page.getByTestId('incident-row').filter({ hasText: 'uji bahasa' });
    expect(await heading(page)).toBe('Kejadian');
    expect(await row.locator('.severity-badge').textContent()).toBe('Tingkat 4 · Sangat tinggi');
    expect(await row.getByTestId('incident-phase').textContent()).toBe('Dilaporkan');
    expect(await row.getByTestId('incident-requests').textContent()).toBe('1/2 relawan · 1 permintaan berjalan');
    // 14.05 WIB in Indonesian, with a point between the hours and the minutes.
    expect(await row.locator('.incident-meta').textContent()).toContain('22 Nov 14.05 WIB');

    await chooseInMenu(page, 'EN', 'en');
    expect(await heading(page)).toBe('Incidents');
    expect(await page.locator('.subtitle').first().textContent()).toBe('Kalimantan Tengah Province');
    expect(await row.locator('.severity-badge').textContent()).toBe('Level 4 · Very high');
    expect(await row.getByTestId('incident-phase').textContent()).toBe('Reported');
    expect(await row.getByTestId('incident-requests').textContent()).toBe('1/2 volunteers · 1 request running');
    expect(await row.locator('.incident-meta').textContent()).toContain('22 Nov 14:05 WIB');
    expect(await page.getByRole('button', { name: 'Register an incident' }).count()).toBe(1);
    expect(await page.getByTestId('connection').textContent()).toBe('Connected');

    await row.locator('a.incident-title').click();
    await page.waitForURL((url) => url.pathname === state.incidentPath);
    await page.getByTestId('connection').getByText('Connected').waitFor();
    expect(await heading(page)).toBe('Incidents');
    expect(await page.title()).toBe('Incidents · Posko');
    expect(await text(page, 'incident-phase')).toBe('Reported');
    expect(await page.locator('.incident-card .severity-badge').textContent()).toBe('Level 4 · Very high');
    const card = page.locator(`[data-testid="request-card"][data-request-id="${state.requestId}"]`);
    expect(await card.locator('h3').first().textContent()).toBe('Request 1: 2 Tagana volunteers');
    expect(await card.getByTestId('request-status').textContent()).toBe('Open');
    expect(await card.locator('.progress-figure').textContent()).toBe('1/2 volunteers accepted');
    expect(await leaderRow(page).getByTestId('assignment-status').textContent()).toBe('On the way');
    await card.getByText(/^Not taking part or stopped \(1\)$/).click();
    expect(await declinedRow(page).getByTestId('assignment-status').textContent()).toBe('Declined');
    const timeline = page.getByTestId('timeline');
    expect(await timeline.textContent()).toContain('accepted (1/2).');
    expect(await timeline.textContent()).toContain('declined (reason: sedang sakit).');
    expect(await timeline.textContent()).toContain('2 Tagana volunteers requested from Kabupaten Kapuas');

    // News arriving in English: the team leader reaches the site, and the page says so without a reload.
    expect(
      (
        await leaderPhone.emitWithAck('assignment:report', {
          assignmentId: state.leaderAssignmentId,
          from: 'en_route',
          status: 'on_site',
          idempotencyKey: 'l-3',
        })
      ).ok,
    ).toBe(true);
    await expect
      .poll(() => leaderRow(page).getByTestId('assignment-status').textContent(), { timeout: 3_000 })
      .toBe('Arrived on site');
    await expect.poll(() => timeline.textContent()).toContain('arrived on site.');

    for (const [size, viewport] of SIZES) {
      await page.setViewportSize(viewport);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOTS, `incident-detail-english-${size}.png`) });
      await page.screenshot({
        path: path.join(SCREENSHOTS, `incident-detail-english-${size}-full.png`),
        fullPage: true,
      });
    }
    await page.setViewportSize(DESKTOP_VIEWPORT);

    // And back: the same incident in Indonesian.
    await chooseInMenu(page, 'ID', 'id');
    expect(await heading(page)).toBe('Kejadian');
    expect(await text(page, 'incident-phase')).toBe('Dilaporkan');
    expect(await page.locator('.incident-card .severity-badge').textContent()).toBe('Tingkat 4 · Sangat tinggi');
    expect(await card.locator('h3').first().textContent()).toBe('Permintaan 1: 2 relawan Tagana');
    expect(await card.getByTestId('request-status').textContent()).toBe('Terbuka');
    expect(await leaderRow(page).getByTestId('assignment-status').textContent()).toBe('Tiba di lokasi');
    expect(await declinedRow(page).getByTestId('assignment-status').textContent()).toBe('Ditolak');
    expect(await timeline.textContent()).toContain('menolak (alasan: sedang sakit).');
    expect(await page.getByTestId('connection').textContent()).toBe('Terhubung');
    expect(errors).toEqual([]);
    for (const [size, viewport] of SIZES) {
      await page.setViewportSize(viewport);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SCREENSHOTS, `incident-detail-indonesian-${size}.png`) });
      await page.screenshot({
        path: path.join(SCREENSHOTS, `incident-detail-indonesian-${size}-full.png`),
        fullPage: true,
      });
    }
  });
});

describe('accessibility of the incident pages and the way in', () => {
  for (const [size, viewport] of SIZES) {
    it(`finds nothing serious on sign-in and activation on a ${size}`, async () => {
      const page = await newPage(viewport);
      await page.goto(`${posko.url}/masuk`);
      await page.getByLabel('Nomor HP atau nama pengguna').waitFor();
      expect(await seriousAxeFindings(page), '/masuk').toEqual([]);
      if (viewport === PHONE_VIEWPORT) expect(await smallTargets(page), '/masuk').toEqual([]);
      // A failed sign-in shows its message; the page must stay clean with it.
      await page.getByLabel('Nomor HP atau nama pengguna').fill('bukan.akun');
      await page.getByLabel('Kata sandi').fill('salah-sekali');
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.locator('.form-error').waitFor();
      expect(await seriousAxeFindings(page), '/masuk with an error').toEqual([]);

      await page.goto(`${posko.url}${state.activationPath}`);
      await page.getByLabel('Ulangi kata sandi').waitFor();
      expect(await seriousAxeFindings(page), '/aktivasi/{token}').toEqual([]);
      if (viewport === PHONE_VIEWPORT) expect(await smallTargets(page), '/aktivasi/{token}').toEqual([]);
      await page.goto(`${posko.url}/aktivasi/bukan-tautan`);
      expect(await page.locator('.form-error').textContent()).toContain('tidak dikenal');
      expect(await seriousAxeFindings(page), '/aktivasi/{unknown}').toEqual([]);
      await page.goto(`${posko.url}/tidak-ada`);
      expect(await heading(page)).toBe('Halaman tidak ditemukan');
      expect(await seriousAxeFindings(page), 'not found').toEqual([]);
    });

    it(`finds nothing serious on the incident list and its form on a ${size}`, async () => {
      const page = await newPage(viewport, 'koord.kalteng');
      await page.goto(`${posko.url}/kejadian`);
      await page.getByTestId('connection').getByText('Terhubung').waitFor();
      expect(await seriousAxeFindings(page), '/kejadian').toEqual([]);
      await page.getByRole('button', { name: 'Catat kejadian' }).click();
      const map = page.getByTestId('point-picker');
      await expect
        .poll(() => map.locator('.leaflet-overlay-pane canvas, .leaflet-overlay-pane path').count(), {
          timeout: 10_000,
        })
        .toBeGreaterThan(0);
      // Sent without a kabupaten/kota: the form names what is missing.
      await page.getByTestId('incident-form').getByRole('button', { name: 'Catat kejadian' }).click();
      await page.getByTestId('incident-regencyCode-error').waitFor();
      expect(await seriousAxeFindings(page), '/kejadian with the form').toEqual([]);
      if (viewport === PHONE_VIEWPORT) expect(await smallTargets(page), '/kejadian with the form').toEqual([]);
    });

    it(`finds nothing serious on an incident with its request and answers on a ${size}`, async () => {
      const page = await newPage(viewport, 'koord.kalteng');
      await page.goto(`${posko.url}${state.incidentPath}`);
      await page.getByTestId('connection').getByText('Terhubung').waitFor();
      expect(await seriousAxeFindings(page), '/kejadian/{id}').toEqual([]);

      // Every disclosure open: the editor, the request's controls and lists, then the composer.
      await page.getByText('Ubah data kejadian').click();
      const card = page.locator(`[data-testid="request-card"][data-request-id="${state.requestId}"]`);
      await card.getByText('Ubah atau batalkan permintaan').click();
      const closed = card.locator('details.volunteer-group:not([open]) > summary');
      while ((await closed.count()) > 0) await closed.first().click();
      await page.getByRole('button', { name: 'Minta relawan' }).click();
      // The composer counts volunteers per kabupaten/kota through the API after a short pause.
      await expect.poll(() => page.getByTestId('source-regency').count(), { timeout: 10_000 }).toBe(14);
      expect(await seriousAxeFindings(page), '/kejadian/{id} with every control').toEqual([]);
      if (viewport === PHONE_VIEWPORT) expect(await smallTargets(page), '/kejadian/{id}').toEqual([]);
    });

    it(`finds nothing serious on the incident a leader reads on a ${size}`, async () => {
      const leader = await newPage(viewport, 'pimpinan.kalteng');
      await leader.goto(`${posko.url}${state.incidentPath}`);
      await leader.getByTestId('connection').getByText('Terhubung').waitFor();
      expect(await seriousAxeFindings(leader), '/kejadian/{id} as a leader').toEqual([]);
    });
  }

  it('finds nothing serious on the incident pages in English either', async () => {
    const page = await newPage(PHONE_VIEWPORT, 'koord.kalteng');
    await page.context().addCookies([{ name: 'posko_lang', value: 'en', url: posko.url }]);
    await page.goto(`${posko.url}/kejadian`);
    await page.getByTestId('connection').getByText('Connected').waitFor();
    expect(await seriousAxeFindings(page), '/kejadian in English').toEqual([]);
    await page.goto(`${posko.url}${state.incidentPath}`);
    await page.getByTestId('connection').getByText('Connected').waitFor();
    expect(await seriousAxeFindings(page), '/kejadian/{id} in English').toEqual([]);
  });

  it('moves the keyboard focus into an inline confirmation and back out of it', async () => {
    const page = await newPage(DESKTOP_VIEWPORT, 'koord.kalteng');
    await page.goto(`${posko.url}${state.incidentPath}`);
    await page.getByTestId('connection').getByText('Terhubung').waitFor();
    const close = page.getByTestId('phase-controls').getByRole('button', { name: 'Tutup kejadian (Selesai)' });
    await close.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Ya, tutup');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Tutup kejadian (Selesai)');
    // Nothing happened: the incident is still open.
    expect(await text(page, 'incident-phase')).toBe('Dilaporkan');
    // The focus ring is drawn: a 3 px outline on the focused button.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineWidth);
    expect(outline).toBe('3px');
  });
});
