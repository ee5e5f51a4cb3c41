import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo } from '../support/accounts';
import { seriousAxeFindings } from '../support/axe';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

let posko: PoskoProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await posko?.stop();
});

/** A demo account's browser on the regu page. */
async function teamsPage(login: string, viewport: { width: number; height: number }, query = ''): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const [name, value] = (await signInDemo(posko.url, login)).split('=') as [string, string];
  await context.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  await page.goto(`${posko.url}/posko/regu${query}`);
  await page.getByTestId('connection').getByText('Terhubung').waitFor();
  return page;
}

const card = (page: Page, name: string) =>
  page.getByTestId('team').filter({ has: page.getByRole('heading', { name }) });
const memberNames = (page: Page, name: string) =>
  card(page, name)
    .getByTestId('team-member')
    .evaluateAll((rows) => rows.map((row) => row.querySelector('.team-member-name')!.firstChild!.textContent));
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('regu in the roster', () => {
  it('a province coordinator names a regu, fills it and picks its ketua; the kabupaten sees each step live', async () => {
    const province = await teamsPage('koord.kalteng', DESKTOP_VIEWPORT);
    const kapuas = await teamsPage('koord.kapuas', PHONE_VIEWPORT, '?kabupaten=62.03');
    expect(await kapuas.getByTestId('teams-empty').count()).toBe(1);

    await province.getByLabel('Nama regu').fill('Regu Sungai Kapuas');
    await province.locator('.team-form select[name="regencyCode"]').selectOption('62.03');
    await province.getByLabel('Pilar').selectOption('tagana');
    await province.getByRole('button', { name: 'Buat regu' }).click();
    const regu = card(province, 'Regu Sungai Kapuas');
    await regu.waitFor({ timeout: 10_000 });
    expect(await regu.getByTestId('team-size').textContent()).toBe('0 anggota');
    expect(await regu.getByTestId('team-leader').textContent()).toBe('Belum ada ketua regu.');
    await card(kapuas, 'Regu Sungai Kapuas').waitFor({ timeout: 10_000 });

    // Three Tagana of Kapuas, found in the kabupaten and added one at a time.
    await regu.getByRole('button', { name: 'Cari' }).click();
    const found = regu.getByTestId('team-found').getByRole('listitem');
    await found.first().waitFor();
    const chosen: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const row = found.first();
      const name = (await row.locator('span').first().textContent())!.split(' · ')[0]!.trim();
      chosen.push(name);
      await row.getByRole('button', { name: `Tambah ${name} ke regu` }).click();
      await expect.poll(() => regu.getByTestId('team-member').count(), { timeout: 10_000 }).toBe(i + 1);
    }
    expect(await regu.getByTestId('team-size').textContent()).toBe('3 anggota');
    expect(await regu.getByText('Regu biasanya 5–15 orang.').count()).toBe(1);

    await regu.getByRole('button', { name: `Jadikan ${chosen[1]} ketua regu` }).click();
    await expect
      .poll(() => regu.getByTestId('team-leader').textContent(), { timeout: 10_000 })
      .toBe(`Ketua regu: ${chosen[1]}`);
    const onPhone = card(kapuas, 'Regu Sungai Kapuas');
    await expect
      .poll(() => onPhone.getByTestId('team-leader').textContent(), { timeout: 10_000 })
      .toBe(`Ketua regu: ${chosen[1]}`);
    expect((await memberNames(kapuas, 'Regu Sungai Kapuas')).sort()).toEqual([...chosen].sort());
    await kapuas.screenshot({ path: '/tmp/teams-360.png', fullPage: true });
    await province.screenshot({ path: '/tmp/teams-1366.png', fullPage: true });
    expect(await overflow(kapuas)).toBeLessThanOrEqual(0);
    expect(await seriousAxeFindings(kapuas), '/posko/regu with a regu, phone').toEqual([]);

    // The Kapuas coordinator takes one out; the province sees it.
    await onPhone.getByRole('button', { name: `Keluarkan ${chosen[0]} dari regu` }).click();
    await expect.poll(() => regu.getByTestId('team-member').count(), { timeout: 10_000 }).toBe(2);
    expect(await regu.getByTestId('team-size').textContent()).toBe('2 anggota');
  });

  it('refuses a second regu of the same name in the kabupaten beside the form, and disbands one for both pages', async () => {
    const province = await teamsPage('koord.kalteng', DESKTOP_VIEWPORT);
    const kapuas = await teamsPage('koord.kapuas', PHONE_VIEWPORT);
    await province.getByLabel('Nama regu').fill('regu sungai kapuas');
    await province.locator('.team-form select[name="regencyCode"]').selectOption('62.03');
    await province.getByRole('button', { name: 'Buat regu' }).click();
    await expect
      .poll(() => province.locator('.team-form .form-error').textContent(), { timeout: 10_000 })
      .toContain('Nama regu sudah dipakai');
    expect(await province.getByTestId('team').count()).toBe(1);

    const regu = card(province, 'Regu Sungai Kapuas');
    await regu.getByRole('button', { name: 'Bubarkan regu Regu Sungai Kapuas' }).click();
    await regu.getByRole('button', { name: 'Ya, bubarkan' }).click();
    await expect.poll(() => province.getByTestId('team').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => kapuas.getByTestId('team').count(), { timeout: 10_000 }).toBe(0);
  });

  it('lets a leader read the regu without a way to change them, in English too', async () => {
    const province = await teamsPage('koord.kalteng', DESKTOP_VIEWPORT);
    await province.getByLabel('Nama regu').fill('Regu Karhutla Katingan');
    await province.locator('.team-form select[name="regencyCode"]').selectOption('62.06');
    await province.getByRole('button', { name: 'Buat regu' }).click();
    await card(province, 'Regu Karhutla Katingan').waitFor({ timeout: 10_000 });

    const leader = await teamsPage('pimpinan.kalteng', PHONE_VIEWPORT);
    await card(leader, 'Regu Karhutla Katingan').waitFor();
    expect(await leader.getByLabel('Nama regu').count()).toBe(0);
    expect(await leader.getByTestId('team').getByRole('button').count()).toBe(0);
    await leader.locator('.user-menu summary').click();
    await leader.locator('.user-menu').getByRole('button', { name: 'EN', exact: true }).click();
    await expect
      .poll(() => leader.locator('h1').first().textContent(), { timeout: 10_000 })
      .toBe('Volunteer teams (regu)');
    expect(await card(leader, 'Regu Karhutla Katingan').getByTestId('team-size').textContent()).toBe('Members: 0');
    expect(await seriousAxeFindings(leader), '/posko/regu in English, leader').toEqual([]);
  });
});
