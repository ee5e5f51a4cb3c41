import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../lib/realtime';
import type { PushMessage } from '../../lib/push';
import { signInDemo } from '../support/accounts';
import { launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { decrypt, newPhoneKeys, startPushService, type PushService } from '../support/push';
import { connectClient } from '../support/realtime';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

/** The stand-in push service, and what it received. */
let pushService: PushService;
let pushOrigin: string;
let posko: PoskoProcess;
let browser: Browser;
let coordinator: string;
let volunteer: { cookie: string; name: string };

async function api<T>(cookie: string, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${posko.url}${route}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${route}`).toBeLessThan(300);
  return (await response.json()) as T;
}

beforeAll(async () => {
  pushService = await startPushService();
  pushOrigin = pushService.origin;
  [posko, browser] = await Promise.all([startPoskoProcess({ POSKO_PUSH_ORIGINS: pushOrigin }), launchChromium()]);
  const member = /Relawan\s+(0\d+)\s+(.+?) — Tagana Kapuas\n/.exec(posko.output())!;
  coordinator = await signInDemo(posko.url, 'koord.kalteng');
  volunteer = { cookie: await signInDemo(posko.url, member[1]!), name: member[2]! };
});
afterAll(async () => {
  await browser?.close();
  await posko?.stop();
  await pushService?.close();
});

/** A coordinator's browser that allows Posko's notifications, with DevTools watching its service workers. */
async function coordinatorBrowser(): Promise<{
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[];
}> {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, hasTouch: true, isMobile: true });
  await context.grantPermissions(['notifications'], { origin: posko.url });
  const [name, value] = coordinator.split('=') as [string, string];
  await context.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => registrations.push(...event.registrations));
  await cdp.send('ServiceWorker.enable');
  return { context, page, cdp, registrations };
}

/** A Kapuas Tagana member on site at a new Kapuas flood, as the phone's taps would put them there. */
async function onSite(): Promise<{ incidentId: string; assignmentId: string }> {
  const incident = await api<{ id: string }>(coordinator, 'POST', '/api/incidents', {
    type: 'flood',
    severity: 4,
    regencyCode: '62.03',
    title: 'Banjir Kapuas uji bantuan',
  });
  const created = await api<{ request: { id: string } }>(coordinator, 'POST', '/api/requests', {
    incidentId: incident.id,
    slots: 1,
    pillarCodes: ['tagana'],
    sourceRegencyCodes: ['62.03'],
    meetingPoint: 'Dermaga Kuala Kapuas',
    deadline: new Date(Date.now() + 3 * 3_600_000).toISOString(),
  });
  const mine = await api<{ assignment: { id: string }; request: { id: string } }[]>(
    volunteer.cookie,
    'GET',
    '/api/assignments',
  );
  const assignmentId = mine.find((item) => item.request.id === created.request.id)!.assignment.id;
  const phone = await connectClient(posko.url, { cookie: volunteer.cookie });
  try {
    const acks = [
      await phone.timeout(5_000).emitWithAck('offer:accept', { assignmentId }),
      await phone
        .timeout(5_000)
        .emitWithAck('assignment:report', { assignmentId, from: 'accepted', status: 'en_route' }),
      await phone
        .timeout(5_000)
        .emitWithAck('assignment:report', { assignmentId, from: 'en_route', status: 'on_site' }),
    ] as Ack<unknown>[];
    expect(acks.map((ack) => ack.ok)).toEqual([true, true, true]);
  } finally {
    phone.disconnect();
  }
  return { incidentId: incident.id, assignmentId };
}

describe('notifications for coordinators', () => {
  it('offers them in the user menu, and says plainly when this browser cannot subscribe', async () => {
    const { context, page, registrations } = await coordinatorBrowser();
    const saved: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/push/subscriptions') && request.method() === 'POST') saved.push(request.url());
    });
    await page.goto(`${posko.url}/posko`);
    await page.locator('.user-menu summary').click();
    const toggle = page.getByTestId('staff-push');
    await expect.poll(() => toggle.getAttribute('data-state'), { timeout: 10_000 }).toBe('off');
    expect(await toggle.textContent()).toContain('Terima notifikasi di perangkat ini saat relawan');
    await page.screenshot({ path: '/tmp/staff-push-menu-360.png' });

    // A Playwright window is private, where Chromium has no push service: the tap says so, saves nothing.
    await toggle.getByRole('button', { name: 'Aktifkan pemberitahuan' }).click();
    const error = toggle.getByRole('alert');
    await expect.poll(() => error.textContent(), { timeout: 25_000 }).toContain('tidak dapat berlangganan');
    expect(await toggle.getAttribute('data-state')).toBe('off');
    expect(saved).toEqual([]);
    // The worker itself is in place, for the incident pages its notifications open.
    const worker = await page.evaluate(() =>
      navigator.serviceWorker.getRegistration('/kejadian').then((registration) => registration?.active?.scriptURL),
    );
    expect(worker).toBe(`${posko.url}/pemberitahuan/sw.js`);
    expect(registrations.some((item) => item.scopeURL === `${posko.url}/kejadian` && !item.isDeleted)).toBe(true);
    await context.close();
  });

  it('keeps the volunteer’s own toggle on /tugas working the same way, with the field app’s wording', async () => {
    const context = await browser.newContext({ viewport: PHONE_VIEWPORT, hasTouch: true, isMobile: true });
    await context.grantPermissions(['notifications'], { origin: posko.url });
    const [name, value] = volunteer.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await page.goto(`${posko.url}/tugas`);
    const card = page.getByTestId('push');
    await card.waitFor({ timeout: 10_000 });
    expect(await card.textContent()).toContain('Dapatkan pemberitahuan tawaran baru');
    await card.getByRole('button', { name: 'Nyalakan pemberitahuan' }).click();
    await expect
      .poll(() => card.locator('.form-error').textContent(), { timeout: 10_000 })
      .toContain('Pemberitahuan belum dapat dinyalakan');
    expect(await card.getByRole('button', { name: 'Nyalakan pemberitahuan' }).isEnabled()).toBe(true);
    await context.close();
  });

  it('shows a volunteer’s "Butuh bantuan" as the server pushed it, its notification leading to the incident', async () => {
    // The coordinator's subscription, with keys this test holds, so what the server pushes can be read here.
    const keys = newPhoneKeys();
    await api(coordinator, 'POST', '/api/push/subscriptions', {
      endpoint: `${pushOrigin}/push/coordinator`,
      keys: { p256dh: keys.p256dh, auth: keys.authText },
      locale: 'id',
    });
    const { context, page, cdp, registrations } = await coordinatorBrowser();
    await page.goto(`${posko.url}/posko`);
    await page.locator('.user-menu summary').click();
    await page.getByTestId('staff-push').getByRole('button', { name: 'Aktifkan pemberitahuan' }).click();
    await expect.poll(() => registrations.some((item) => item.scopeURL === `${posko.url}/kejadian`)).toBe(true);

    const site = await onSite();
    const phone = await connectClient(posko.url, { cookie: volunteer.cookie });
    const ack = (await phone.timeout(5_000).emitWithAck('checkin:report', {
      assignmentId: site.assignmentId,
      kind: 'help',
      note: 'Perahu bocor',
    })) as Ack<unknown>;
    phone.disconnect();
    expect(ack.ok).toBe(true);

    await expect
      .poll(() => pushService.deliveries.filter((item) => item.path === '/push/coordinator').length, {
        timeout: 10_000,
      })
      .toBe(1);
    const data = decrypt(pushService.deliveries.find((item) => item.path === '/push/coordinator')!.body, keys);
    expect(JSON.parse(data) as PushMessage).toMatchObject({
      kind: 'checkin',
      state: 'help',
      title: `BUTUH BANTUAN: ${volunteer.name}`,
      url: `/kejadian/${site.incidentId}`,
    });

    // The browser's push service hands the same message to the staff worker.
    const registration = registrations.find((item) => item.scopeURL === `${posko.url}/kejadian` && !item.isDeleted)!;
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: posko.url,
      registrationId: registration.registrationId,
      data,
    });
    const shown = () =>
      page.evaluate(() =>
        navigator.serviceWorker
          .getRegistration('/kejadian')
          .then((found) => found!.getNotifications())
          .then((notifications) =>
            notifications.map((item) => ({
              title: item.title,
              body: item.body,
              url: (item.data as { url: string }).url,
            })),
          ),
      );
    await expect.poll(shown, { timeout: 10_000 }).toEqual([
      {
        title: `BUTUH BANTUAN: ${volunteer.name}`,
        body: `Banjir Kapuas uji bantuan: ${volunteer.name} menekan "Butuh bantuan". Hubungi sekarang.`,
        url: `/kejadian/${site.incidentId}`,
      },
    ]);
    await context.close();
  });
});
