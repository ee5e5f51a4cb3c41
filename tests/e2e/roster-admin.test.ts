import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo } from '../support/accounts';
import { seriousAxeFindings } from '../support/axe';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

/** The staff accounts page, on the demo: scopes read as names, the form picks them from lists, two languages. */
const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts');

let posko: PoskoProcess;
let browser: Browser;
let adminCookie: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
  adminCookie = await signInDemo(posko.url, 'admin');
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await posko?.stop();
});

async function adminPage(viewport: { width: number; height: number }, language?: 'en'): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const [name, value] = adminCookie.split('=') as [string, string];
  await context.addCookies([
    { name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' },
    ...(language ? [{ name: 'posko_lang', value: language, url: posko.url }] : []),
  ]);
  const page = await context.newPage();
  await page.goto(`${posko.url}/admin`);
  await page.locator('tbody tr').first().waitFor();
  return page;
}

const rowOf = (page: Page, name: string) => page.locator('tbody tr', { hasText: name });

describe('the staff accounts page', () => {
  it('shows every scope by name, never by code', async () => {
    const page = await adminPage(DESKTOP_VIEWPORT);
    expect(await rowOf(page, 'Koordinator Dinsos Kapuas').locator('td').nth(3).innerText()).toBe(
      'Kabupaten Kapuas, Kalimantan Tengah',
    );
    expect(await rowOf(page, 'Koordinator Dinsos Kalteng').locator('td').nth(3).innerText()).toBe(
      'Provinsi Kalimantan Tengah',
    );
    expect(await rowOf(page, 'Admin Posko').locator('td').nth(3).innerText()).toBe('Seluruh Indonesia');
    expect(await page.locator('tbody').innerText()).not.toMatch(/\b\d{2}\.\d{2}\b/);
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-desktop.png'), fullPage: true });
  });

  it('creates a kabupaten coordinator from the province’s list of kabupaten/kota', async () => {
    const page = await adminPage(DESKTOP_VIEWPORT);
    await page.getByLabel('Nama lengkap').fill('Koordinator Dinsos Kuningan');
    await page.getByLabel('Nama pengguna').fill('koord.kuningan');
    await page.getByLabel('Provinsi').selectOption({ label: 'Jawa Barat' });
    await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Kuningan' });
    await page.getByRole('button', { name: 'Buat akun dan tautan aktivasi' }).click();
    await page.locator('.link-card').waitFor();
    await expect
      .poll(() => rowOf(page, 'Koordinator Dinsos Kuningan').locator('td').nth(3).innerText())
      .toBe('Kabupaten Kuningan, Jawa Barat');

    // An admin has no scope: the form stops asking for one.
    await page.getByLabel('Peran').selectOption('admin');
    expect(await page.getByLabel('Provinsi').count()).toBe(0);
    expect(await page.getByText('Admin tidak dibatasi wilayah').count()).toBe(1);

    // A wrong username is refused beside the field and nothing is created.
    await page.getByLabel('Peran').selectOption('leader');
    await page.getByLabel('Nama lengkap').fill('Pimpinan Uji');
    await page.getByLabel('Nama pengguna').fill('X');
    const before = await page.locator('tbody tr').count();
    await page.getByRole('button', { name: 'Buat akun dan tautan aktivasi' }).click();
    await expect.poll(() => page.locator('.form-error').count()).toBeGreaterThan(0);
    expect(await page.locator('tbody tr').count()).toBe(before);
  });

  it('reads in English, and fits a 360 px phone', async () => {
    const english = await adminPage(DESKTOP_VIEWPORT, 'en');
    expect(await english.getByRole('heading', { name: 'New account' }).count()).toBe(1);
    expect(await rowOf(english, 'Koordinator Dinsos Kalteng').locator('td').nth(3).innerText()).toBe(
      'Kalimantan Tengah Province',
    );
    expect(await rowOf(english, 'Koordinator Dinsos Kalteng').locator('td').nth(1).innerText()).toBe('Coordinator');
    expect(await seriousAxeFindings(english)).toEqual([]);

    const phone = await adminPage(PHONE_VIEWPORT);
    const widths = await phone.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    expect(await seriousAxeFindings(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'admin-phone.png'), fullPage: true });
  });
});
