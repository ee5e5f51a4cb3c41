import { and, asc, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readinessMinimums, volunteers } from '../../db/schema';
import { createTestAccount, signedInContext, type TestAccount } from '../support/accounts';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startSeededPostgres, type SeededPostgres } from '../support/postgres-database';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

let postgres: SeededPostgres;
let posko: PoskoProcess;
let browser: Browser;
let admin: TestAccount;
let kalteng: TestAccount;
let kapuas: TestAccount;
let jabar: TestAccount;
let jabarLeader: TestAccount;

beforeAll(async () => {
  postgres = await startSeededPostgres('demo');
  [posko, browser] = await Promise.all([startPoskoProcess({ DATABASE_URL: postgres.databaseUrl }), launchChromium()]);
  const db = postgres.handle.db;
  admin = await createTestAccount(db, { role: 'admin' });
  kalteng = await createTestAccount(db, { role: 'coordinator', provinceCode: '62' });
  kapuas = await createTestAccount(db, { role: 'coordinator', provinceCode: '62', regencyCode: '62.03' });
  jabar = await createTestAccount(db, { role: 'coordinator', provinceCode: '32' });
  jabarLeader = await createTestAccount(db, { role: 'leader', provinceCode: '32' });
});
afterAll(async () => {
  await browser?.close();
  await posko?.stop();
  await postgres?.stop();
});

async function call(account: TestAccount, method: string, path: string, body?: string | object) {
  const response = await fetch(`${posko.url}${path}`, {
    method,
    headers: {
      cookie: account.cookie,
      origin: posko.url,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Everything the answer says to a person: the message and the messages per field. */
const said = (answer: { body: Record<string, unknown> }) =>
  [answer.body.error, ...Object.values((answer.body.details ?? {}) as Record<string, string[]>).flat()].join(' ');

async function minimumsInDatabase() {
  return postgres.handle.db
    .select({
      regencyCode: readinessMinimums.regencyCode,
      pillarCode: readinessMinimums.pillarCode,
      minimumAvailable: readinessMinimums.minimumAvailable,
    })
    .from(readinessMinimums)
    .orderBy(asc(readinessMinimums.regencyCode), asc(readinessMinimums.pillarCode));
}

describe('the readiness routes', () => {
  it('refuse bad input with a message a person can act on, and write nothing', async () => {
    const before = await minimumsInDatabase();
    const bad: [string, string, string | object, RegExp][] = [
      ['PUT', '/api/readiness/minimums', '{"regencyCode": "62.03",', /JSON/],
      ['PUT', '/api/readiness/minimums', '', /JSON/],
      ['PUT', '/api/readiness/minimums', [1, 2], /objek JSON/],
      ['PUT', '/api/readiness/minimums', { regencyCode: '62.03', pillarCode: 'tagana' }, /Jumlah minimum siaga harus/],
      [
        'PUT',
        '/api/readiness/minimums',
        { regencyCode: '62.03', pillarCode: 'tagana', minimumAvailable: 'banyak' },
        /harus berupa angka/,
      ],
      [
        'PUT',
        '/api/readiness/minimums',
        { regencyCode: '62.03', pillarCode: 'tagana', minimumAvailable: -1 },
        /paling sedikit 1/,
      ],
      [
        'PUT',
        '/api/readiness/minimums',
        { regencyCode: '62.99', pillarCode: 'tagana', minimumAvailable: 5 },
        /tidak dikenal/,
      ],
      [
        'PUT',
        '/api/readiness/minimums',
        { regencyCode: '62.03', pillarCode: 'Tagana!', minimumAvailable: 5 },
        /Kode pilar/,
      ],
      [
        'PUT',
        '/api/readiness/minimums',
        { regencyCode: '62.03', pillarCode: 'nelayan', minimumAvailable: 5 },
        /Pilar tidak dikenal/,
      ],
      ['DELETE', '/api/readiness/minimums', { regencyCode: '62.03' }, /Kode pilar/],
      [
        'PUT',
        '/api/readiness/coverage-rules',
        { regencyCode: '62.03', pillarCode: 'tksk', minimumPerDistrict: 0 },
        /Jumlah per kecamatan paling sedikit 1/,
      ],
      ['PUT', '/api/readiness/coverage-rules', 'null', /objek JSON/],
      ['DELETE', '/api/readiness/coverage-rules', 'x', /JSON/],
    ];
    for (const [method, path, body, message] of bad) {
      const answer = await call(kalteng, method, path, body);
      expect(answer.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(said(answer)).toMatch(message);
      expect(answer.body.code).toBe('INVALID');
    }
    const minimum = await call(kalteng, 'PUT', '/api/readiness/minimums', {
      regencyCode: '62.03',
      pillarCode: 'tagana',
      minimumAvailable: 1.5,
    });
    expect(minimum.body.details).toEqual({ minimumAvailable: ['Jumlah minimum siaga harus angka bulat.'] });

    expect((await call(kalteng, 'GET', '/api/readiness')).status).toBe(400);
    expect(said(await call(kalteng, 'GET', '/api/readiness?provinceCode=6'))).toMatch(/dua angka/);
    expect((await call(admin, 'GET', '/api/readiness?provinceCode=99')).status).toBe(404);
    expect(await minimumsInDatabase()).toEqual(before);
  });

  it('set, change and remove a minimum; a kabupaten coordinator is told who sets them', async () => {
    const put = await call(kalteng, 'PUT', '/api/readiness/minimums', {
      regencyCode: '62.08',
      pillarCode: 'psm',
      minimumAvailable: 4,
    });
    expect(put).toMatchObject({ status: 200, body: { regencyCode: '62.08', pillarCode: 'psm', minimumAvailable: 4 } });
    const refused = await call(kapuas, 'PUT', '/api/readiness/minimums', {
      regencyCode: '62.03',
      pillarCode: 'psm',
      minimumAvailable: 1,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/koordinator provinsi/);
    const read = await call(kapuas, 'GET', '/api/readiness?provinceCode=62');
    expect((read.body.minimums as { regencyCode: string }[]).map((row) => row.regencyCode)).toContain('62.08');
    expect(
      (await call(kalteng, 'DELETE', '/api/readiness/minimums', { regencyCode: '62.08', pillarCode: 'psm' })).status,
    ).toBe(200);
    expect(
      (await call(kalteng, 'DELETE', '/api/readiness/minimums', { regencyCode: '62.08', pillarCode: 'psm' })).status,
    ).toBe(404);
  });
});

/** The page's own marker: gone if the page reloaded. */
async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { posko_same_page: boolean }).posko_same_page = true));
}
async function expectSamePage(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { posko_same_page?: boolean }).posko_same_page)).toBe(true);
}

