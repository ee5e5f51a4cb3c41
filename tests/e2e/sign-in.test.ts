import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts');
let posko: PoskoProcess;
let browser: Browser;
let volunteerLogin: string;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
  volunteerLogin = /Relawan\s+(0\d+)\s+.*Tagana Pulang Pisau/.exec(posko.output())![1]!;
});
afterAll(async () => {
  await browser?.close();
  await posko?.stop();
});

async function signInThroughThePage(login: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(posko.url);
  await page.waitForURL(/\/masuk$/);
  await page.getByLabel('Nomor HP atau nama pengguna').fill(login);
  await page.getByLabel('Kata sandi').fill('siaga-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((url) => url.pathname !== '/masuk');
  return page;
}

const ROLES = [
  { who: 'the Kalteng coordinator', login: 'koord.kalteng', lands: '/posko', heading: 'Pusat Komando' },
  { who: 'the Kapuas coordinator', login: 'koord.kapuas', lands: '/posko', heading: 'Pusat Komando' },
  { who: 'the Jawa Barat coordinator', login: 'koord.jabar', lands: '/posko', heading: 'Pusat Komando' },
  { who: 'the leader', login: 'pimpinan.kalteng', lands: '/pantau', heading: 'Pantauan Situasi' },
  { who: 'the admin', login: 'admin', lands: '/posko', heading: 'Pusat Komando' },
  { who: 'a Tagana volunteer', login: 'volunteer', lands: '/tugas', heading: 'Tugas Saya' },
] as const;

describe('signing in through the page', () => {
  for (const role of ROLES) {
    for (const [size, viewport] of [
      ['phone', PHONE_VIEWPORT],
      ['desktop', DESKTOP_VIEWPORT],
    ] as const) {
      it(`takes ${role.who} to ${role.lands} on a ${size}`, async () => {
        const login = role.login === 'volunteer' ? volunteerLogin : role.login;
        const page = await signInThroughThePage(login, viewport);
        expect(new URL(page.url()).pathname).toBe(role.lands);
        await expect.poll(() => page.locator('h1').first().textContent()).toBe(role.heading);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, 'nothing wider than the screen').toBeLessThanOrEqual(viewport.width);
        if (role.login === 'koord.jabar' && size === 'desktop') {
          await expect.poll(() => page.locator('.subtitle').first().textContent()).toBe('Provinsi Jawa Barat');
        }
        if (size === 'phone') {
          await page.screenshot({ path: path.join(SCREENSHOTS, `landing-${role.login}-phone.png`) });
        }
        await page.context().close();
      });
    }
  }

  it('says a wrong password plainly, keeps the person on the page and empties the password field', async () => {
    const page = await browser.newPage({ viewport: PHONE_VIEWPORT });
    await page.goto(`${posko.url}/masuk`);
    await page.getByLabel('Nomor HP atau nama pengguna').fill('koord.kalteng');
    await page.getByLabel('Kata sandi').fill('bukan-ini');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect.poll(() => page.locator('.form-error').textContent()).toContain('kata sandi salah');
    expect(await page.getByLabel('Kata sandi').inputValue()).toBe('');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sign-in-wrong-phone.png') });
    await page.close();
  });

  it('signs out from the user menu, after which the pages ask to sign in again', async () => {
    const page = await signInThroughThePage('koord.kapuas', DESKTOP_VIEWPORT);
    await page.locator('.user-menu summary').click();
    await page.getByRole('button', { name: 'Keluar', exact: true }).click();
    await page.waitForURL(/\/masuk$/);
    await page.goto(`${posko.url}/posko`);
    await page.waitForURL(/\/masuk\?lanjut=%2Fposko$/);
    await page.context().close();
  });
});

describe('activating a volunteer account', () => {
  it("goes from the coordinator's link to the volunteer's phone page, and the link works once", async () => {
    const coordinator = await signInThroughThePage('koord.kapuas', DESKTOP_VIEWPORT);
    await coordinator.goto(`${posko.url}/posko/relawan`);
    const firstWithoutAccount = coordinator.locator('tbody tr', { hasText: 'Belum ada akun' }).first();
    const name = (await firstWithoutAccount.locator('td').nth(1).textContent())!;
    await firstWithoutAccount.getByRole('checkbox').check();
    await coordinator.getByRole('button', { name: /Buat tautan aktivasi \(1\)/ }).click();
    const card = coordinator.locator('.link-card');
    await card.waitFor();
    expect(await card.locator('strong').textContent()).toBe(name);
    expect(await card.getByRole('img').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await card.getByRole('link', { name: 'Kirim lewat WhatsApp' }).getAttribute('href')).toMatch(
      /^https:\/\/wa\.me\/62\d+\?text=.*aktivasi/,
    );
    const link = await card.locator('input').inputValue();
    await coordinator.screenshot({ path: path.join(SCREENSHOTS, 'activation-links-desktop.png') });

    const phone = await (await browser.newContext({ viewport: PHONE_VIEWPORT })).newPage();
    await phone.goto(link);
    await expect.poll(() => phone.locator('main').textContent()).toContain(name);
    await phone.getByLabel(/Kata sandi baru/).fill('relawan-tangguh');
    await phone.getByLabel('Ulangi kata sandi').fill('relawan-tangguh');
    await phone.getByRole('button', { name: 'Simpan dan masuk' }).click();
    await phone.waitForURL(/\/tugas$/);
    await expect.poll(() => phone.getByTestId('my-availability').textContent()).toBe('Siaga');
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'volunteer-home-phone.png') });

    await phone.goto(link);
    await expect.poll(() => phone.locator('.form-error').textContent()).toContain('sudah dipakai');
    await phone.context().close();
    await coordinator.context().close();
  });
});
