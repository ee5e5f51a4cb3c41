import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { trainings, volunteers } from '../../db/schema';
import { createTestAccount, signedInContext, type TestAccount } from '../support/accounts';
import { seriousAxeFindings } from '../support/axe';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startSeededPostgres, type SeededPostgres } from '../support/postgres-database';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts');

let postgres: SeededPostgres;
let posko: PoskoProcess;
let browser: Browser;
let coordinator: TestAccount;
let otherCoordinator: TestAccount;
let kapuasCoordinator: TestAccount;
let admin: TestAccount;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  postgres = await startSeededPostgres('demo');
  [posko, browser] = await Promise.all([startPoskoProcess({ DATABASE_URL: postgres.databaseUrl }), launchChromium()]);
  const db = postgres.handle.db;
  coordinator = await createTestAccount(db, { role: 'coordinator', provinceCode: '62' });
  otherCoordinator = await createTestAccount(db, { role: 'coordinator', provinceCode: '62' });
  kapuasCoordinator = await createTestAccount(db, { role: 'coordinator', provinceCode: '62', regencyCode: '62.03' });
  admin = await createTestAccount(db, { role: 'admin' });
});
afterAll(async () => {
  await browser?.close();
  await posko?.stop();
  await postgres?.stop();
});

type Counts = { available: number; deployed: number; unavailable: number };

/** Kalteng's volunteers per kabupaten/kota counted in the database, only those the filter keeps. */
async function databaseCounts(filter: { pillarCode?: string; trainingId?: string }): Promise<Map<string, Counts>> {
  const rows = await queryRows<Counts & { code: string }>(
    postgres.handle.db,
    sql`
    select r.code,
      count(v.id) filter (where v.availability = 'available')::int as available,
      count(v.id) filter (where v.availability = 'deployed')::int as deployed,
      count(v.id) filter (where v.availability = 'unavailable')::int as unavailable
    from regencies r
    left join volunteers v on v.regency_code = r.code
      and (${filter.pillarCode ?? null}::text is null or v.pillar_code = ${filter.pillarCode ?? null})
      and (${filter.trainingId ?? null}::uuid is null or exists (
        select 1 from volunteer_trainings vt where vt.volunteer_id = v.id and vt.training_id = ${filter.trainingId ?? null}
          and (vt.valid_until is null or vt.valid_until >= (now() at time zone 'Asia/Jakarta')::date)))
    where r.province_code = '62'
    group by r.code`,
  );
  return new Map(rows.map(({ code, ...counts }) => [code, counts]));
}

const number = (text: string | null) => Number((text ?? '').replace(/\./g, ''));

/** Every kabupaten's numbers as the page shows them: the table row and the number on the map. */
async function shownCounts(page: Page): Promise<Map<string, Counts & { label: number }>> {
  const rows = await page.locator('tr[data-regency]').evaluateAll((elements) =>
    elements.map((row) => ({
      code: row.getAttribute('data-regency')!,
      available: row.querySelector('[data-testid="available"]')!.textContent,
      deployed: row.querySelector('[data-testid="deployed"]')!.textContent,
      unavailable: row.querySelector('[data-testid="unavailable"]')!.textContent,
      label: document.querySelector(`.regency-label [data-regency="${row.getAttribute('data-regency')}"]`)?.textContent,
    })),
  );
  return new Map(
    rows.map((row) => [
      row.code,
      {
        available: number(row.available),
        deployed: number(row.deployed),
        unavailable: number(row.unavailable),
        label: number(row.label ?? null),
      },
    ]),
  );
}

async function expectCountsLikeDatabase(page: Page, filter: { pillarCode?: string; trainingId?: string }) {
  await page.locator('[data-testid="filter-status"][data-counting="false"]').waitFor();
  const expected = await databaseCounts(filter);
  const shown = await shownCounts(page);
  expect(shown.size).toBe(14);
  for (const [code, counts] of expected) {
    expect(shown.get(code), `${code} with ${JSON.stringify(filter)}`).toEqual({ ...counts, label: counts.available });
  }
}

async function openCommandCentre(account: TestAccount, viewport: { width: number; height: number }, url = '/posko') {
  const context = await signedInContext(browser, posko.url, account, viewport);
  const page = await context.newPage();
  await page.goto(`${posko.url}${url}`);
  await page.getByTestId('connection').getByText('Terhubung').waitFor();
  await page.locator('.leaflet-overlay-pane canvas').first().waitFor();
  return page;
}

