import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOUNDARIES_DIR } from '../../db/boundaries/paths';
import { queryRows } from '../../db/client';
import { volunteers } from '../../db/schema';
import type { CommandCentreLive } from '../../lib/command-centre';
import { INCIDENT_COLOURS, severityRadius } from '../../app/_shared/map/incident-style';
import { MAP_PAINTED_MARK } from '../../app/_shared/map/paint-mark';
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
  await page.getByTestId('connection').getByText('Terhubung').waitFor();
  await page.locator('.regency-label').first().waitFor();
  return page;
}

type Rgb = [number, number, number];
const rgb = (hex: string): Rgb => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as Rgb;

/**
 * Where a latitude/longitude lands on the page, from two kabupaten labels (each centred on its label
 * point): the map is Web Mercator, so x follows the longitude and y the Mercator latitude, linearly.
 */
async function pageProjection(page: Page): Promise<(lat: number, lng: number) => { x: number; y: number }> {
  const points = JSON.parse(readFileSync(path.join(BOUNDARIES_DIR, 'points.json'), 'utf8')) as Record<
    string,
    { lat: number; lng: number }
  >;
  const labels = await page.locator('.regency-label [data-regency]').evaluateAll((spans) =>
    spans.map((span) => {
      const box = span.parentElement!.getBoundingClientRect();
      return { code: span.getAttribute('data-regency')!, x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }),
  );
  const placed = labels.filter((label) => points[label.code]);
  const west = placed.reduce((a, b) => (points[a.code]!.lng < points[b.code]!.lng ? a : b));
  const east = placed.reduce((a, b) => (points[a.code]!.lng > points[b.code]!.lng ? a : b));
  const north = placed.reduce((a, b) => (points[a.code]!.lat > points[b.code]!.lat ? a : b));
  const south = placed.reduce((a, b) => (points[a.code]!.lat < points[b.code]!.lat ? a : b));
  const mercator = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const xPerLng = (east.x - west.x) / (points[east.code]!.lng - points[west.code]!.lng);
  const yPerMerc = (south.y - north.y) / (mercator(points[south.code]!.lat) - mercator(points[north.code]!.lat));
  return (lat, lng) => ({
    x: west.x + (lng - points[west.code]!.lng) * xPerLng,
    y: north.y + (mercator(lat) - mercator(points[north.code]!.lat)) * yPerMerc,
  });
}

/**
 * For each page point, how far (in RGB) the colour the map's canvas drew there is from the expected one:
 * the nearest within `spread` pixels around it (labels and popups are not on the canvas).
 */
async function canvasDistances(page: Page, spots: { x: number; y: number; colour: Rgb }[], spread = 0) {
  return page.evaluate(
    ({ spots, spread }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('.leaflet-overlay-pane canvas')!;
      const box = canvas.getBoundingClientRect();
      const scale = canvas.width / box.width;
      const context = canvas.getContext('2d')!;
      return spots.map(({ x, y, colour }) => {
        const size = 2 * spread + 1;
        const left = Math.round((x - box.left) * scale) - spread;
        const top = Math.round((y - box.top) * scale) - spread;
        const data = context.getImageData(left, top, size, size).data;
        let nearest = Infinity;
        for (let at = 0; at < data.length; at += 4) {
          const d = Math.hypot(data[at]! - colour[0], data[at + 1]! - colour[1], data[at + 2]! - colour[2]);
          nearest = Math.min(nearest, d);
        }
        return nearest;
      });
    },
    { spots, spread },
  );
}

describe('the map page', () => {
  it('draws incidents and deployment lines above the kabupaten shading from the first paint', async () => {
    const context = await signedInContext(browser, posko.url, coordinator, DESKTOP_VIEWPORT);
    const page = await context.newPage();
    await page.goto(`${posko.url}/posko`);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MAP_PAINTED_MARK);
    const live = (await page.evaluate(async () =>
      (await fetch('/api/command-centre?wilayah=62', { headers: { accept: 'application/json' } })).json(),
    )) as CommandCentreLive;
    const project = await pageProjection(page);
    const placed = live.incidents.filter((incident) => incident.lat !== null && incident.lng !== null);
    // An incident whose centre another incident's circle covers shows that one's colour: left out.
    const clear = placed.filter((incident) => {
      const at = project(incident.lat!, incident.lng!);
      return placed.every((other) => {
        if (other === incident) return true;
        const there = project(other.lat!, other.lng!);
        return Math.hypot(at.x - there.x, at.y - there.y) > severityRadius(other.severity) + 2;
      });
    });
    expect(clear.length).toBeGreaterThan(0);
    expect(live.lines.length).toBeGreaterThan(0);
    // A line's middle, away from every incident circle.
    const middles = live.lines
      .filter((line) => line.active > 0)
      .map((line) => project((line.from.lat + line.to.lat) / 2, (line.from.lng + line.to.lng) / 2))
      .filter((middle) =>
        placed.every((incident) => {
          const there = project(incident.lat!, incident.lng!);
          return Math.hypot(middle.x - there.x, middle.y - there.y) > severityRadius(incident.severity) + 4;
        }),
      );
    expect(middles.length).toBeGreaterThan(0);

    // Filled at 0.9 (circles) and 0.8 (lines) over shading at 0.85: drawn on top, the colour stays the
    // incident's or the line's; drawn under the shading it would be the shading's.
    const incidentSpots = clear.map((incident) => ({
      ...project(incident.lat!, incident.lng!),
      colour: rgb(INCIDENT_COLOURS[incident.type]),
    }));
    await expect
      .poll(async () => Math.max(...(await canvasDistances(page, incidentSpots))), { timeout: 2_000 })
      .toBeLessThan(60);
    const lineSpots = middles.map((middle) => ({ ...middle, colour: rgb('#0b3954') }));
    expect(Math.max(...(await canvasDistances(page, lineSpots, 2)))).toBeLessThan(70);
    await context.close();
  });

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

type Box = { left: number; top: number; right: number; bottom: number };
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The legend's box and every kabupaten count label's box on the page. */
async function legendAndCounts(page: Page): Promise<{ legend: Box; counts: { code: string; box: Box }[] }> {
  return page.evaluate(() => {
    const box = (element: Element) => {
      const { left, top, right, bottom } = element.getBoundingClientRect();
      return { left, top, right, bottom };
    };
    return {
      legend: box(document.querySelector('[data-testid="legend"]')!),
      counts: [...document.querySelectorAll('.regency-label [data-regency]')].map((span) => ({
        code: span.getAttribute('data-regency')!,
        box: box(span),
      })),
    };
  });
}

describe('a map a leader trusts', () => {
  it('keeps the legend off every kabupaten count, on a desktop and on a phone (folded, then open)', async () => {
    const desktop = await openMap(DESKTOP_VIEWPORT);
    await expect.poll(() => desktop.locator('.regency-label').count()).toBe(14);
    await expect
      .poll(() => desktop.getByTestId('legend').evaluate((legend) => (legend as HTMLDetailsElement).open))
      .toBe(true);
    const wide = await legendAndCounts(desktop);
    expect(wide.counts).toHaveLength(14);
    expect(wide.counts.filter((count) => overlaps(count.box, wide.legend)).map((count) => count.code)).toEqual([]);
    await desktop.screenshot({ path: '/tmp/map-command-centre-1366.png' });
    await desktop.close();

    const phone = await openMap(PHONE_VIEWPORT);
    await expect.poll(() => phone.locator('.regency-label').count()).toBe(14);
    const legend = phone.getByTestId('legend');
    expect(await legend.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    const folded = await legendAndCounts(phone);
    expect(folded.counts.filter((count) => overlaps(count.box, folded.legend)).map((count) => count.code)).toEqual([]);
    await phone.screenshot({ path: '/tmp/map-command-centre-360.png' });
    await legend.getByText('Keterangan').click();
    expect(await legend.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(true);
    await expect.poll(async () => (await legend.boundingBox())!.height).toBeGreaterThan(60);
    const open = await legendAndCounts(phone);
    expect(open.counts.filter((count) => overlaps(count.box, open.legend)).map((count) => count.code)).toEqual([]);
    await phone.screenshot({ path: '/tmp/map-command-centre-360-legend.png', fullPage: true });
    await phone.close();
  });

  it('names the kabupaten where they fit, hides the names that would pile up when zoomed out', async () => {
    const page = await openMap(DESKTOP_VIEWPORT);
    await expect.poll(() => page.locator('.regency-label').count()).toBe(14);
    const names = () =>
      page.locator('[data-regency-name]').evaluateAll((elements) =>
        elements.map((element) => {
          const { left, top, right, bottom } = element.getBoundingClientRect();
          return {
            code: element.getAttribute('data-regency-name')!,
            text: element.textContent,
            box: { left, top, right, bottom },
          };
        }),
      );
    const atProvince = await names();
    expect(atProvince.length).toBeGreaterThanOrEqual(7);
    expect(atProvince.find((name) => name.code === '62.03')?.text).toBe('Kapuas');
    const noPileUp = (shown: Awaited<ReturnType<typeof names>>) =>
      shown
        .filter((a, at) => shown.some((b, other) => other !== at && overlaps(a.box, b.box)))
        .map((name) => name.code);
    expect(noPileUp(atProvince)).toEqual([]);

    // Two steps out: the kabupaten crowd together and their names step aside; back in, they return.
    const zoomOut = page.locator('.leaflet-control-zoom-out');
    await zoomOut.click();
    await page.waitForTimeout(400);
    await zoomOut.click();
    // Measured once the zoom has settled: mid-animation the labels are still moving.
    await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
    await page.waitForTimeout(600);
    await expect.poll(async () => (await names()).length).toBeLessThan(atProvince.length);
    expect(noPileUp(await names())).toEqual([]);
    await page.screenshot({ path: '/tmp/map-names-zoomed-out.png' });
    const zoomIn = page.locator('.leaflet-control-zoom-in');
    await zoomIn.click();
    await page.waitForTimeout(400);
    await zoomIn.click();
    await page.waitForTimeout(400);
    await zoomIn.click();
    await expect.poll(async () => (await names()).length).toBeGreaterThanOrEqual(atProvince.length);
    await page.screenshot({ path: '/tmp/map-names-zoomed-in.png' });
    await page.close();
  });

  it('offers "Lihat relawan" and "Minta relawan dari sini" in a kabupaten popup, each landing where it says', async () => {
    const page = await openMap(DESKTOP_VIEWPORT);
    await page.locator('.regency-label [data-regency="62.03"]').click();
    const popup = page.getByTestId('regency-popup');
    await popup.waitFor();
    const roster = popup.getByRole('link', { name: 'Lihat relawan' });
    expect(await roster.getAttribute('href')).toBe('/posko/relawan?regencyCode=62.03');
    const ask = popup.getByTestId('regency-ask');
    expect(await ask.count()).toBeGreaterThan(0);
    expect(await popup.getByText('Minta relawan dari sini untuk:').count()).toBe(1);
    // The popup stays open through a live change, and shows it.
    const availableInPopup = async () => number(await popup.locator('strong').first().textContent());
    const before = await availableInPopup();
    const [volunteer] = await postgres.handle.db
      .select({ id: volunteers.id })
      .from(volunteers)
      .where(and(eq(volunteers.regencyCode, '62.03'), eq(volunteers.availability, 'available')))
      .limit(1);
    const response = await fetch(`${posko.url}/api/volunteers/${volunteer!.id}/availability`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: coordinator.cookie },
      body: JSON.stringify({ availability: 'unavailable' }),
    });
    expect(response.status).toBe(200);
    await expect.poll(availableInPopup, { timeout: 10_000 }).toBe(before - 1);
    expect(await popup.isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/map-regency-popup-1366.png' });
    const title = await ask.first().textContent();
    await ask.first().click();
    // The landing is judged by what the page shows, not by when its last script finished loading.
    await page.waitForURL(/\/kejadian\/[0-9a-f-]+\?sumber=62\.03/, { waitUntil: 'commit' });
    await expect.poll(() => page.getByTestId('incident-title').textContent(), { timeout: 10_000 }).toBe(title);
    const source = page.locator('[data-testid="source-regency"][data-regency="62.03"] input');
    await source.waitFor();
    expect(await source.isChecked()).toBe(true);
    // No other kabupaten was chosen for the coordinator.
    expect(await page.locator('[data-testid="source-regency"] input:checked').count()).toBe(1);

    await page.goto(`${posko.url}/posko/relawan?regencyCode=62.03`);
    const rows = page.locator('[data-testid="roster-row"], tbody tr');
    await rows.first().waitFor();
    expect(await page.locator('select[name="regencyCode"]').inputValue()).toBe('62.03');
    await page.close();
  });

  it('shows the incident’s point on a small map with "Buka di peta", which opens the command centre on it', async () => {
    const context = await signedInContext(browser, posko.url, coordinator, PHONE_VIEWPORT);
    const page = await context.newPage();
    await page.goto(`${posko.url}/kejadian`);
    await page.locator('a[href^="/kejadian/"]').first().click();
    await page.waitForURL(/\/kejadian\/[0-9a-f-]{36}$/);
    const incidentId = new URL(page.url()).pathname.split('/').at(-1)!;
    const title = (await page.getByTestId('incident-title').textContent())!;
    await page.getByTestId('incident-point-map').locator('.leaflet-overlay-pane canvas').waitFor();
    const link = page.getByRole('link', { name: 'Buka di peta' });
    expect(await link.getAttribute('href')).toBe(`/provinsi/62?kejadian=${incidentId}`);
    await page.screenshot({ path: '/tmp/map-incident-point-360.png', fullPage: true });
    await link.click();
    const popup = page.getByTestId('incident-popup');
    await popup.waitFor();
    expect(await popup.locator('h3').textContent()).toBe(title);
    await page.screenshot({ path: '/tmp/map-open-on-map-360.png' });
    await context.close();
  });

  it('asks whether a new incident is the running one of the same type nearby, and records it only after "Bukan, catat baru"', async () => {
    const context = await signedInContext(browser, posko.url, coordinator, DESKTOP_VIEWPORT);
    const page = await context.newPage();
    await page.goto(`${posko.url}/kejadian`);
    await page.getByRole('button', { name: 'Catat kejadian' }).click();
    const form = page.getByTestId('incident-form');
    await form.getByLabel('Jenis kejadian').selectOption({ label: 'Banjir' });
    await form.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Katingan' });
    const question = form.getByTestId('nearby');
    await question.waitFor();
    expect(await question.textContent()).toContain('Mungkin kejadian yang sama:');
    const candidate = question.getByTestId('nearby-incident');
    expect(await candidate.first().textContent()).toContain('Banjir luapan Sungai Katingan di Kasongan');
    expect(await candidate.first().getAttribute('href')).toMatch(/^\/kejadian\/[0-9a-f-]{36}$/);
    await page.screenshot({ path: '/tmp/map-nearby-1366.png', fullPage: true });

    // "Catat kejadian" alone does not record it: the question takes the focus.
    const before = page.url();
    await form.getByRole('button', { name: 'Catat kejadian' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('nearby-incidents');
    expect(page.url()).toBe(before);
    await question.getByRole('button', { name: 'Bukan, catat baru' }).click();
    await page.waitForURL(/\/kejadian\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('incident-regency').textContent()).toBe('Kabupaten Katingan');
    await context.close();
  });
});
