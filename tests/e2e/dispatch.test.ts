import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

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

const number = (text: string | null) => Number((text ?? '').replace(/\./g, ''));
const deployedIn = async (page: Page, regencyCode: string) =>
  number(await page.locator(`tr[data-regency="${regencyCode}"]`).getByTestId('deployed').textContent());

describe('the dispatch loop in four browsers', () => {
  it('coordinator asks for one volunteer; both phones get it; the first accept wins; everyone follows it live', async () => {
    const output = posko.output();
    const leaderPhone = /Relawan\s+(0\d+)\s+.*Tagana Kapuas \(ketua regu\)/.exec(output)![1]!;
    const memberPhone = /Relawan\s+(0\d+)\s+.*Tagana Kapuas\n/.exec(output)![1]!;

    const [coordinator, siti, budi, leader] = await Promise.all([
      signedIn('koord.kalteng', DESKTOP_VIEWPORT, '/posko'),
      signedIn(leaderPhone, PHONE_VIEWPORT, '/tugas'),
      signedIn(memberPhone, PHONE_VIEWPORT, '/tugas'),
      signedIn('pimpinan.kalteng', DESKTOP_VIEWPORT, '/pantau'),
    ]);
    const name = (page: Page) =>
      page
        .locator('#status-title')
        .textContent()
        .then((text) => text!.replace(/^Halo, /, ''));
    const sitiName = await name(siti);
    for (const page of [coordinator, siti, budi, leader]) {
      await page.getByTestId('connection').or(page.locator('.user-menu')).first().waitFor();
    }
    await leader.locator('tr[data-regency="62.03"]').waitFor();
    const deployedBefore = await deployedIn(leader, '62.03');

    // The coordinator opens the Katingan flood and asks Kapuas for one Tagana member.
    await coordinator.goto(`${posko.url}/kejadian`);
    await coordinator
      .getByTestId('incident-row')
      .filter({ hasText: 'Katingan' })
      .first()
      .locator('a.incident-title')
      .click();
    await coordinator.waitForURL(/\/kejadian\/[0-9a-f-]+$/);
    await coordinator.getByRole('button', { name: 'Minta relawan' }).click();
    const composer = coordinator.getByTestId('request-composer');
    await composer.getByLabel('Jumlah relawan').fill('1');
    for (const box of await composer.locator('input[name="pillarCodes"]').all()) {
      if ((await box.getAttribute('value')) === 'tagana') await box.check();
      else await box.uncheck();
    }
    await composer.locator('[data-testid="source-regency"][data-regency="62.03"] input').check();
    await composer.getByLabel('Titik kumpul').fill('Halaman Kantor Dinas Sosial Kapuas');
    await composer.getByRole('button', { name: 'Kirim permintaan' }).click();
    const card = coordinator.getByTestId('request-card').first();
    await expect
      .poll(() => card.getByTestId('request-progress').textContent(), { timeout: 5_000 })
      .toMatch(/0\s*\/\s*1/);

    // Both phones show the offer without a reload.
    for (const phone of [siti, budi]) {
      await expect
        .poll(() => phone.getByTestId('offer').filter({ hasText: 'Halaman Kantor Dinas Sosial Kapuas' }).count(), {
          timeout: 5_000,
        })
        .toBe(1);
    }
    await siti.screenshot({ path: path.join(SCREENSHOTS, 'dispatch-offer-phone.png') });

    // Siti taps "Terima"; Budi's phone says the request is full within a second.
    const sitiOffer = siti.getByTestId('offer').filter({ hasText: 'Halaman Kantor Dinas Sosial Kapuas' });
    const budiOffer = budi.getByTestId('offer').filter({ hasText: 'Halaman Kantor Dinas Sosial Kapuas' });
    await sitiOffer.getByRole('button', { name: 'Terima' }).click();
    await expect.poll(() => sitiOffer.getByTestId('offer-status').textContent()).toBe('Diterima');
    await expect.poll(() => budiOffer.getByTestId('offer-full').count(), { timeout: 1_000, interval: 50 }).toBe(1);
    expect(await budiOffer.getByRole('button', { name: 'Terima' }).count()).toBe(0);
    await budi.screenshot({ path: path.join(SCREENSHOTS, 'dispatch-full-phone.png') });

    // The coordinator and the leader see who took the place; the leader's map counts her as deployed.
    await expect
      .poll(() => card.getByTestId('request-progress').textContent(), { timeout: 3_000 })
      .toMatch(/1\s*\/\s*1/);
    await expect
      .poll(() => card.getByTestId('assignment-name').allTextContents(), { timeout: 3_000 })
      .toContain(sitiName);
    await expect
      .poll(() => leader.getByTestId('board-person').allTextContents(), { timeout: 3_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining(sitiName)]));
    await expect.poll(() => deployedIn(leader, '62.03'), { timeout: 3_000 }).toBe(deployedBefore + 1);

    // She leaves, arrives and finishes; every screen follows.
    for (const [button, status] of [
      ['Berangkat', 'Berangkat'],
      ['Tiba di lokasi', 'Tiba di lokasi'],
      ['Selesai', 'Selesai'],
    ] as const) {
      await sitiOffer.getByRole('button', { name: button, exact: true }).click();
      await expect.poll(() => sitiOffer.getByTestId('offer-status').textContent()).toBe(status);
      const row = card.getByTestId('assignment-row').filter({ hasText: sitiName });
      await expect.poll(() => row.getByTestId('assignment-status').textContent(), { timeout: 3_000 }).toBe(status);
      if (status !== 'Selesai') {
        await expect
          .poll(
            () =>
              leader
                .getByTestId('board-person')
                .filter({ hasText: sitiName })
                .getByTestId('board-person-status')
                .textContent(),
            {
              timeout: 3_000,
            },
          )
          .toBe(status);
      }
    }
    await expect.poll(() => deployedIn(leader, '62.03'), { timeout: 3_000 }).toBe(deployedBefore);
    await expect.poll(() => siti.getByTestId('my-availability').textContent()).toBe('Siaga');
    await coordinator.screenshot({ path: path.join(SCREENSHOTS, 'dispatch-coordinator-desktop.png'), fullPage: true });
    await leader.screenshot({ path: path.join(SCREENSHOTS, 'dispatch-leader-desktop.png'), fullPage: true });
  });
});