describe('the command centre', () => {
  it('counts only the chosen pillar and training, with the same numbers as the database', async () => {
    const page = await openCommandCentre(coordinator, DESKTOP_VIEWPORT);
    await expect.poll(() => page.locator('.regency-label').count()).toBe(14);
    await expectCountsLikeDatabase(page, {});
    const everyone = number(await page.getByTestId('summary-available').locator('dd').textContent());

    await page.getByTestId('pillar-filter').selectOption('tagana');
    await expectCountsLikeDatabase(page, { pillarCode: 'tagana' });
    const tagana = number(await page.getByTestId('summary-available').locator('dd').textContent());
    expect(tagana).toBeLessThan(everyone);
    await expect.poll(() => page.getByTestId('filter-status').textContent()).toContain('Tagana');

    // A training of Kalteng (or a national one) whose graduates the server counts.
    const [training] = await postgres.handle.db
      .select({ id: trainings.id })
      .from(trainings)
      .where(eq(trainings.provinceCode, '62'))
      .limit(1);
    await page.getByTestId('training-filter').selectOption(training!.id);
    await expectCountsLikeDatabase(page, { pillarCode: 'tagana', trainingId: training!.id });
    await page.getByTestId('pillar-filter').selectOption('');
    await expectCountsLikeDatabase(page, { trainingId: training!.id });

    // The filter stays right while changes arrive: a Tagana volunteer of Kapuas goes off standby.
    await page.getByTestId('training-filter').selectOption('');
    await page.getByTestId('pillar-filter').selectOption('tagana');
    const [volunteer] = await postgres.handle.db
      .select({ id: volunteers.id })
      .from(volunteers)
      .where(
        and(
          eq(volunteers.regencyCode, '62.03'),
          eq(volunteers.pillarCode, 'tagana'),
          eq(volunteers.availability, 'available'),
        ),
      )
      .limit(1);
    const before = (await shownCounts(page)).get('62.03')!;
    const response = await fetch(`${posko.url}/api/volunteers/${volunteer!.id}/availability`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: otherCoordinator.cookie },
      body: JSON.stringify({ availability: 'unavailable' }),
    });
    expect(response.status).toBe(200);
    await expect
      .poll(async () => (await shownCounts(page)).get('62.03')!.available, { timeout: 1_000 })
      .toBe(before.available - 1);
    await expectCountsLikeDatabase(page, { pillarCode: 'tagana' });
    await page.close();
  });

  it("shows another coordinator's new incident, request and activity within a second, without reload", async () => {
    const page = await openCommandCentre(coordinator, DESKTOP_VIEWPORT);
    await page.evaluate(() => ((window as unknown as { poskoNotReloaded: boolean }).poskoNotReloaded = true));
    const unfilledBefore = number(await page.getByTestId('summary-unfilled').locator('dd').textContent());

    const title = `Banjir uji pusat komando ${Date.now()}`;
    const started = Date.now();
    const shown = page.getByTestId('incident-list').getByText(title).waitFor({ timeout: 1_000 });
    const created = await fetch(`${posko.url}/api/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: otherCoordinator.cookie },
      body: JSON.stringify({ type: 'flood', severity: 4, regencyCode: '62.03', title }),
    });
    expect(created.status).toBe(201);
    const incident = (await created.json()) as { id: string };
    await shown;
    expect(Date.now() - started).toBeLessThan(1_000);
    await page.getByTestId('activity').getByText(`Kejadian baru: ${title}`).waitFor({ timeout: 1_000 });

    // A pillar with few volunteers on standby in Kapuas: few offers, so the other coordinator's request is quick.
    const [rare] = await queryRows<{ pillar_code: string }>(
      postgres.handle.db,
      sql`select pillar_code from volunteers where regency_code = '62.03' and availability = 'available'
        group by 1 order by count(*) asc, 1 limit 1`,
    );
    const requested = Date.now();
    const requestShown = page.getByTestId('request-list').getByText(title).waitFor({ timeout: 1_000 });
    const request = await fetch(`${posko.url}/api/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: otherCoordinator.cookie },
      body: JSON.stringify({
        incidentId: incident.id,
        slots: 3,
        pillarCodes: [rare!.pillar_code],
        sourceRegencyCodes: ['62.03'],
        meetingPoint: 'Kantor Dinas Sosial Kabupaten Kapuas',
        deadline: new Date(Date.now() + 3 * 3_600_000).toISOString(),
      }),
    });
    expect(request.status).toBe(201);
    await requestShown;
    expect(Date.now() - requested).toBeLessThan(1_000);
    const row = page.locator('[data-request]', { hasText: title });
    await expect.poll(() => row.getByTestId('request-fill').textContent()).toContain('0 dari 3 relawan');
    await expect
      .poll(async () => number(await page.getByTestId('summary-unfilled').locator('dd').textContent()))
      .toBe(unfilledBefore + 3);

    // A rapid assessment shows in the incident's figures, marked until it is verified, then plain.
    const post = (route: string, body: unknown) =>
      fetch(`${posko.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: otherCoordinator.cookie },
        body: JSON.stringify(body),
      });
    const assessed = await post(`/api/incidents/${incident.id}/assessments`, {
      districtCode: '62.03.01',
      dead: 3,
      displacedFamilies: 12,
      displacedPeople: 40,
    });
    expect(assessed.status).toBe(201);
    const listed = page.locator(`[data-incident="${incident.id}"]`).getByTestId('incident-figures');
    await expect.poll(() => listed.getByTestId('incident-figure-dead').textContent(), { timeout: 5_000 }).toBe('3');
    expect(await listed.locator('[data-figure="dead"] .unverified-mark').count()).toBe(1);
    expect(await listed.getByTestId('incident-figure-displaced').textContent()).toBe('12 KK / 40 jiwa');
    const { id: assessmentId } = (await assessed.json()) as { id: string };
    expect((await post(`/api/assessments/${assessmentId}/verify`, { verified: true })).status).toBe(200);
    await expect.poll(() => listed.locator('.unverified-mark').count(), { timeout: 5_000 }).toBe(0);
    expect(await listed.getByTestId('incident-figure-dead').textContent()).toBe('3');
    await page.screenshot({ path: '/tmp/photo-command-centre-1366.png' });

    // The incident can be found on the map from the list.
    await page.getByRole('button', { name: `Tunjukkan ${title} di peta` }).click();
    await expect.poll(() => page.getByTestId('incident-popup').locator('h3').textContent()).toBe(title);
    expect(await page.evaluate(() => (window as unknown as { poskoNotReloaded?: boolean }).poskoNotReloaded)).toBe(
      true,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'command-centre-desktop.png') });
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.close();
  });

  it('fits a 360 px phone with nothing serious for axe', async () => {
    const page = await openCommandCentre(coordinator, PHONE_VIEWPORT);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await expect.poll(() => page.locator('tr[data-regency]').count()).toBe(14);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'command-centre-phone.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'command-centre-phone-full.png'), fullPage: true });
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.close();
  });

  it('gives admins every province and the national view, and others only their own province', async () => {
    const page = await openCommandCentre(admin, DESKTOP_VIEWPORT, '/nasional');
    await expect.poll(() => page.locator('tr[data-province]').count()).toBe(38);
    // The national numbers are every volunteer of the province, as the database counts them.
    const [jabar] = await queryRows<{ available: number }>(
      postgres.handle.db,
      sql`select count(*) filter (where v.availability = 'available')::int as available
        from volunteers v join regencies r on r.code = v.regency_code where r.province_code = '32'`,
    );
    expect(number(await page.locator('tr[data-province="32"]').getByTestId('available').textContent())).toBe(
      jabar!.available,
    );
    const options = await page.getByTestId('province-switch').locator('option').count();
    expect(options).toBe(39);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'national-desktop.png') });
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.getByTestId('province-switch').selectOption('32');
    await page.waitForURL(`${posko.url}/provinsi/32`);
    await expect.poll(() => page.locator('.topbar .subtitle').textContent()).toBe('Provinsi Jawa Barat');
    await page.close();

    const phone = await openCommandCentre(admin, PHONE_VIEWPORT, '/nasional');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'national-phone.png') });
    expect(await seriousAxeFindings(phone)).toEqual([]);
    await phone.close();

    // A province's coordinator has nothing to switch to, and another province is not there for them.
    const own = await openCommandCentre(coordinator, DESKTOP_VIEWPORT);
    expect(await own.getByTestId('province-switch').count()).toBe(0);
    const elsewhere = await own.goto(`${posko.url}/provinsi/32`);
    expect(elsewhere?.status()).toBe(404);
    await own.close();
  });

  it("outlines a kabupaten coordinator's own kabupaten and keeps to its scope", async () => {
    const page = await openCommandCentre(kapuasCoordinator, DESKTOP_VIEWPORT);
    await expect.poll(() => page.locator('tr.emphasised').getAttribute('data-regency')).toBe('62.03');
    await expect.poll(() => page.getByTestId('legend').textContent()).toContain('kabupaten Anda');
    // Incidents in Kapuas or drawing volunteers from it, exactly.
    const expected = await queryRows<{ id: string }>(
      postgres.handle.db,
      sql`select i.id from incidents i where i.phase <> 'closed' and i.province_code = '62' and (i.regency_code = '62.03'
        or exists (select 1 from deployment_requests d where d.incident_id = i.id and d.status in ('open', 'filled')
          and d.source_regency_codes @> array['62.03']::varchar[]))`,
    );
    expect(expected.length).toBeGreaterThan(0);
    await expect
      .poll(async () =>
        (
          await page
            .locator('[data-incident]')
            .evaluateAll((items) => items.map((item) => item.getAttribute('data-incident')))
        ).sort(),
      )
      .toEqual(expected.map((row) => row.id).sort());
    await page.screenshot({ path: path.join(SCREENSHOTS, 'command-centre-kabupaten.png') });
    await page.close();
  });
});
