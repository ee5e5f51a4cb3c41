import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo } from '../support/accounts';
import { seriousAxeFindings } from '../support/axe';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { rosterWorkbook, type RosterFile } from '../support/imports';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts');

let posko: PoskoProcess;
let browser: Browser;
let cookie: string;
let file: RosterFile;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
  cookie = await signInDemo(posko.url, 'koord.kalteng');
  file = await rosterWorkbook({ count: 500, seed: 21, planted: true });
});
afterAll(async () => {
  await browser?.close();
  await posko?.stop();
});

async function context(viewport: { width: number; height: number }): Promise<BrowserContext> {
  const created = await browser.newContext({ viewport, acceptDownloads: true });
  const [name, value] = cookie.split('=') as [string, string];
  await created.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
  return created;
}

const number = (text: string | null) => Number((text ?? '').replace(/[.,]/g, ''));

async function kapuasOnMap(page: Page): Promise<number> {
  return number(await page.locator('tr[data-regency="62.03"]').getByTestId('available').textContent());
}

async function upload(page: Page): Promise<void> {
  await page.getByLabel('Berkas (.xlsx atau .csv, paling besar 20 MB)').setInputFiles({
    name: 'relawan-kalteng.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: file.bytes,
  });
  await page.getByRole('button', { name: 'Periksa berkas' }).click();
  await page.getByRole('heading', { name: 'Hasil pemeriksaan' }).waitFor();
}

const count = async (page: Page, key: string) => number(await page.locator(`[data-count="${key}"] dd`).textContent());

describe('importing an office roster', () => {
  it('previews exactly the planted errors, commits the rest, moves the map live, and imports nothing the second time', async () => {
    const desktop = await context(DESKTOP_VIEWPORT);
    const map = await desktop.newPage();
    await map.goto(`${posko.url}/posko`);
    await map.getByTestId('connection').getByText('Terhubung').waitFor();
    await map.locator('tr[data-regency="62.03"]').waitFor();
    await map.evaluate(() => ((window as unknown as { poskoNotReloaded: boolean }).poskoNotReloaded = true));
    const before = await kapuasOnMap(map);

    const page = await desktop.newPage();
    await page.goto(`${posko.url}/posko/relawan`);
    await page.getByRole('link', { name: 'Impor dari Excel' }).click();
    await page.waitForURL('**/posko/relawan/impor');
    await upload(page);

    const problems = await page
      .getByTestId('import-errors')
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => {
          const cells = [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '');
          return { row: Number(cells[0]), column: cells[1]!, message: cells[2]! };
        }),
      );
    expect(problems.map(({ row, column }) => ({ row, column }))).toEqual(file.planted);
    expect(problems[0]!.message).toBe("'0812-345' terlalu pendek; tulis seperti 0812-3456-7890.");
    expect(await count(page, 'create')).toBe(493);
    expect(await count(page, 'errors')).toBe(7);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'import-preview-desktop.png'), fullPage: true });

    // The rows with problems, downloaded as they were with a "Masalah" column.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Unduh baris bermasalah (.xlsx)' }).click(),
    ]);
    const [errorSheet] = await readXlsxFile(readFileSync((await download.path())!));
    const header = errorSheet!.data[0]!;
    expect(header).toContain('Masalah');
    expect(errorSheet!.data.slice(1).map((row) => row[header.indexOf('Baris asal')])).toEqual(
      file.planted.map((planted) => planted.row),
    );

    await page.getByRole('button', { name: 'Simpan 493 relawan' }).click();
    await expect
      .poll(() => page.getByTestId('import-result').textContent())
      .toBe('Tersimpan: 493 baru, 0 diperbarui, 0 tidak berubah, 7 dilewati.');

    // Kapuas' count on the map moves without a reload.
    await expect.poll(() => kapuasOnMap(map), { timeout: 5_000 }).toBe(before + 493);
    expect(await map.evaluate(() => (window as unknown as { poskoNotReloaded?: boolean }).poskoNotReloaded)).toBe(true);

    // The same file again: nothing to create, every valid row unchanged.
    await page.reload();
    await upload(page);
    expect(await count(page, 'create')).toBe(0);
    expect(await count(page, 'unchanged')).toBe(493);
    const nothingToSave = page.getByRole('button', { name: 'Tidak ada yang perlu disimpan' });
    await expect.poll(() => nothingToSave.isDisabled()).toBe(true);
    expect(await kapuasOnMap(map)).toBe(before + 493);
    await desktop.close();
  });

  it('lets an admin pick the province to import into', async () => {
    const adminContext = await browser.newContext({ viewport: DESKTOP_VIEWPORT });
    const [name, value] = (await signInDemo(posko.url, 'admin')).split('=') as [string, string];
    await adminContext.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
    const pick = (on: Page) => on.getByRole('button', { name: 'Pilih', exact: true });
    // The button stays where it was drawn when the page goes from "Menghubungkan…" to "Terhubung" (the
    // badge beside it changes its words), so a tap aimed at it cannot land on the list instead.
    const before = await adminContext.newPage();
    await before.route('**/*.js', (route) => route.abort());
    await before.goto(`${posko.url}/posko/relawan/impor`);
    expect(await before.getByTestId('connection').textContent()).toBe('Menghubungkan…');
    const drawn = await pick(before).boundingBox();
    await before.close();
    const page = await adminContext.newPage();
    await page.goto(`${posko.url}/posko/relawan/impor`);
    await page.getByTestId('connection').getByText('Terhubung').waitFor();
    expect(await pick(page).boundingBox()).toEqual(drawn);
    await page.getByLabel('Provinsi tujuan').selectOption({ label: 'Jawa Barat' });
    await pick(page).click();
    await page.waitForURL(/provinsi=32/);
    await page.getByText('Provinsi tujuan: Jawa Barat').waitFor();
    expect(await page.getByRole('link', { name: /templat/i }).getAttribute('href')).toContain('provinceCode=32');
    await page.getByLabel('Berkas (.xlsx atau .csv, paling besar 20 MB)').setInputFiles({
      name: 'relawan-kuningan.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Nama;No HP;Pilar;Kabupaten/Kota;Kecamatan\nDewi Kuningan;0857 2000 3232;TKSK;Kuningan;Cilebak\n',
      ),
    });
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await page.getByRole('heading', { name: 'Hasil pemeriksaan' }).waitFor();
    // Kuningan is a kabupaten of Jawa Barat: the row creates, with no error.
    expect(await count(page, 'create')).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Simpan 1 relawan' }).isEnabled()).toBe(true);
    await adminContext.close();
  });

  it('shows the preview on a 360 px phone without sideways scrolling, and axe finds nothing serious', async () => {
    const phone = await context(PHONE_VIEWPORT);
    const page = await phone.newPage();
    await page.goto(`${posko.url}/posko/relawan/impor`);
    await upload(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'import-preview-phone.png'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousAxeFindings(page)).toEqual([]);
    await phone.close();
  });
});
