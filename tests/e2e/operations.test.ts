import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo } from '../support/accounts';
import { seriousAxeFindings } from '../support/axe';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

let posko: PoskoProcess;
let browser: Browser;
let coordinator: string;
let member: string;
let leader: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
  const output = posko.output();
  coordinator = await signInDemo(posko.url, 'koord.kalteng');
  member = await signInDemo(posko.url, /Relawan\s+(0\d+)\s+.*Tagana Kapuas\n/.exec(output)![1]!);
  leader = await signInDemo(posko.url, /Relawan\s+(0\d+)\s+.*Tagana Kapuas \(ketua regu\)/.exec(output)![1]!);
});
afterAll(async () => {
  await browser?.close();
  await posko?.stop();
});

async function pageAs(cookie: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, hasTouch: viewport.width < 500 });
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

let counter = 0;
/** A Kapuas flood and a request for one Kapuas Tagana member (the ketua regu is busy elsewhere or declines). */
async function kapuasRequest(extra: Record<string, unknown> = {}) {
  counter += 1;
  const meetingPoint = `Posko Desa Sei Pitung ${counter}`;
  const incident = await api<{ id: string }>(coordinator, 'POST', '/api/incidents', {
    type: 'flood',
    severity: 4,
    regencyCode: '62.03',
    title: `Banjir Kapuas Hilir ${counter}`,
    description: 'Air setinggi dada di tiga desa; warga lansia belum dievakuasi.',
    needs: 'Perahu karet, pelampung, tenaga evakuasi',
  });
  await api(coordinator, 'POST', '/api/requests', {
    incidentId: incident.id,
    slots: 1,
    pillarCodes: ['tagana'],
    sourceRegencyCodes: ['62.03'],
    meetingPoint,
    meetingLat: -3.0104,
    meetingLng: 114.3876,
    bring: 'Pelampung, senter, jas hujan',
    deadline: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    ...extra,
  });
  return { incidentId: incident.id, meetingPoint };
}

const statusOf = (offer: ReturnType<Page['getByTestId']>) => offer.getByTestId('offer-status').textContent();

