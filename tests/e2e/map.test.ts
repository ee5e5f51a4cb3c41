import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { volunteers } from '../../db/schema';
import { createTestAccount, signedInContext, type TestAccount } from '../support/accounts';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startSeededPostgres, type SeededPostgres } from '../support/postgres-database';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts');
const KALTENG = [
  '62.01',
  '62.02',
  '62.03',
  '62.04',
  '62.05',
  '62.06',
  '62.07',
  '62.08',
  '62.09',
  '62.10',
  '62.11',
  '62.12',
  '62.13',
  '62.71',
];

let postgres: SeededPostgres;
let posko: PoskoProcess;
let browser: Browser;
let coordinator: TestAccount;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  postgres = await startSeededPostgres('demo');
  [posko, browser] = await Promise.all([startPoskoProcess({ DATABASE_URL: postgres.databaseUrl }), launchChromium()]);
  coordinator = await createTestAccount(postgres.handle.db, { role: 'coordinator', provinceCode: '62' });
});
afterAll(async () => {
  await browser?.close();
  await posko?.stop();
  await postgres?.stop();
});

async function databaseCounts() {
  const rows = await queryRows<{ regency_code: string; available: number; deployed: number; unavailable: number }>(
    postgres.handle.db,
    sql`
    select regency_code,
      count(*) filter (where availability = 'available')::int as available,
      count(*) filter (where availability = 'deployed')::int as deployed,
      count(*) filter (where availability = 'unavailable')::int as unavailable
    from volunteers where regency_code like '62.%' group by 1`,
  );
  return new Map(rows.map((row) => [row.regency_code, row]));
}

const number = (text: string | null) => Number((text ?? '').replace(/\./g, ''));

async function tableCounts(page: Page, code: string) {
  const row = page.locator(`tr[data-regency="${code}"]`);
  return {
    available: number(await row.getByTestId('available').textContent()),
    deployed: number(await row.getByTestId('deployed').textContent()),
    unavailable: number(await row.getByTestId('unavailable').textContent()),
  };
}

async function openMap(viewport: { width: number; height: number }): Promise<Page> {
  const context = await signedInContext(browser, posko.url, coordinator, viewport);
  const page = await context.newPage();
  await page.goto(`${posko.url}/posko`);
  await page.getByTestId('connection').getByText('Langsung').waitFor();
  await page.locator('.regency-label').first().waitFor();
  return page;
}

describe('the map page', () => {
  it('shows all 14 Kalteng regencies with the numbers in the database, and follows a change live', async () => {
    const page = await openMap(DESKTOP_VIEWPORT);
    await expect
      .poll(() => page.locator('.leaflet-overlay-pane canvas, .leaflet-overlay-pane path').count())
      .toBeGreaterThan(0);
    await expect.poll(() => page.locator('.regency-label').count()).toBe(14);

    const counts = await databaseCounts();
    for (const code of KALTENG) {
      const expected = counts.get(code)!;
      expect(await tableCounts(page, code), code).toEqual({
        available: expected.available,
        deployed: expected.deployed,
        unavailable: expected.unavailable,
      });
      const label = page.locator(`.regency-label [data-regency="${code}"]`);
      expect(number(await label.textContent()), `map label ${code}`).toBe(expected.available);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'map-desktop.png') });

    // Mark the page: a reload would lose the mark.
    await page.evaluate(() => ((window as unknown as { poskoNotReloaded: boolean }).poskoNotReloaded = true));
    const [volunteer] = await postgres.handle.db
      .select({ id: volunteers.id })
      .from(volunteers)
      .where(and(eq(volunteers.regencyCode, '62.03'), eq(volunteers.availability, 'available')))
      .limit(1);
    const before = await tableCounts(page, '62.03');
    const response = await fetch(`${posko.url}/api/volunteers/${volunteer!.id}/availability`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: coordinator.cookie },
      body: JSON.stringify({ availability: 'unavailable' }),
    });
    expect(response.status).toBe(200);

    await expect
      .poll(() => tableCounts(page, '62.03'), { timeout: 3_000 })
      .toEqual({
        ...before,
        available: before.available - 1,
        unavailable: before.unavailable + 1,
      });
    await expect
      .poll(async () => number(await page.locator('.regency-label [data-regency="62.03"]').textContent()))
      .toBe(before.available - 1);
    expect(await page.evaluate(() => (window as unknown as { poskoNotReloaded?: boolean }).poskoNotReloaded)).toBe(
      true,
    );
    await page.close();
  });

  it('shows the count per pillar when a regency is tapped', async () => {
    const page = await openMap(DESKTOP_VIEWPORT);
    await page.locator('.regency-label [data-regency="62.71"]').click();
    const popup = page.getByTestId('regency-popup');
    await popup.waitFor();
    await expect.poll(() => popup.locator('h3').textContent()).toBe('Kota Palangka Raya');
    const pillars = await popup
      .locator('tr[data-pillar]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-pillar')));
    expect(pillars).toEqual(expect.arrayContaining(['tagana']));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'map-desktop-popup.png') });
    await page.close();
  });

  it('fits a 360 px phone: nothing wider than the screen, map and list both there', async () => {
    const page = await openMap(PHONE_VIEWPORT);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await expect.poll(() => page.locator('tr[data-regency]').count()).toBe(14);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'map-phone.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'map-phone-full.png'), fullPage: true });
    await page.close();
  });
});
