import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo } from '../support/accounts';
import { seriousAxeFindings } from '../support/axe';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { NEEDLE, prepareBigRoster } from '../support/roster';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

/**
 * The roster in Chromium on a province-sized roster: the demo plus 10,000 volunteers. Coordinators find
 * one by name, filter, sort and page (the address keeps the view), open a volunteer's page, and give
 * activation links; a phone gets cards instead of a wide table.
 */
const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts');
const EXTRA_VOLUNTEERS = 10_000;

let dataDir: string;
let posko: PoskoProcess;
let browser: Browser;
const cookies = { kalteng: '', kapuas: '', admin: '' };
const contexts: BrowserContext[] = [];

interface ApiRoster {
  total: number;
  rows: { id: string; name: string; regencyCode: string; lastDeployedAt: string | null }[];
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [dataDir, browser] = await Promise.all([prepareBigRoster(EXTRA_VOLUNTEERS), launchChromium()]);
  posko = await startPoskoProcess({ POSKO_DATA_DIR: dataDir });
  cookies.kalteng = await signInDemo(posko.url, 'koord.kalteng');
  cookies.kapuas = await signInDemo(posko.url, 'koord.kapuas');
  cookies.admin = await signInDemo(posko.url, 'admin');
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await posko?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function openAs(
  who: keyof typeof cookies,
  viewport: { width: number; height: number },
  language?: 'en',
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const [name, value] = cookies[who].split('=') as [string, string];
  await context.addCookies([
    { name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' },
    ...(language ? [{ name: 'posko_lang', value: language, url: posko.url }] : []),
  ]);
  return context.newPage();
}

async function api<T>(who: keyof typeof cookies, pathAndQuery: string): Promise<T> {
  const response = await fetch(`${posko.url}${pathAndQuery}`, { headers: { cookie: cookies[who] } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** The number in "11.634 relawan" (Indonesian grouping) or "11,634 volunteers". */
async function shownTotal(page: Page): Promise<number> {
  const text = await page.locator('[role="status"] strong').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

const rowNames = (page: Page) => page.locator('tbody tr td:nth-child(2) a').allInnerTexts();

async function noSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
}

describe('the roster at 10,000 volunteers', () => {
  it('finds one volunteer among them by name, and opens their page', async () => {
    const page = await openAs('kalteng', DESKTOP_VIEWPORT);
    await page.goto(`${posko.url}/posko/relawan`);
    const all = await shownTotal(page);
    expect(all).toBeGreaterThan(EXTRA_VOLUNTEERS);
    await expect.poll(async () => (await rowNames(page)).length).toBe(50);
    expect(await page.getByText(`Halaman 1 dari ${Math.ceil(all / 50).toLocaleString('id-ID')}`).count()).toBe(1);
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'roster-desktop.png') });

    await page.getByLabel('Cari nama atau nomor HP').fill('ayuningtyas pard');
    await expect.poll(() => shownTotal(page), { timeout: 10_000 }).toBe(1);
    expect(await rowNames(page)).toEqual([NEEDLE.name]);
    expect(new URL(page.url()).searchParams.get('search')).toBe('ayuningtyas pard');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'roster-found.png') });

    await page.getByRole('link', { name: NEEDLE.name }).click();
    await page.waitForURL(/\/posko\/relawan\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe(NEEDLE.name);
    expect(await page.getByText('Pelatihan (1)').count()).toBe(1);
    expect(await page.getByText('Belum pernah ditawari penugasan.').count()).toBe(1);
    expect(await page.getByText('ASN', { exact: true }).count()).toBe(1);
    expect(await seriousAxeFindings(page)).toEqual([]);
  });

  it('filters, sorts and pages in the server, and a copied address shows the same view', async () => {
    const page = await openAs('kalteng', DESKTOP_VIEWPORT);
    await page.goto(`${posko.url}/posko/relawan`);
    await page.getByLabel('Pilar sosial').selectOption('tagana');
    await page.waitForURL(/pillarCode=tagana/);
    await page.getByLabel('Status', { exact: true }).selectOption('available');
    await page.waitForURL(/availability=available/);
    await page.getByLabel('Kepegawaian').selectOption('yes');
    await page.waitForURL(/civilServant=yes/);
    const expected = await api<ApiRoster>(
      'kalteng',
      '/api/volunteers?pillarCode=tagana&availability=available&civilServant=yes&pageSize=1',
    );
    await expect.poll(() => shownTotal(page)).toBe(expected.total);

    // Kabupaten/kota, then the other way round.
    await page.getByRole('button', { name: 'Kabupaten/kota' }).click();
    await page.waitForURL(/sort=regency/);
    await page.getByRole('button', { name: 'Kabupaten/kota' }).click();
    await page.waitForURL(/dir=desc/);
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toContain('Kabupaten/kota');
    await page.getByRole('button', { name: 'Berikutnya' }).click();
    await page.waitForURL(/page=2/);
    await expect.poll(() => page.getByText('Halaman 2 dari').count()).toBe(1);

    const sorted = await api<ApiRoster>(
      'kalteng',
      '/api/volunteers?pillarCode=tagana&availability=available&civilServant=yes&sort=regency&dir=desc&page=2',
    );
    await expect.poll(() => rowNames(page)).toEqual(sorted.rows.map((row) => row.name));
    const cells = await page.locator('tbody tr').allInnerTexts();
    expect(cells.every((text) => text.includes('Tagana') && text.includes('Siaga') && text.includes('ASN'))).toBe(true);

    const copy = await openAs('kalteng', DESKTOP_VIEWPORT);
    await copy.goto(page.url());
    expect(await rowNames(copy)).toEqual(sorted.rows.map((row) => row.name));
    expect(await copy.getByLabel('Pilar sosial').inputValue()).toBe('tagana');
    expect(await copy.getByLabel('Kepegawaian').inputValue()).toBe('yes');
  });

  it('shows a deployed volunteer’s history with times in the incident’s zone', async () => {
    const [deployed] = (await api<ApiRoster>('kalteng', '/api/volunteers?sort=lastDeployment&dir=desc&pageSize=1'))
      .rows;
    expect(deployed!.lastDeployedAt).not.toBeNull();
    const page = await openAs('kalteng', DESKTOP_VIEWPORT);
    await page.goto(`${posko.url}/posko/relawan/${deployed!.id}`);
    const history = page.locator('section', { has: page.getByRole('heading', { name: /Riwayat penugasan/ }) });
    expect(await history.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await history.locator('tbody tr').first().innerText()).toMatch(
      /Ditawarkan \d{1,2} \w{3}.* \d{2}\.\d{2} WIB/,
    );
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'volunteer-desktop.png'), fullPage: true });
  });

  it('keeps a kabupaten coordinator inside the kabupaten, and hides other volunteers’ pages', async () => {
    const page = await openAs('kapuas', DESKTOP_VIEWPORT);
    await page.goto(`${posko.url}/posko/relawan`);
    const kapuas = await api<ApiRoster>('kapuas', '/api/volunteers?pageSize=1');
    expect(await shownTotal(page)).toBe(kapuas.total);
    expect(await page.getByLabel('Kabupaten/kota').count()).toBe(0);

    const [elsewhere] = (await api<ApiRoster>('kalteng', '/api/volunteers?regencyCode=62.11&pageSize=1')).rows;
    const response = await page.goto(`${posko.url}/posko/relawan/${elsewhere!.id}`);
    expect(response!.status()).toBe(404);
    // The not-found page may stream in after the status line; wait for its heading to show.
    await page.getByRole('heading', { name: 'Halaman tidak ditemukan' }).waitFor({ timeout: 10_000 });
    expect((await page.goto(`${posko.url}/posko/relawan/bukan-relawan`))!.status()).toBe(404);
  });

  it('gives activation links from the roster, and a change elsewhere shows without a reload', async () => {
    const page = await openAs('kapuas', DESKTOP_VIEWPORT);
    await page.goto(`${posko.url}/posko/relawan?search=${encodeURIComponent(NEEDLE.name)}`);
    await page.getByLabel(`Pilih ${NEEDLE.name}`).check();
    await page.getByRole('button', { name: 'Buat tautan aktivasi (1)' }).click();
    await expect.poll(() => page.getByAltText(`Kode QR aktivasi untuk ${NEEDLE.name}`).count()).toBe(1);
    await expect
      .poll(() => page.locator('tbody tr').first().innerText())
      .toContain('Menunggu aktivasi (tautan terkirim)');

    const [needle] = (await api<ApiRoster>('kapuas', `/api/volunteers?search=${encodeURIComponent(NEEDLE.name)}`)).rows;
    const changed = await fetch(`${posko.url}/api/volunteers/${needle!.id}/availability`, {
      method: 'PATCH',
      headers: { cookie: cookies.kalteng, 'content-type': 'application/json' },
      body: JSON.stringify({ availability: 'unavailable' }),
    });
    expect(changed.status).toBe(200);
    await expect.poll(() => page.locator('tbody tr').first().innerText(), { timeout: 10_000 }).toContain('Tidak siaga');
  });

  it('fits a 360 px phone: cards, sorting in the form, no sideways scrolling', async () => {
    const page = await openAs('kalteng', PHONE_VIEWPORT);
    await page.goto(`${posko.url}/posko/relawan`);
    await noSidewaysScroll(page);
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'roster-phone.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'roster-phone-full.png'), fullPage: true });

    // The search comes first; the other filters and the order open on request.
    expect(await page.getByLabel('Pilar sosial').isVisible()).toBe(false);
    const toggle = page.getByRole('button', { name: 'Saring dan urutkan' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.getByLabel('Urutkan', { exact: true }).selectOption('lastDeployment');
    await page.waitForURL(/sort=lastDeployment/);
    await page.getByLabel('Cari nama atau nomor HP').fill('Pardede');
    await expect.poll(() => rowNames(page), { timeout: 10_000 }).toContain(NEEDLE.name);
    await noSidewaysScroll(page);

    const box = await page.getByLabel(`Pilih ${NEEDLE.name}`).boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(44);
    await page.getByRole('link', { name: NEEDLE.name }).click();
    await page.waitForURL(/\/posko\/relawan\/[0-9a-f-]{36}$/);
    await noSidewaysScroll(page);
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'volunteer-phone.png'), fullPage: true });
  });

  it('speaks English when asked, with numbers in English', async () => {
    const page = await openAs('admin', DESKTOP_VIEWPORT, 'en');
    await page.goto(`${posko.url}/posko/relawan?provinceCode=62`);
    const text = await page.locator('[role="status"] strong').innerText();
    expect(text).toMatch(/^\d{1,3}(,\d{3})+ volunteers$/);
    expect(await page.getByRole('button', { name: 'Last deployed' }).count()).toBe(1);
    expect(await page.getByLabel('Regency/city').count()).toBe(1);
    expect(await seriousAxeFindings(page)).toEqual([]);
  });
});