describe('a phone flow that cannot misfire', () => {
  it('two taps on "Berangkat" 100 ms apart end in "Berangkat"; "Urungkan" takes it back and the timeline shows both', async () => {
    const { incidentId, meetingPoint } = await kapuasRequest();
    const phone = await pageAs(member, PHONE_VIEWPORT);
    await phone.goto(`${posko.url}/tugas`);
    const offer = phone.getByTestId('offer').filter({ hasText: meetingPoint });
    await offer.waitFor();
    // The offer says what the job is, what to bring, where to meet (in a maps app) and whom to call.
    await expect.poll(() => offer.textContent()).toContain('Air setinggi dada di tiga desa');
    expect(await offer.getByTestId('offer-bring').textContent()).toBe('Pelampung, senter, jas hujan');
    expect(await offer.getByTestId('meeting-geo').getAttribute('href')).toMatch(/^geo:-3\.0104,114\.3876\?q=/);
    expect(await offer.getByTestId('meeting-map').getAttribute('href')).toContain('mlat=-3.0104');
    expect(await offer.getByTestId('call-coordinator').getAttribute('href')).toBe('tel:+625363221100');
    await phone.screenshot({ path: '/tmp/ops-offer-360.png', fullPage: true });

    await offer.getByRole('button', { name: 'Terima' }).click();
    await expect.poll(() => statusOf(offer), { timeout: 10_000 }).toBe('Diterima');
    await offer.getByRole('button', { name: 'Berangkat' }).waitFor();
    // The tap on "Terima" holds the assignment's buttons for 1.5 s, answered or not.
    await expect
      .poll(() => offer.getByRole('button', { name: 'Berangkat' }).isEnabled(), { timeout: 5_000 })
      .toBe(true);

    const box = (await offer.getByRole('button', { name: 'Berangkat' }).boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await phone.mouse.click(x, y);
    await phone.waitForTimeout(100);
    await phone.mouse.click(x, y);
    await expect.poll(() => statusOf(offer), { timeout: 10_000 }).toBe('Berangkat');
    await phone.waitForTimeout(2_000);
    expect(await statusOf(offer)).toBe('Berangkat');
    expect(await phone.getByTestId('outbox-item').filter({ hasText: 'Tiba di lokasi' }).count()).toBe(0);
    // Delivered taps fold away: nothing waits, nothing was refused.
    expect(await phone.locator('[data-testid="outbox-item"][data-state="waiting"]').count()).toBe(0);
    expect(await phone.locator('[data-testid="outbox-item"][data-state="refused"]').count()).toBe(0);
    await phone.screenshot({ path: '/tmp/ops-undo-360.png', fullPage: true });
    expect(await seriousAxeFindings(phone)).toEqual([]);

    await offer.getByTestId('undo-status').click();
    await expect.poll(() => statusOf(offer), { timeout: 10_000 }).toBe('Diterima');
    const { entries } = await api<{ entries: { type: string }[] }>(
      coordinator,
      'GET',
      `/api/incidents/${incidentId}/timeline`,
    );
    const types = entries.map((entry) => entry.type);
    expect(types.filter((type) => type === 'assignment.en_route')).toHaveLength(1);
    expect(types.filter((type) => type === 'assignment.on_site')).toHaveLength(0);
    expect(types.indexOf('assignment.status_undone')).toBeGreaterThan(types.indexOf('assignment.en_route'));
    const staff = await pageAs(coordinator, DESKTOP_VIEWPORT);
    await staff.goto(`${posko.url}/kejadian/${incidentId}`);
    await expect
      .poll(() => staff.locator('.incident-side').textContent())
      .toContain('mengurungkan laporan "Berangkat"');
    await staff.close();

    // Release the member for the next test.
    await offer.getByRole('button', { name: 'Mundur' }).waitFor();
    phone.once('dialog', (dialog) => void dialog.accept(''));
    await offer.getByRole('button', { name: 'Mundur' }).click();
    await expect.poll(() => statusOf(offer), { timeout: 10_000 }).toBe('Mundur');
    await phone.close();
  });
});

describe('safety check-ins', () => {
  it('a check-in left past its due time turns amber, then red, on the incident page and the ketua regu phone', async () => {
    // 6 s between check-ins and 15 s of grace: a drill's timing.
    const { incidentId, meetingPoint } = await kapuasRequest({ checkInMinutes: 0.1, checkInGraceMinutes: 0.25 });
    const phone = await pageAs(member, PHONE_VIEWPORT);
    await phone.goto(`${posko.url}/tugas`);
    const offer = phone.getByTestId('offer').filter({ hasText: meetingPoint });
    await offer.waitFor();
    for (const [button, status] of [
      ['Terima', 'Diterima'],
      ['Berangkat', 'Berangkat'],
      ['Tiba di lokasi', 'Tiba di lokasi'],
    ] as const) {
      await offer.getByRole('button', { name: button }).click();
      await expect.poll(() => statusOf(offer), { timeout: 10_000 }).toBe(status);
    }
    const mine = offer.getByTestId('my-check-in');
    await mine.waitFor();
    expect(await mine.getAttribute('data-state')).toBe('ok');
    await phone.screenshot({ path: '/tmp/ops-checkin-360.png', fullPage: true });
    expect(await seriousAxeFindings(phone)).toEqual([]);

    const staff = await pageAs(coordinator, DESKTOP_VIEWPORT);
    await staff.goto(`${posko.url}/kejadian/${incidentId}`);
    const row = staff.getByTestId('check-in').first();
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('ok');
    const ketua = await pageAs(leader, PHONE_VIEWPORT);
    await ketua.goto(`${posko.url}/tugas`);
    const teamRow = ketua.getByTestId('team-check-in').first();
    await teamRow.waitFor();

    await expect.poll(() => row.getAttribute('data-state'), { timeout: 20_000 }).toBe('late');
    await expect.poll(() => teamRow.getAttribute('data-state'), { timeout: 10_000 }).toBe('late');
    expect(await row.getByTestId('check-in-state').textContent()).toBe('Terlambat');
    await staff.screenshot({ path: '/tmp/ops-panel-late-1366.png', fullPage: true });
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 30_000 }).toBe('critical');
    await expect.poll(() => teamRow.getAttribute('data-state'), { timeout: 10_000 }).toBe('critical');
    expect(await row.getByTestId('check-in-state').textContent()).toBe('Kritis');
    await staff.screenshot({ path: '/tmp/ops-panel-critical-1366.png', fullPage: true });
    await ketua.screenshot({ path: '/tmp/ops-team-360.png', fullPage: true });
    expect(await seriousAxeFindings(staff)).toEqual([]);
    const phoneStaff = await pageAs(coordinator, PHONE_VIEWPORT);
    await phoneStaff.goto(`${posko.url}/kejadian/${incidentId}`);
    await phoneStaff.getByTestId('check-in').first().waitFor();
    await phoneStaff.getByTestId('check-ins').screenshot({ path: '/tmp/ops-panel-360.png' });

    // "Saya aman" from the phone: green again on the incident page and the ketua regu's phone, without reload.
    await mine.getByRole('button', { name: 'Saya aman' }).click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('ok');
    await expect.poll(() => teamRow.getAttribute('data-state'), { timeout: 10_000 }).toBe('ok');
    await expect.poll(() => mine.getAttribute('data-state'), { timeout: 10_000 }).toBe('ok');
    const desktopPhone = await pageAs(member, DESKTOP_VIEWPORT);
    await desktopPhone.goto(`${posko.url}/tugas`);
    await desktopPhone.getByTestId('my-check-in').first().waitFor();
    await desktopPhone.screenshot({ path: '/tmp/ops-checkin-1366.png', fullPage: true });
    expect(await seriousAxeFindings(desktopPhone)).toEqual([]);
  });
});
