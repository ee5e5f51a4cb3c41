import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../lib/realtime';
import { signInDemo } from '../support/accounts';
import { seriousAxeFindings } from '../support/axe';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { connectClient, type TestClient } from '../support/realtime';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts');
const WALL_VIEWPORT = { width: 1920, height: 1080 };
let posko: PoskoProcess;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sockets: TestClient[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await browser?.close();
  await posko?.stop();
});

/** A browser signed in as a demo account, on `path`, with its live connection up. */
async function openAs(
  login: string,
  viewport: { width: number; height: number },
  pagePath = '/pantau',
  language?: 'en',
): Promise<Page> {
  const cookie = await signInDemo(posko.url, login);
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([
    { name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' },
    ...(language ? [{ name: 'posko_lang', value: language, url: posko.url }] : []),
  ]);
  const page = await context.newPage();
  await page.goto(`${posko.url}${pagePath}`);
  await expect.poll(() => page.getByTestId('connection').getAttribute('class'), { timeout: 10_000 }).toContain('live');
  return page;
}

const number = (text: string | null) => Number((text ?? '').replace(/[.,\s]/g, ''));
const figure = (page: Page, id: string) => page.getByTestId(`figure-${id}`);
const figureValue = async (page: Page, id: string) =>
  number(await figure(page, id).getByTestId('figure-value').textContent());
const tableCell = async (page: Page, regencyCode: string, column: 'available' | 'deployed') =>
  number(await page.locator(`tr[data-regency="${regencyCode}"]`).getByTestId(column).textContent());

/** Polls every 50 ms for at most one second: what "live" means on the board. */
const withinASecond = { timeout: 1_000, interval: 50 };

describe('the leaders board /pantau', () => {
  it('shows a change another coordinator makes within a second, without a reload', async () => {
    const leader = await openAs('pimpinan.kalteng', DESKTOP_VIEWPORT);
    const coordinator = await openAs('koord.kalteng', DESKTOP_VIEWPORT, '/posko');
    await leader.getByTestId('board-timeline').waitFor();
    // A reload would lose this mark.
    await leader.evaluate(() => Object.assign(window, { boardMark: 'not reloaded' }));
    const before = {
      incidents: await figureValue(leader, 'open-incidents'),
      unfilled: await figureValue(leader, 'unfilled-requests'),
      available: await figureValue(leader, 'available'),
      deployed: await figureValue(leader, 'deployed'),
      kapuasDeployed: await tableCell(leader, '62.03', 'deployed'),
    };
    expect(before.available).toBeGreaterThan(1000);

    // The province coordinator registers a landslide in Kapuas from their own browser.
    const created = await coordinator.request.post(`${posko.url}/api/incidents`, {
      data: {
        type: 'landslide',
        severity: 4,
        regencyCode: '62.03',
        title: 'Longsor tebing Sungai Kapuas di Mandomai',
      },
    });
    expect(created.status()).toBe(201);
    const incident = (await created.json()) as { id: string };
    await expect.poll(() => figureValue(leader, 'open-incidents'), withinASecond).toBe(before.incidents + 1);
    const newest = leader.getByTestId('board-timeline-line').first();
    await expect.poll(() => newest.textContent(), withinASecond).toContain('Longsor tebing Sungai Kapuas di Mandomai');
    expect(await newest.textContent()).toContain('Kejadian dicatat: Tanah longsor, tingkat 4');

    // They ask Kapuas for one Tagana volunteer: one more request is not yet full.
    const asked = await coordinator.request.post(`${posko.url}/api/requests`, {
      data: {
        incidentId: incident.id,
        slots: 1,
        pillarCodes: ['tagana'],
        sourceRegencyCodes: ['62.03'],
        meetingPoint: 'Posko Kecamatan Mandomai',
        deadline: new Date(Date.now() + 3 * 3_600_000).toISOString(),
      },
    });
    expect(asked.status()).toBe(201);
    const { request } = (await asked.json()) as { request: { id: string } };
    await expect.poll(() => figureValue(leader, 'unfilled-requests'), withinASecond).toBe(before.unfilled + 1);
    await expect
      .poll(() => figure(leader, 'unfilled-requests').getByTestId('figure-note').textContent(), withinASecond)
      .toMatch(/tempat kosong/);

    // The Kapuas ketua regu accepts on the phone (the same command the phone page sends).
    const output = posko.output();
    const phone = /Relawan\s+(0\d+)\s+.*Tagana Kapuas \(ketua regu\)/.exec(output)![1]!;
    const volunteerCookie = await signInDemo(posko.url, phone);
    const offers = (await (
      await fetch(`${posko.url}/api/assignments`, { headers: { cookie: volunteerCookie } })
    ).json()) as { assignment: { id: string }; request: { id: string } }[];
    const offer = offers.find((entry) => entry.request.id === request.id)!;
    const socket = await connectClient(posko.url, { cookie: volunteerCookie });
    sockets.push(socket);
    const ack = (await socket
      .timeout(5_000)
      .emitWithAck('offer:accept', { assignmentId: offer.assignment.id })) as Ack<unknown>;
    expect(ack.ok).toBe(true);
    const accepted = Date.now();
    await expect.poll(() => figureValue(leader, 'deployed'), withinASecond).toBe(before.deployed + 1);
    const seenAfter = Date.now() - accepted;
    await expect.poll(() => figureValue(leader, 'available'), withinASecond).toBe(before.available - 1);
    await expect.poll(() => figureValue(leader, 'unfilled-requests'), withinASecond).toBe(before.unfilled);
    await expect.poll(() => tableCell(leader, '62.03', 'deployed'), withinASecond).toBe(before.kapuasDeployed + 1);
    await expect
      .poll(() => leader.getByTestId('board-timeline-text').first().textContent(), withinASecond)
      .toMatch(/^Permintaan penuh: 1 relawan$/);
    expect(await leader.getByTestId('board-timeline-text').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/ menerima \(1\/1\)$/)]),
    );
    await expect
      .poll(
        () => leader.getByTestId('board-request').filter({ hasText: 'Mandomai' }).getByTestId('board-person').count(),
        withinASecond,
      )
      .toBe(1);
    expect(await leader.evaluate(() => (window as unknown as { boardMark?: string }).boardMark)).toBe('not reloaded');
    console.info(`board: deployed count changed ${seenAfter} ms after the accept was acknowledged`);

    // The trend says in words how the figure moved against six hours ago, and the earlier value.
    const trend = await figure(leader, 'deployed').getByTestId('figure-trend').textContent();
    expect(trend).toMatch(/^[▲▼■] (naik|turun|tetap) · 6 jam lalu: [\d.]+$/);

    // A day instead of six hours: the trends say so, and the address keeps the choice.
    await leader.getByRole('button', { name: '24 jam lalu' }).click();
    await expect
      .poll(() => figure(leader, 'available').getByTestId('figure-trend').textContent(), { timeout: 3_000 })
      .toContain('24 jam lalu:');
    expect(new URL(leader.url()).searchParams.get('banding')).toBe('24');

    expect(await seriousAxeFindings(leader)).toEqual([]);
    await leader.screenshot({ path: path.join(SCREENSHOTS, 'board-desktop.png'), fullPage: true });
  });

  it('fits a wall screen: the figures, the map, the chart and the timeline in one 1920×1080 view', async () => {
    const wall = await openAs('pimpinan.kalteng', WALL_VIEWPORT);
    await wall.locator('.leaflet-container').waitFor();
    await wall.getByTestId('regency-chart').locator('.recharts-bar-rectangle').first().waitFor();
    for (const selector of ['.figure-grid', '.board-map', '[data-testid="regency-chart"]', '#board-timeline-title']) {
      const box = await wall.locator(selector).first().boundingBox();
      expect(box, selector).not.toBeNull();
      expect(box!.y + Math.min(box!.height, 300), `${selector} starts within the screen`).toBeLessThanOrEqual(1080);
    }
    const value = await figure(wall, 'available')
      .getByTestId('figure-value')
      .evaluate((element) => {
        return Number.parseFloat(getComputedStyle(element).fontSize);
      });
    expect(value, 'figures readable from across the room').toBeGreaterThanOrEqual(56);
    expect(await wall.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1920);
    expect(await seriousAxeFindings(wall)).toEqual([]);
    await wall.screenshot({ path: path.join(SCREENSHOTS, 'board-wall.png') });
  });

  it('draws the running incidents and the lines from their source kabupaten on the wall view, and cuts no row at 1920×1080', async () => {
    const wall = await openAs('pimpinan.kalteng', WALL_VIEWPORT);
    await wall.locator('.board-map .leaflet-overlay-pane canvas').waitFor();
    await expect.poll(() => wall.locator('.board-map .regency-label').count()).toBe(14);
    const board = (await wall.evaluate(async () => (await fetch('/api/board/62')).json())) as {
      incidents: { type: string; title: string }[];
      lines: { active: number }[];
    };
    expect(board.incidents.length).toBeGreaterThan(0);
    expect(board.lines.some((line) => line.active > 0)).toBe(true);
    // The legend names each incident type on the map and the lines, as on the command centre.
    const legend = wall.locator('.map-board-panel').getByTestId('legend');
    const types = await legend
      .locator('[data-incident-type]')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-incident-type')));
    expect(types).toEqual([...new Set(board.incidents.map((incident) => incident.type))].sort());
    expect(await legend.getByText('Dari kabupaten asal ke kejadian').count()).toBe(1);

    // A verified assessment of a new Kapuas flood shows its numbers on the board without a reload.
    const office = await signInDemo(posko.url, 'koord.kalteng');
    const post = async <T>(route: string, body: unknown): Promise<T> => {
      const response = await fetch(`${posko.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: office },
        body: JSON.stringify(body),
      });
      expect(response.status, route).toBeLessThan(300);
      return (await response.json()) as T;
    };
    const flood = await post<{ id: string }>('/api/incidents', {
      type: 'flood',
      severity: 3,
      regencyCode: '62.03',
      title: 'Banjir papan pimpinan',
    });
    const assessment = await post<{ id: string }>(`/api/incidents/${flood.id}/assessments`, {
      districtCode: '62.03.01',
      dead: 4,
      missing: 2,
      housesFlooded: 70,
    });
    await post(`/api/assessments/${assessment.id}/verify`, { verified: true });
    const shown = wall.getByTestId('board-incident-figures').locator(`[data-incident="${flood.id}"]`);
    await expect.poll(() => shown.getByTestId('incident-figure-dead').textContent(), { timeout: 5_000 }).toBe('4');
    expect(await shown.getByTestId('incident-figure-houses').textContent()).toBe('70');
    await expect.poll(() => shown.locator('.unverified-mark').count(), { timeout: 5_000 }).toBe(0);

    // Every panel of the wall view ends inside the screen: the last kabupaten row of the table, the
    // legend under the map and the timeline's last line are whole.
    const bottoms = await wall.evaluate(() => {
      const bottom = (selector: string) => {
        const all = [...document.querySelectorAll(selector)];
        return all.length ? Math.max(...all.map((element) => element.getBoundingClientRect().bottom)) : null;
      };
      return {
        figures: bottom('.figure-grid'),
        map: bottom('.map-board-panel'),
        chart: bottom('.chart-panel'),
        lastRegencyRow: bottom('.chart-panel tr'),
        timeline: bottom('.timeline-panel'),
        incidentFigures: bottom('.incident-figures-panel'),
      };
    });
    for (const [what, bottom] of Object.entries(bottoms)) {
      expect(bottom, what).not.toBeNull();
      expect(bottom!, `${what} ends inside 1080 px`).toBeLessThanOrEqual(1080);
    }
    // No line of the timeline is cut: each one shown lies whole inside the list, its panel and the screen.
    const cut = await wall.evaluate(() => {
      const list = document.querySelector('[data-testid="board-timeline"]')!;
      const box = list.getBoundingClientRect();
      const panel = list.closest('section')!.getBoundingClientRect();
      const shownLines = [...list.querySelectorAll('li')].filter((line) => !line.hidden);
      const outside = [...list.querySelectorAll('li *'), ...shownLines].filter((element) => {
        if (element.closest('li[hidden]')) return false;
        const rect = element.getBoundingClientRect();
        return (
          rect.bottom > Math.min(box.bottom, panel.bottom, 1080) + 0.5 ||
          rect.right > box.right + 0.5 ||
          element.scrollHeight > element.clientHeight + 1
        );
      });
      return { shown: shownLines.length, outside: outside.map((element) => element.outerHTML.slice(0, 80)) };
    });
    expect(cut.shown).toBeGreaterThan(0);
    expect(cut.outside).toEqual([]);
    expect(await wall.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1920);
    await wall.screenshot({ path: '/tmp/map-board-wall-1920.png' });
    await wall.screenshot({ path: '/tmp/photo-board-wall-1920.png' });

    // The same map at a desktop and on a phone, where the legend starts folded.
    const desktop = await openAs('pimpinan.kalteng', DESKTOP_VIEWPORT);
    await desktop.locator('.board-map .leaflet-overlay-pane canvas').waitFor();
    await desktop.screenshot({ path: '/tmp/map-board-1366.png', fullPage: true });
    const phone = await openAs('pimpinan.kalteng', PHONE_VIEWPORT);
    await phone.locator('.board-map .leaflet-overlay-pane canvas').waitFor();
    expect(
      await phone
        .locator('.map-board-panel')
        .getByTestId('legend')
        .evaluate((element) => (element as HTMLDetailsElement).open),
    ).toBe(false);
    await phone.locator('.map-board-panel').screenshot({ path: '/tmp/map-board-360.png' });
  });

  it('stays readable on a phone: one column, no sideways scroll, no serious accessibility finding', async () => {
    const phone = await openAs('pimpinan.kalteng', PHONE_VIEWPORT);
    await phone.locator('.leaflet-container').waitFor();
    await phone.getByTestId('regency-chart').locator('.recharts-bar-rectangle').first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await phone.getByTestId('board-incident-figures').screenshot({ path: '/tmp/photo-board-figures-360.png' });
    const tiles = await phone
      .locator('.figure')
      .evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().right));
    expect(tiles).toHaveLength(6);
    expect(Math.max(...tiles)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    const button = await phone.getByRole('button', { name: '24 jam lalu' }).boundingBox();
    expect(button!.height).toBeGreaterThanOrEqual(44);
    expect(await seriousAxeFindings(phone)).toEqual([]);
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'board-phone-full.png'), fullPage: true });
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'board-phone.png') });
    await phone.locator('.chart-panel').screenshot({ path: path.join(SCREENSHOTS, 'board-phone-chart.png') });
    await phone.locator('.timeline-panel').screenshot({ path: path.join(SCREENSHOTS, 'board-phone-timeline.png') });
    await phone.locator('.board').screenshot({ path: path.join(SCREENSHOTS, 'board-phone-deployments.png') });
  });

  it('speaks English when asked, and lets an admin pick another province', async () => {
    const english = await openAs('pimpinan.kalteng', DESKTOP_VIEWPORT, '/pantau', 'en');
    expect(await english.locator('h1').first().textContent()).toBe('Situation Board');
    expect(await figure(english, 'available').locator('.figure-label').textContent()).toBe('Volunteers on standby');
    expect(await figure(english, 'deployed').getByTestId('figure-trend').textContent()).toMatch(
      /^[▲▼■] (up|down|unchanged) · 6 hours ago: [\d,]+$/,
    );
    expect(await seriousAxeFindings(english)).toEqual([]);

    const admin = await openAs('admin', DESKTOP_VIEWPORT, '/pantau?provinsi=32');
    expect(await admin.locator('.subtitle').first().textContent()).toBe('Provinsi Jawa Barat');
    expect(await admin.locator('tr[data-regency="32.08"] th').textContent()).toBe('Kabupaten Kuningan');
    expect(await admin.getByLabel('Provinsi').inputValue()).toBe('32');
  });
});
