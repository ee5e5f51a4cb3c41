import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo } from '../support/accounts';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

let posko: PoskoProcess;
let browser: Browser;
let coordinator: string;
let leader: string;
let member: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
  const output = posko.output();
  coordinator = await signInDemo(posko.url, 'koord.kalteng');
  leader = await signInDemo(posko.url, 'pimpinan.kalteng');
  member = await signInDemo(posko.url, /Relawan\s+(0\d+)\s+.*Tagana Kapuas\n/.exec(output)![1]!);
});
afterAll(async () => {
  await browser?.close();
  await posko?.stop();
});

async function pageAs(cookie: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: viewport.width < 500, acceptDownloads: true });
  contexts.push(context);
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
  return context.newPage();
}

async function api<T>(cookie: string, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${posko.url}${route}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${route}`).toBeLessThan(300);
  return (await response.json()) as T;
}

describe('personal data in the browser', () => {
  it('a leader sees the deployed volunteers’ numbers masked; the coordinator sees them whole', async () => {
    const incident = await api<{ id: string }>(coordinator, 'POST', '/api/incidents', {
      type: 'flood',
      severity: 3,
      regencyCode: '62.03',
      title: 'Banjir Selat uji privasi',
    });
    await api(coordinator, 'POST', '/api/requests', {
      incidentId: incident.id,
      slots: 2,
      pillarCodes: ['tagana'],
      sourceRegencyCodes: ['62.03'],
      meetingPoint: 'Kantor Kecamatan Selat',
      deadline: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    });
    const watcher = await pageAs(leader, DESKTOP_VIEWPORT);
    await watcher.goto(`${posko.url}/kejadian/${incident.id}`);
    // The numbers sit in each request's list of offers, folded on a first view.
    const phones = watcher.getByTestId('assignment-phone');
    await phones.first().waitFor({ state: 'attached' });
    const shown = await phones.allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    for (const phone of shown) expect(phone).toMatch(/^\+62\d{3}\*+\d{4}$/);
    // Masked numbers are not links to call.
    expect(await watcher.locator('a[href^="tel:+62"][data-testid="assignment-phone"]').count()).toBe(0);
    await watcher.screenshot({ path: '/tmp/priv-leader-masked-1366.png', fullPage: false });

    const office = await pageAs(coordinator, DESKTOP_VIEWPORT);
    await office.goto(`${posko.url}/kejadian/${incident.id}`);
    await office.getByTestId('assignment-phone').first().waitFor({ state: 'attached' });
    for (const phone of await office.getByTestId('assignment-phone').allTextContents()) {
      expect(phone).toMatch(/^\+62\d{8,13}$/);
    }
  });

  it('a coordinator opens a volunteer’s record and the access appears on the audit page', async () => {
    const roster = await api<{ rows: { id: string; name: string }[] }>(
      coordinator,
      'GET',
      '/api/volunteers?regencyCode=62.03&pillarCode=psm&pageSize=5',
    );
    const someone = roster.rows[0]!;
    const page = await pageAs(coordinator, DESKTOP_VIEWPORT);
    await page.goto(`${posko.url}/posko/relawan/${someone.id}`);
    await page.getByRole('heading', { name: someone.name, level: 1 }).waitFor();
    await page.goto(`${posko.url}/posko/audit`);
    const reads = page.getByTestId('access-record');
    await reads.first().waitFor();
    const opened = reads.filter({ hasText: someone.name });
    expect(await opened.count()).toBeGreaterThan(0);
    expect(await opened.first().textContent()).toContain('membuka data relawan');
    // The roster list itself (with phone numbers) is a recorded read too.
    expect(await reads.filter({ hasText: 'melihat daftar relawan' }).count()).toBeGreaterThan(0);
    await page.getByTestId('access-records').screenshot({ path: '/tmp/priv-audit-1366.png' });
    const phone = await pageAs(coordinator, PHONE_VIEWPORT);
    await phone.goto(`${posko.url}/posko/audit`);
    await phone.getByTestId('access-records').screenshot({ path: '/tmp/priv-audit-360.png' });
  });

  it('the volunteer answers the position question once, turns sharing off, and downloads its own data', async () => {
    const phone = await pageAs(member, PHONE_VIEWPORT);
    await phone.goto(`${posko.url}/tugas`);
    const card = phone.getByTestId('privacy-choices');
    await card.waitFor();
    await card.screenshot({ path: '/tmp/priv-tugas-question-360.png' });
    await card.getByRole('button', { name: 'Ya, bagikan lokasi' }).click();
    await expect.poll(() => card.getByTestId('position-consent').textContent()).toBe('Lokasi dibagikan saat melapor.');
    // Remembered: the page asks no more after a reload.
    await phone.reload();
    await phone.getByTestId('position-consent').waitFor();
    expect(await phone.getByRole('button', { name: 'Ya, bagikan lokasi' }).count()).toBe(0);
    await phone.getByRole('button', { name: 'Berhenti membagikan lokasi' }).click();
    await expect.poll(() => phone.getByTestId('position-consent').textContent()).toBe('Lokasi tidak dibagikan.');
    await phone.getByTestId('privacy-choices').screenshot({ path: '/tmp/priv-tugas-off-360.png' });
    const stored = await api<{ consent: { positions: boolean | null } }>(member, 'GET', '/api/me/data');
    expect(stored.consent.positions).toBe(false);

    await phone.getByTestId('privacy-choices').getByRole('link', { name: 'Data apa yang disimpan Posko' }).click();
    await phone.waitForURL(/\/privasi$/);
    const mine = phone.getByTestId('my-data');
    await mine.waitFor();
    expect(await mine.textContent()).toContain('Lokasi tidak dibagikan.');
    await phone.screenshot({ path: '/tmp/priv-privasi-360.png', fullPage: true });
    const [json] = await Promise.all([phone.waitForEvent('download'), phone.getByTestId('my-data-json').click()]);
    const data = JSON.parse(await readFile((await json.path())!, 'utf8')) as {
      volunteer: { name: string; phone: string };
      consent: { positions: boolean | null };
    };
    expect(data.volunteer.phone).toMatch(/^\+62\d{8,13}$/);
    expect(await mine.textContent()).toContain(data.volunteer.name);
    expect(data.consent.positions).toBe(false);
    const [xlsx] = await Promise.all([phone.waitForEvent('download'), phone.getByTestId('my-data-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^data-saya-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const bytes = await readFile((await xlsx.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    const desk = await pageAs(member, DESKTOP_VIEWPORT);
    await desk.goto(`${posko.url}/privasi`);
    await desk.getByTestId('privacy-fields').waitFor();
    await desk.screenshot({ path: '/tmp/priv-privasi-1366.png', fullPage: true });
  });
});