async function tkskOf(districtCode: string) {
  return postgres.handle.db
    .select({ id: volunteers.id, name: volunteers.name })
    .from(volunteers)
    .where(and(eq(volunteers.districtCode, districtCode), eq(volunteers.pillarCode, 'tksk')));
}

describe('readiness on the command centre', () => {
  it('names Cilebak as Kuningan’s kecamatan without a TKSK; retiring Ciniru’s only TKSK uncovers Ciniru live', async () => {
    const context = await signedInContext(browser, posko.url, jabar, DESKTOP_VIEWPORT);
    const page = await context.newPage();
    await page.goto(`${posko.url}/posko`);
    const uncovered = page.getByTestId('readiness-uncovered');
    await expect
      .poll(() => uncovered.locator('li').allTextContents())
      .toEqual([expect.stringContaining('Kec. Cilebak, Kabupaten Kuningan · TKSK: 0 dari 1')]);
    await expect.poll(() => page.locator('[data-testid="readiness-uncovered-table"] tbody tr').count()).toBe(1);
    await page.screenshot({ path: '/tmp/readiness-posko-jabar-1366.png', fullPage: true });
    await markPage(page);

    const [ciniru, ...others] = await tkskOf('32.08.02');
    expect(others).toEqual([]);
    const retired = await call(admin, 'POST', `/api/volunteers/${ciniru!.id}/retire`, {
      reason: 'Mengundurkan diri dari TKSK',
    });
    expect(retired.status).toBe(200);

    await expect
      .poll(() => uncovered.locator('li').allTextContents(), { timeout: 10_000 })
      .toEqual([
        expect.stringContaining('Kec. Cilebak'),
        expect.stringContaining('Kec. Ciniru, Kabupaten Kuningan · TKSK: 0 dari 1'),
      ]);
    await expect
      .poll(() => page.locator('[data-testid="readiness-uncovered-table"] tr[data-district="32.08.02"]').count())
      .toBe(1);
    await expectSamePage(page);
    await context.close();
  });

  it('marks Katingan below its Tagana minimum on the map and in the table, and clears it live when the minimum is lowered', async () => {
    const context = await signedInContext(browser, posko.url, admin, DESKTOP_VIEWPORT);
    const page = await context.newPage();
    await page.goto(`${posko.url}/provinsi/62`);
    const below = page.getByTestId('readiness-below');
    await expect
      .poll(() => below.locator('li').allTextContents())
      .toEqual([expect.stringContaining('Kabupaten Katingan · Tagana: 27 siaga dari minimum 30 (kurang 3)')]);
    const label = page.locator('.regency-label [data-regency="62.06"]');
    await label.waitFor();
    expect(await label.getAttribute('data-warned')).toBe('true');
    // The number is every volunteer on standby there, as in the table; the "!" beside it is the warning.
    const standby = await page
      .locator('[data-testid="availability-table"] tr[data-regency="62.06"] [data-testid="available"]')
      .textContent();
    expect(await label.textContent()).toBe(standby);
    expect(await page.locator('.regency-label.warned .warn-mark').count()).toBe(1);
    expect(await page.locator('.regency-label [data-warned]').count()).toBe(1);
    const marker = page.locator('.leaflet-marker-icon[title^="Kabupaten Katingan"]');
    expect(await marker.getAttribute('title')).toMatch(/Di bawah minimum: Tagana 27\/30/);
    const row = page.locator('[data-testid="readiness-below-table"] tr[data-short-regency="62.06"]');
    expect(await row.locator('[data-testid="shortBy"]').textContent()).toBe('3');
    await page.screenshot({ path: '/tmp/readiness-provinsi-62-1366.png' });
    await markPage(page);

    const lowered = await call(kalteng, 'PUT', '/api/readiness/minimums', {
      regencyCode: '62.06',
      pillarCode: 'tagana',
      minimumAvailable: 20,
    });
    expect(lowered.status).toBe(200);
    await expect.poll(() => below.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator('.regency-label [data-warned]').count()).toBe(0);
    expect(await page.getByTestId('readiness-ok').textContent()).toMatch(/Semua minimum siaga terpenuhi/);
    await expectSamePage(page);

    await call(kalteng, 'PUT', '/api/readiness/minimums', {
      regencyCode: '62.06',
      pillarCode: 'tagana',
      minimumAvailable: 30,
    });
    await expect.poll(() => below.locator('li').count(), { timeout: 10_000 }).toBe(1);
    await context.close();
  });
});

