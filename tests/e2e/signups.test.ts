import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo } from '../support/accounts';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

/**
 * Sign-up by QR in Chromium: the coordinator opens a link; a volunteer signs up on a 360 px phone with
 * JavaScript off; the sign-up appears on the coordinator's page live; approval gives the activation link;
 * the audit page names the coordinator. The public form's target refuses bad input with a clear 4xx.
 */
const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts');

let posko: PoskoProcess;
let browser: Browser;
let cookie = '';
const contexts: BrowserContext[] = [];
let coordinator: Page;
let signupUrl = '';
let token = '';

async function newContext(options: Parameters<Browser['newContext']>[0], signedIn: boolean): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  if (signedIn) {
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
  }
  return context.newPage();
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
  cookie = await signInDemo(posko.url, 'koord.kalteng');
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await posko?.stop();
});

describe('sign-up by QR', () => {
  it('the coordinator opens a link for a camp and sees its QR code', async () => {
    coordinator = await newContext({ viewport: DESKTOP_VIEWPORT }, true);
    await coordinator.goto(`${posko.url}/posko/pendaftaran`);
    await coordinator.getByLabel('Nama kegiatan').fill('Kemah Relawan Kalteng 2026');
    await coordinator.getByLabel('Wilayah').selectOption({ label: 'Kabupaten Kapuas' });
    await coordinator.getByRole('button', { name: 'Buka tautan' }).click();
    await coordinator.waitForURL(/\/posko\/pendaftaran\/[0-9a-f-]{36}$/);
    await expect.poll(() => coordinator.getByAltText(/Kode QR pendaftaran/).isVisible()).toBe(true);
    signupUrl = (await coordinator.locator('.signup-share-url').textContent())!.trim();
    expect(signupUrl).toMatch(/\/daftar\/[A-Za-z0-9_-]{43}$/);
    token = signupUrl.split('/').at(-1)!;
    await expect.poll(() => coordinator.getByText('Belum ada pendaftar').isVisible()).toBe(true);
    await coordinator.screenshot({ path: path.join(SCREENSHOTS, 'signup-link-desktop.png'), fullPage: true });
  });

  it('a volunteer signs up on a 360 px phone with JavaScript off; the coordinator sees it live', async () => {
    const phone = await newContext({ viewport: PHONE_VIEWPORT, javaScriptEnabled: false }, false);
    let bytes = 0;
    const scripts: string[] = [];
    phone.on('response', async (response) => {
      const body = await response.body().catch(() => Buffer.alloc(0));
      bytes += body.length;
      if (response.request().resourceType() === 'script') scripts.push(response.url());
    });
    await phone.goto(signupUrl.replace(/^https?:\/\/[^/]+/, posko.url));
    await phone.getByLabel('Nama lengkap').fill('Sari Dewi Lestari');
    // A phone number too short first: the form comes back with the message and what was typed.
    await phone.getByLabel('No HP (WhatsApp)').fill('0812-345');
    await phone.getByLabel('Kecamatan').selectOption({ index: 1 });
    await phone.getByLabel(/Saya setuju/).check();
    await phone.getByRole('button', { name: 'Kirim pendaftaran' }).click();
    await expect.poll(() => phone.getByRole('alert').textContent()).toContain('Pendaftaran belum terkirim');
    expect(await phone.locator('#phone-error').textContent()).toContain("'0812-345' terlalu pendek");
    expect(await phone.getByLabel('Nama lengkap').inputValue()).toBe('Sari Dewi Lestari');
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'signup-form-error-phone.png'), fullPage: true });

    await phone.getByLabel('No HP (WhatsApp)').fill('0899-7777-1234');
    await phone.getByLabel('Kecamatan').selectOption({ index: 2 });
    await phone.getByLabel('Tahun lahir (tidak wajib)').fill('1998');
    await phone.getByLabel('Perempuan').check();
    await phone.getByLabel(/Saya setuju/).check();
    await phone.getByRole('button', { name: 'Kirim pendaftaran' }).click();
    await expect.poll(() => phone.getByRole('heading', { name: 'Pendaftaran terkirim' }).isVisible()).toBe(true);
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'signup-thanks-phone.png'), fullPage: true });
    expect(scripts).toEqual([]);
    console.log(`sign-up on the phone, three pages and two posts: ${(bytes / 1024).toFixed(1)} KiB transferred`);

    // No reload: the page hears signup.received.
    await expect.poll(() => coordinator.getByText('Sari Dewi Lestari').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await coordinator.getByText('Menunggu persetujuan').count()).toBe(1);
  });

  it('the coordinator approves it and gets the activation link; the audit page lists the approval', async () => {
    await coordinator.getByRole('button', { name: 'Setujui: Sari Dewi Lestari' }).click();
    await expect.poll(() => coordinator.getByAltText(/Sari Dewi Lestari/).isVisible()).toBe(true);
    const whatsapp = await coordinator.getByRole('link', { name: 'Kirim lewat WhatsApp' }).first().getAttribute('href');
    expect(whatsapp).toContain('wa.me/6289977771234');
    await expect.poll(() => coordinator.getByRole('link', { name: 'Lihat relawan' }).count()).toBe(1);
    await coordinator.screenshot({ path: path.join(SCREENSHOTS, 'signup-approved-desktop.png'), fullPage: true });

    await coordinator.goto(`${posko.url}/posko/audit?kind=signups`);
    const row = coordinator.locator('tr', { hasText: 'menyetujui pendaftaran Sari Dewi Lestari' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Koordinator');
    expect(await row.getByRole('link', { name: 'Sari Dewi Lestari' }).getAttribute('href')).toMatch(
      /^\/posko\/relawan\//,
    );
    await coordinator.screenshot({ path: path.join(SCREENSHOTS, 'audit-desktop.png'), fullPage: true });
  });

  it('the form’s target refuses bad input with a clear 4xx, a closed link says so', async () => {
    const post = (body: string, type = 'application/json', to = token) =>
      fetch(`${posko.url}/daftar/${to}/kirim`, {
        method: 'POST',
        headers: { 'content-type': type, accept: 'application/json' },
        body,
      });
    const bad = await post(JSON.stringify({ name: 'B', phone: 'satu dua', districtCode: '62', consent: 'no' }));
    expect(bad.status).toBe(400);
    const answer = (await bad.json()) as { error: string; details: Record<string, string[]> };
    expect(Object.keys(answer.details)).toEqual(expect.arrayContaining(['name', 'phone', 'districtCode', 'consent']));
    expect((await post('{nope')).status).toBe(400);
    expect((await post('[1,2]')).status).toBe(400);
    expect((await post('<xml/>', 'application/xml')).status).toBe(400);
    const huge = await post(`name=${'a'.repeat(20_000)}`, 'application/x-www-form-urlencoded');
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({
      error: 'Isian formulir terlalu panjang. Periksa isian Anda lalu kirim lagi.',
      code: 'TOO_LARGE',
    });
    const unknown = await post(JSON.stringify({ name: 'Budi' }), 'application/json', 'x'.repeat(43));
    expect(unknown.status).toBe(400);

    const link = (await (await fetch(`${posko.url}/api/signup-links`, { headers: { cookie } })).json()) as {
      id: string;
      token: string;
    }[];
    const ours = link.find((row) => row.token === token)!;
    const closed = await fetch(`${posko.url}/api/signup-links/${ours.id}/close`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(closed.status).toBe(200);
    const late = await post(
      JSON.stringify({ name: 'Budi Santoso', phone: '0899-1234-5678', districtCode: '62.03.01', consent: 'yes' }),
    );
    expect(late.status).toBe(409);
    const phone = await newContext({ viewport: PHONE_VIEWPORT, javaScriptEnabled: false }, false);
    await phone.goto(`${posko.url}/daftar/${token}`);
    expect(await phone.getByRole('alert').textContent()).toContain('sudah ditutup');
  });
});
