import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentAnswer } from '../../lib/dispatch';
import type { PushMessage } from '../../lib/push';
import type { Ack } from '../../lib/realtime';
import type { RollCallView } from '../../lib/roll-calls';
import { signInDemo } from '../support/accounts';
import { seriousAxeFindings } from '../support/axe';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { decrypt, newPhoneKeys, startPushService, type PushService } from '../support/push';
import { connectClient } from '../support/realtime';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

let pushService: PushService;
let pushOrigin: string;
let posko: PoskoProcess;
let browser: Browser;
let coordinator: string;
let volunteers: { login: string; cookie: string; name: string }[];
let phones: { context: BrowserContext; page: Page }[];
let desk: Page;
let incidentId: string;
let requestId: string;

async function api<T>(cookie: string, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${posko.url}${route}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${route}`).toBeLessThan(300);
  return (await response.json()) as T;
}

/** The volunteer takes the request's offer, as the phone's "Terima" does. */
async function accept(cookie: string): Promise<void> {
  const mine = await api<{ assignment: { id: string }; request: { id: string } }[]>(cookie, 'GET', '/api/assignments');
  const offer = mine.find((item) => item.request.id === requestId);
  expect(offer, 'the volunteer got the offer').toBeDefined();
  const client = await connectClient(posko.url, { cookie });
  const ack = (await client
    .timeout(5_000)
    .emitWithAck('offer:accept', { assignmentId: offer!.assignment.id })) as Ack<AssignmentAnswer>;
  client.disconnect();
  expect(ack.ok).toBe(true);
}

async function live(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('connection').textContent(), { timeout: 15_000 }).toBe('Terhubung');
}

beforeAll(async () => {
  pushService = await startPushService();
  pushOrigin = pushService.origin;
  [posko, browser] = await Promise.all([startPoskoProcess({ POSKO_PUSH_ORIGINS: pushOrigin }), launchChromium()]);
  const output = posko.output();
  const logins = [
    /Relawan\s+(0\d+)\s+(.+?) — Tagana Kapuas \(ketua regu\)/,
    /Relawan\s+(0\d+)\s+(.+?) — Tagana Kapuas\n/,
    /Relawan\s+(0\d+)\s+(.+?) — Tagana Pulang Pisau/,
    /Relawan\s+(0\d+)\s+(.+?) — Tagana Kota Palangka Raya/,
  ].map((pattern) => pattern.exec(output)!);
  coordinator = await signInDemo(posko.url, 'koord.kalteng');
  volunteers = await Promise.all(
    logins.map(async (match) => ({
      login: match[1]!,
      name: match[2]!,
      cookie: await signInDemo(posko.url, match[1]!),
    })),
  );

  const incident = await api<{ id: string }>(coordinator, 'POST', '/api/incidents', {
    type: 'flood',
    severity: 4,
    regencyCode: '62.03',
    title: 'Banjir Kapuas uji apel',
  });
  incidentId = incident.id;
  const created = await api<{ request: { id: string } }>(coordinator, 'POST', '/api/requests', {
    incidentId,
    slots: 4,
    pillarCodes: ['tagana'],
    sourceRegencyCodes: ['62.03', '62.11', '62.71'],
    meetingPoint: 'Dermaga Kuala Kapuas',
    deadline: new Date(Date.now() + 3 * 3_600_000).toISOString(),
  });
  requestId = created.request.id;
  // Three phones on the team now; the fourth (its page closed) joins before the message.
  for (const volunteer of volunteers.slice(0, 3)) await accept(volunteer.cookie);

  phones = [];
  for (const volunteer of volunteers.slice(0, 3)) {
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, hasTouch: true, isMobile: true });
    const [name, value] = volunteer.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await page.goto(`${posko.url}/tugas`);
    phones.push({ context, page });
  }
  const deskContext = await browser.newContext({ viewport: DESKTOP_VIEWPORT });
  const [name, value] = coordinator.split('=') as [string, string];
  await deskContext.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
  desk = await deskContext.newPage();
  await desk.goto(`${posko.url}/kejadian/${incidentId}`);
});

afterAll(async () => {
  await browser?.close();
  await posko?.stop();
  await pushService?.close();
});

describe('a roll call from the incident page', () => {
  // How fast it reaches the phones is measured by `npm run bench:field` (tests/bench/results/field.json).
  it('reaches three phones live; two answers show live, the offline third arrives later with its own time', async () => {
    await Promise.all([desk, ...phones.map((phone) => phone.page)].map(live));
    const panel = desk.getByTestId('rollcall-panel');
    await panel.getByTestId('rollcall-target').selectOption(requestId);
    const before = await Promise.all(phones.map(({ page }) => page.getByTestId('rollcall').count()));
    expect(before).toEqual([0, 0, 0]);
    await panel.getByRole('button', { name: 'Panggil apel' }).click();
    // Each phone shows the call without a reload, with its two answers.
    await Promise.all(
      phones.map(({ page }) =>
        page
          .getByTestId('rollcall')
          .filter({ has: page.getByRole('button', { name: 'Hadir / aman' }) })
          .waitFor({ timeout: 10_000 }),
      ),
    );
    await expect
      .poll(() => panel.getByTestId('rollcall-summary').first().textContent(), { timeout: 10_000 })
      .toBe('Dijawab 0/3');

    const [a, b, c] = phones.map(({ page }) => page) as [Page, Page, Page];
    await a.getByRole('button', { name: 'Hadir / aman' }).click();
    await b.getByRole('button', { name: 'Butuh bantuan' }).click();
    await expect
      .poll(() => panel.getByTestId('rollcall-summary').first().textContent(), { timeout: 10_000 })
      .toBe('Dijawab 2/3');
    await expect
      .poll(() => panel.getByTestId('rollcall-need-help').first().textContent(), { timeout: 10_000 })
      .toBe('Butuh bantuan: 1');
    await desk.screenshot({ path: '/tmp/msg-coordinator-rollcall-1366.png', fullPage: true });

    // The third phone loses its signal and answers anyway.
    await phones[2]!.context.setOffline(true);
    await expect
      .poll(() => c.getByTestId('connection').textContent(), { timeout: 10_000 })
      .toBe('Terputus — mencoba lagi');
    const tappedAt = Date.now();
    await c.getByRole('button', { name: 'Hadir / aman' }).click();
    const tapDone = Date.now();
    await expect
      .poll(() => c.getByTestId('rollcall-answered').textContent(), { timeout: 10_000 })
      .toContain('Anda menjawab: Hadir / aman');
    await c.screenshot({ path: '/tmp/msg-phone-rollcall-offline-360.png', fullPage: true });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await panel.getByTestId('rollcall-summary').first().textContent()).toBe('Dijawab 2/3');

    await phones[2]!.context.setOffline(false);
    await expect
      .poll(() => panel.getByTestId('rollcall-summary').first().textContent(), { timeout: 20_000 })
      .toBe('Dijawab 3/3');
    const rollCallId = await panel.getByTestId('rollcall-view').first().getAttribute('data-rollcall');
    const view = await api<RollCallView>(coordinator, 'GET', `/api/roll-calls/${rollCallId}`);
    const third = view.entries.find((entry) => entry.name === volunteers[2]!.name)!;
    expect(third.answer).toBe('present');
    // The answer carries the moment of the tap, not the moment the signal came back.
    expect(Date.parse(third.answeredAt!)).toBeGreaterThanOrEqual(tappedAt);
    expect(Date.parse(third.answeredAt!)).toBeLessThanOrEqual(tapDone);
    expect(Date.parse(third.receivedAt!) - Date.parse(third.answeredAt!)).toBeGreaterThan(2_500);
    expect(view).toMatchObject({ recipients: 3, answered: 3, needHelp: 1, waiting: 0 });
    await a.screenshot({ path: '/tmp/msg-phone-rollcall-360.png', fullPage: true });
  });
});

describe('a message to a request team', () => {
  it('shows delivered 3, read 2, replied 1 as the phones act, and reaches the closed phone as a push', async () => {
    const closed = volunteers[3]!;
    const keys = newPhoneKeys();
    await api(closed.cookie, 'POST', '/api/push/subscriptions', {
      endpoint: `${pushOrigin}/push/closed`,
      keys: { p256dh: keys.p256dh, auth: keys.authText },
      locale: 'id',
    });
    await accept(closed.cookie);

    const panel = desk.getByTestId('messages-panel');
    await panel.getByTestId('message-target').selectOption(requestId);
    await panel.getByTestId('message-body-input').fill('Kumpul di dermaga pukul 16.00, bawa pelampung.');
    await panel.getByRole('button', { name: 'Kirim pesan' }).click();
    const view = panel.getByTestId('message-view').first();
    const count = (testId: string) => view.getByTestId(testId).locator('strong').textContent();
    await expect.poll(() => count('message-delivered'), { timeout: 10_000 }).toBe('3');

    const [a, b] = phones.map(({ page }) => page) as [Page, Page];
    await a.getByRole('button', { name: 'Baca pesan' }).click();
    await b.getByRole('button', { name: 'Baca pesan' }).click();
    await expect(b.getByTestId('message-body').first().textContent()).resolves.toBe(
      'Kumpul di dermaga pukul 16.00, bawa pelampung.',
    );
    await b.getByRole('button', { name: 'Siap', exact: true }).click();
    await expect.poll(() => count('message-read'), { timeout: 10_000 }).toBe('2');
    await expect.poll(() => count('message-replied'), { timeout: 10_000 }).toBe('1');
    expect(await count('message-delivered')).toBe('3');
    await view.getByText('Per orang').click();
    const states = await view
      .getByTestId('message-recipient')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-state')).sort());
    expect(states).toEqual(['delivered', 'read', 'replied', 'waiting']);

    await expect
      .poll(() => pushService.deliveries.filter((d) => d.path === '/push/closed').length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    const pushed = pushService.deliveries
      .filter((d) => d.path === '/push/closed')
      .map((d) => JSON.parse(decrypt(d.body, keys)) as PushMessage);
    const message = pushed.find((item) => item.kind === 'message');
    expect(message).toMatchObject({
      title: 'Pesan dari Koordinator Dinsos Kalteng',
      body: 'Kumpul di dermaga pukul 16.00, bawa pelampung.',
    });

    await b.screenshot({ path: '/tmp/msg-phone-message-360.png', fullPage: true });
    await a.screenshot({ path: '/tmp/msg-phone-message-read-360.png', fullPage: true });
    await desk.screenshot({ path: '/tmp/msg-coordinator-messages-1366.png', fullPage: true });
    await desk.setViewportSize(PHONE_VIEWPORT);
    await desk.screenshot({ path: '/tmp/msg-coordinator-360.png', fullPage: true });
    await a.setViewportSize(DESKTOP_VIEWPORT);
    await a.screenshot({ path: '/tmp/msg-phone-1366.png', fullPage: true });
    expect(await seriousAxeFindings(desk)).toEqual([]);
    expect(await seriousAxeFindings(b)).toEqual([]);
  });
});