describe('readiness on the board and the settings page', () => {
  it('shows the leaders which kecamatan are uncovered, on a phone too', async () => {
    const context = await signedInContext(browser, posko.url, jabarLeader, PHONE_VIEWPORT);
    const page = await context.newPage();
    await page.goto(`${posko.url}/pantau`);
    const names = page.getByTestId('readiness-uncovered').locator('li');
    await expect.poll(() => names.allTextContents()).toContainEqual(expect.stringContaining('Kec. Cilebak'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: '/tmp/readiness-pantau-jabar-360.png', fullPage: true });
    await context.close();
  });

  it('lets a province coordinator add and remove a minimum, and shows a kabupaten coordinator the rules only', async () => {
    const context = await signedInContext(browser, posko.url, kalteng, PHONE_VIEWPORT);
    const page = await context.newPage();
    await page.goto(`${posko.url}/posko/kesiapan`);
    const rows = page.locator('[data-testid="readiness-minimum-table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByTestId('readiness-minimum-regency').selectOption('62.09');
    await page.getByTestId('readiness-minimum-pillar').selectOption('tagana');
    await page.getByTestId('readiness-minimum-amount').fill('500');
    await page.getByRole('button', { name: 'Simpan minimum' }).click();
    const lamandau = page.locator('[data-testid="readiness-minimum-table"] tr[data-regency="62.09"]');
    await lamandau.waitFor();
    expect(await lamandau.textContent()).toMatch(/Lamandau.*Tagana.*500.*kurang/);
    await expect.poll(() => page.getByTestId('readiness-below').locator('li[data-regency="62.09"]').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: '/tmp/readiness-settings-360.png', fullPage: true });
    await page.setViewportSize(DESKTOP_VIEWPORT);
    await page.screenshot({ path: '/tmp/readiness-settings-1366.png', fullPage: true });

    await page.getByRole('button', { name: 'Hapus minimum Tagana di Kabupaten Lamandau' }).click();
    await expect.poll(() => lamandau.count()).toBe(0);
    expect(await page.getByTestId('readiness-status').textContent()).toBe('Dihapus.');
    expect((await minimumsInDatabase()).map((row) => row.regencyCode)).not.toContain('62.09');
    await context.close();

    const readOnly = await signedInContext(browser, posko.url, kapuas, PHONE_VIEWPORT);
    const kapuasPage = await readOnly.newPage();
    await kapuasPage.goto(`${posko.url}/posko/kesiapan`);
    await kapuasPage.getByText('ditetapkan oleh koordinator provinsi').waitFor();
    expect(await kapuasPage.locator('[data-testid="readiness-minimum-table"] tbody tr').count()).toBe(3);
    expect(await kapuasPage.getByRole('button', { name: 'Simpan minimum' }).count()).toBe(0);
    await readOnly.close();
  });
});
