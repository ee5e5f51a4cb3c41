import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo } from '../support/accounts';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

/** How long a page may take to show what the server committed (a render after the answer, a live refresh). */
const WAIT = { timeout: 10_000 };
const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts');
let posko: PoskoProcess;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await posko?.stop();
});

async function signedIn(login: string, viewport: { width: number; height: number }, landing: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(`${posko.url}/masuk`);
  await page.getByLabel('Nomor HP atau nama pengguna').fill(login);
  await page.getByLabel('Kata sandi').fill('siaga-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => url.pathname === landing);
  return page;
}

/** The admin's API, as the setting-up of a phone needs it. */
async function asAdmin<T>(cookie: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${posko.url}${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${route} answered ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

describe('help between provinces', () => {
  it('Kalteng asks Jawa Barat; Jawa Barat sees it live and accepts from Indramayu; its phone takes the offer; both follow it', async () => {
    // Jawa Barat's coordinator has the page open before anything is asked.
    const jabar = await signedIn('koord.jabar', PHONE_VIEWPORT, '/posko');
    await jabar.goto(`${posko.url}/posko/bantuan`);
    await jabar.getByText('Belum ada provinsi yang meminta bantuan kepada provinsi Anda.').waitFor();
    await jabar.getByTestId('connection').or(jabar.locator('.user-menu')).first().waitFor();

    // Kalteng's coordinator goes from the Katingan flood to the help page, the incident already chosen.
    const kalteng = await signedIn('koord.kalteng', DESKTOP_VIEWPORT, '/posko');
    await kalteng.goto(`${posko.url}/kejadian`);
    await kalteng
      .getByRole('link', { name: /Katingan/ })
      .first()
      .click();
    await kalteng.waitForURL(/\/kejadian\/[0-9a-f-]{36}$/);
    const incidentId = new URL(kalteng.url()).pathname.split('/').at(-1)!;
    const title = (await kalteng.getByTestId('incident-title').textContent())!;
    await kalteng.getByTestId('ask-province-link').click();
    await kalteng.waitForURL(`${posko.url}/posko/bantuan?kejadian=${incidentId}`);
    expect(await kalteng.locator('#ask-incident').inputValue()).toBe(incidentId);
    // A meeting point left empty is said beside its field, and nothing is asked.
    await kalteng.locator('#ask-province').selectOption('32');
    await kalteng.locator('#ask-slots').fill('2');
    await kalteng.getByRole('button', { name: 'Kirim permintaan bantuan' }).click();
    await expect
      .poll(() => kalteng.getByTestId('ask-meetingPoint-error').textContent(), WAIT)
      .toContain('titik kumpul');
    await kalteng.locator('#ask-meeting').fill('Posko Dinsos Katingan, Kasongan');
    await kalteng.locator('#ask-bring').fill('pelampung, senter');
    await kalteng.getByRole('button', { name: 'Kirim permintaan bantuan' }).click();
    const asked = kalteng.getByTestId('outgoing-asks').getByTestId('province-ask').first();
    await asked.waitFor();
    expect(await asked.getAttribute('data-status')).toBe('open');

    // Jawa Barat sees it without reloading, with what was asked.
    const card = jabar.getByTestId('incoming-asks').getByTestId('province-ask').first();
    await card.waitFor(WAIT);
    expect(await card.textContent()).toContain(title);
    expect(await card.textContent()).toContain('2 relawan · Tagana');
    expect(await card.textContent()).toContain('Posko Dinsos Katingan, Kasongan');
    expect(await jabar.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await jabar.screenshot({ path: path.join(SCREENSHOTS, 'province-ask-incoming-phone.png'), fullPage: true });

    // It accepts from Indramayu, its own; Kalteng's card turns "Diterima" live.
    await card.locator('input[data-regency="32.12"]').check();
    await card.getByRole('button', { name: 'Terima dan kirim tawaran' }).click();
    await expect.poll(() => card.getAttribute('data-status'), WAIT).toBe('accepted');
    await expect.poll(() => asked.getAttribute('data-status'), WAIT).toBe('accepted');
    expect(await asked.getByTestId('ask-progress-line').textContent()).toBe(
      '0 dari 2 menerima · 0 berangkat · 0 di lokasi · 0 selesai',
    );
    expect(await asked.textContent()).toContain('Dikirim dari: Kabupaten Indramayu');

    // An Indramayu Tagana member, given an account, opens /tugas and takes the offer.
    const admin = await signInDemo(posko.url, 'admin');
    const { incoming } = await asAdmin<{ incoming: { id: string; progress: { requestId: string } | null }[] }>(
      admin,
      `/api/province-asks?incidentId=${incidentId}`,
    );
    const requestId = incoming[0]!.progress!.requestId;
    const request = await asAdmin<{ volunteers: { volunteerId: string; regencyCode: string; name: string }[] }>(
      admin,
      `/api/requests/${requestId}`,
    );
    expect(new Set(request.volunteers.map((volunteer) => volunteer.regencyCode))).toEqual(new Set(['32.12']));
    const helper = request.volunteers[0]!;
    const { links } = await asAdmin<{ links: { url: string }[] }>(admin, '/api/activations', {
      volunteerIds: [helper.volunteerId],
    });
    const phone = await (await browser.newContext({ viewport: PHONE_VIEWPORT })).newPage();
    await phone.goto(links[0]!.url);
    await phone.getByLabel(/Kata sandi baru/).fill('relawan-tangguh');
    await phone.getByLabel('Ulangi kata sandi').fill('relawan-tangguh');
    await phone.getByRole('button', { name: 'Simpan dan masuk' }).click();
    await phone.waitForURL(/\/tugas$/);
    const offer = phone.locator('[data-testid="offer"]', { hasText: title }).first();
    await offer.waitFor();
    await offer.getByRole('button', { name: 'Terima' }).click();

    // Both provinces see the volunteer from Jawa Barat on the way, live.
    const oneAccepted = '1 dari 2 menerima · 0 berangkat · 0 di lokasi · 0 selesai';
    await expect.poll(() => asked.getByTestId('ask-progress-line').textContent(), WAIT).toBe(oneAccepted);
    await expect.poll(() => card.getByTestId('ask-progress-line').textContent(), WAIT).toBe(oneAccepted);
    await kalteng.screenshot({ path: path.join(SCREENSHOTS, 'province-ask-outgoing-desktop.png'), fullPage: true });
    for (const page of [jabar, kalteng, phone]) await page.context().close();
  });

  it('lets Jawa Barat decline with a reason, which Kalteng reads', async () => {
    const admin = await signInDemo(posko.url, 'admin');
    const incidents = await asAdmin<{ id: string; regencyCode: string; title: string }[]>(
      admin,
      '/api/incidents?provinceCode=62',
    );
    const karhutla = incidents.find((incident) => incident.regencyCode === '62.11')!;
    const kalteng = await signedIn('koord.kalteng', PHONE_VIEWPORT, '/posko');
    await kalteng.goto(`${posko.url}/posko/bantuan?kejadian=${karhutla.id}`);
    await kalteng.locator('#ask-province').selectOption('32');
    await kalteng.locator('#ask-meeting').fill('Posko Dinsos Pulang Pisau');
    await kalteng.getByRole('button', { name: 'Kirim permintaan bantuan' }).click();
    const asked = kalteng.locator('[data-testid="province-ask"]', { hasText: karhutla.title }).first();
    await asked.waitFor();

    const jabar = await signedIn('koord.jabar', DESKTOP_VIEWPORT, '/posko');
    await jabar.goto(`${posko.url}/posko/bantuan`);
    const card = jabar.locator('[data-testid="province-ask"]', { hasText: karhutla.title }).first();
    // A decline without a reason is refused beside the field.
    await card.getByRole('button', { name: 'Tolak' }).click();
    await expect.poll(() => card.locator('.field-error').first().textContent(), WAIT).toContain('alasan');
    await card.getByLabel('Alasan menolak').fill('Tagana Jawa Barat sedang siaga banjir Citarum.');
    await card.getByRole('button', { name: 'Tolak' }).click();
    await expect.poll(() => card.getAttribute('data-status'), WAIT).toBe('declined');
    await expect.poll(() => asked.getAttribute('data-status'), WAIT).toBe('declined');
    expect(await asked.getByTestId('ask-reason').textContent()).toBe(
      'Alasan: Tagana Jawa Barat sedang siaga banjir Citarum.',
    );
    expect(await kalteng.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
      0,
    );
    await kalteng.screenshot({ path: path.join(SCREENSHOTS, 'province-ask-declined-phone.png'), fullPage: true });
    for (const page of [jabar, kalteng]) await page.context().close();
  });
});
