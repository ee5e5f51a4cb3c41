import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentAnswer } from '../../lib/dispatch';
import type { Ack } from '../../lib/realtime';
import { signInDemo } from '../support/accounts';
import { seriousAxeFindings } from '../support/axe';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { connectClient } from '../support/realtime';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts');
let posko: PoskoProcess;
let browser: Browser;
let coordinator: string;
let leader: { login: string; cookie: string };
let member: { login: string; cookie: string };
let phoneContext: BrowserContext;
let phone: Page;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
  const output = posko.output();
  const leaderLogin = /Relawan\s+(0\d+)\s+.*Tagana Kapuas \(ketua regu\)/.exec(output)![1]!;
  const memberLogin = /Relawan\s+(0\d+)\s+.*Tagana Kapuas\n/.exec(output)![1]!;
  coordinator = await signInDemo(posko.url, 'koord.kalteng');
  leader = { login: leaderLogin, cookie: await signInDemo(posko.url, leaderLogin) };
  member = { login: memberLogin, cookie: await signInDemo(posko.url, memberLogin) };
  phoneContext = await browser.newContext({ viewport: PHONE_VIEWPORT, hasTouch: true, isMobile: true });
  const [name, value] = member.cookie.split('=') as [string, string];
  await phoneContext.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
  phone = await phoneContext.newPage();
});
afterAll(async () => {
  await browser?.close();
  await posko?.stop();
});

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
/** A Kapuas flood and a request for one Tagana member of Kapuas, with a meeting point of its own. */
async function kapuasRequest(): Promise<{ requestId: string; incidentId: string; meetingPoint: string }> {
  counter += 1;
  const meetingPoint = `Dermaga Kuala Kapuas nomor ${counter}`;
  const incident = await api<{ id: string }>(coordinator, 'POST', '/api/incidents', {
    type: 'flood',
    severity: 4,
    regencyCode: '62.03',
    title: `Banjir Kapuas Murung ${counter}`,
  });
  const { request } = await api<{ request: { id: string } }>(coordinator, 'POST', '/api/requests', {
    incidentId: incident.id,
    slots: 1,
    pillarCodes: ['tagana'],
    sourceRegencyCodes: ['62.03'],
    meetingPoint,
    deadline: new Date(Date.now() + 3 * 3_600_000).toISOString(),
  });
  return { requestId: request.id, incidentId: incident.id, meetingPoint };
}

interface Progress {
  counts: Record<string, number>;
  volunteers: { assignmentId: string; name: string; status: string }[];
}
const progress = (requestId: string) => api<Progress>(coordinator, 'GET', `/api/requests/${requestId}`);

async function goOffline(page: Page) {
  await phoneContext.setOffline(true);
  await expect.poll(() => page.getByTestId('connection').textContent()).toBe('Terputus — mencoba lagi');
}

async function openPhone(meetingPoint: string) {
  await phone.goto(`${posko.url}/tugas`);
  await expect.poll(() => phone.getByTestId('connection').textContent(), { timeout: 10_000 }).toBe('Terhubung');
  const offer = phone.getByTestId('offer').filter({ hasText: meetingPoint });
  await offer.waitFor();
  return offer;
}

/** /tugas in a phone browser with JavaScript off: only the HTML and its plain forms. */
async function phoneWithoutScripts(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: PHONE_VIEWPORT,
    hasTouch: true,
    isMobile: true,
    javaScriptEnabled: false,
  });
  const [name, value] = member.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  await page.goto(`${posko.url}/tugas`);
  return { context, page };
}

describe('the field app offline', () => {
  it('keeps an accept made offline, shows it waiting, and sends it once when the signal returns', async () => {
    const { requestId, incidentId, meetingPoint } = await kapuasRequest();
    const offer = await openPhone(meetingPoint);

    await goOffline(phone);
    await offer.getByRole('button', { name: 'Terima' }).click();
    await expect.poll(() => offer.getByTestId('offer-pending').textContent()).toBe('Terima — menunggu dikirim');
    const item = phone.getByTestId('outbox-item').first();
    await expect.poll(() => item.getByTestId('outbox-state').textContent()).toBe('Menunggu dikirim');
    await expect.poll(() => item.getAttribute('data-state')).toBe('waiting');
    expect(await offer.getByTestId('offer-status').textContent()).toBe('Ditawarkan');
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'field-offline-waiting-phone.png'), fullPage: true });
    expect(await seriousAxeFindings(phone)).toEqual([]);
    // Nothing reached the server while the phone was offline.
    expect((await progress(requestId)).counts.accepted ?? 0).toBe(0);

    // A reload in the dead zone does not lose the tap either: the outbox lives in IndexedDB.
    await phoneContext.setOffline(false);
    await expect.poll(() => item.getByTestId('outbox-state').textContent(), { timeout: 15_000 }).toBe('Terkirim');
    await expect.poll(() => offer.getByTestId('offer-status').textContent(), { timeout: 5_000 }).toBe('Diterima');
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'field-offline-sent-phone.png'), fullPage: true });
    expect(await seriousAxeFindings(phone)).toEqual([]);

    // The same page on a desktop browser: nothing serious for axe either.
    const desktop = await browser.newContext({ viewport: DESKTOP_VIEWPORT });
    const [cookieName, cookieValue] = member.cookie.split('=') as [string, string];
    await desktop.addCookies([
      { name: cookieName, value: cookieValue, url: posko.url, httpOnly: true, sameSite: 'Lax' },
    ]);
    const wide = await desktop.newPage();
    await wide.goto(`${posko.url}/tugas`);
    await wide.getByTestId('offer').first().waitFor();
    await wide.screenshot({ path: path.join(SCREENSHOTS, 'field-desktop.png'), fullPage: true });
    expect(await seriousAxeFindings(wide)).toEqual([]);
    await desktop.close();

    const after = await progress(requestId);
    expect(after.counts.accepted).toBe(1);
    expect(after.volunteers.filter((volunteer) => volunteer.status === 'accepted')).toHaveLength(1);
    const timeline = await api<{ entries: { type: string; payload: { requestId?: string } }[] }>(
      coordinator,
      'GET',
      `/api/incidents/${incidentId}/timeline`,
    );
    expect(timeline.entries.filter((entry) => entry.type === 'assignment.accepted')).toHaveLength(1);

    // Share to WhatsApp carries the offer as text; on arrival the phone's location goes along when allowed.
    const share = await offer.getByTestId('share-whatsapp').getAttribute('href');
    expect(share).toMatch(/^https:\/\/wa\.me\/\?text=/);
    expect(decodeURIComponent(share!.split('text=')[1]!)).toContain(`Titik kumpul: ${meetingPoint}`);
    await phoneContext.grantPermissions(['geolocation'], { origin: posko.url });
    await phoneContext.setGeolocation({ latitude: -3.0104, longitude: 114.3876 });
    // The location choice has one place on the page: the privacy card.
    await phone.getByTestId('privacy-choices').getByRole('button', { name: 'Ya, bagikan lokasi' }).click();
    await expect.poll(() => phone.getByTestId('position-consent').textContent()).toBe('Lokasi dibagikan saat melapor.');
    expect(await phone.getByText('Sertakan lokasi saya saat melapor tiba').count()).toBe(0);
    await offer.getByRole('button', { name: 'Berangkat' }).click();
    await expect.poll(() => offer.getByTestId('offer-status').textContent(), { timeout: 5_000 }).toBe('Berangkat');
    await offer.getByRole('button', { name: 'Tiba di lokasi' }).click();
    await expect.poll(() => offer.getByTestId('offer-status').textContent(), { timeout: 5_000 }).toBe('Tiba di lokasi');
    const arrived = await api<{ entries: { type: string; payload: { lat?: number; lng?: number } }[] }>(
      coordinator,
      'GET',
      `/api/incidents/${incidentId}/timeline`,
    );
    expect(arrived.entries.find((entry) => entry.type === 'assignment.on_site')?.payload).toMatchObject({
      lat: -3.0104,
      lng: 114.3876,
    });

    // The coordinator releases the member for the next test.
    const accepted = after.volunteers.find((volunteer) => volunteer.status === 'accepted')!;
    await api(coordinator, 'POST', `/api/assignments/${accepted.assignmentId}/cancel`, {});
    await expect.poll(() => phone.getByTestId('my-availability').textContent(), { timeout: 5_000 }).toBe('Siaga');
  });

  it('says plainly that the request filled while the phone was offline', async () => {
    const { requestId, meetingPoint } = await kapuasRequest();
    const offer = await openPhone(meetingPoint);
    const assignmentId = (await offer.getAttribute('data-assignment'))!;

    await goOffline(phone);
    await offer.getByRole('button', { name: 'Terima' }).click();
    const item = phone.getByTestId('outbox-item').first();
    await expect.poll(() => item.getByTestId('outbox-state').textContent()).toBe('Menunggu dikirim');

    // Meanwhile the ketua regu, with signal, takes the only place.
    const leaderSocket = await connectClient(posko.url, { cookie: leader.cookie });
    const leaderOffer = (await progress(requestId)).volunteers.find(
      (volunteer) => volunteer.assignmentId !== assignmentId && volunteer.status === 'offered',
    );
    const mine = await api<{ assignment: { id: string }; request: { id: string } }[]>(
      leader.cookie,
      'GET',
      '/api/assignments',
    );
    const leaderAssignment = mine.find((entry) => entry.request.id === requestId)!.assignment.id;
    expect(leaderOffer).toBeDefined();
    const taken = (await leaderSocket.emitWithAck('offer:accept', {
      assignmentId: leaderAssignment,
      idempotencyKey: `leader-${requestId}`,
    })) as Ack<AssignmentAnswer>;
    leaderSocket.disconnect();
    expect(taken.ok).toBe(true);

    await phoneContext.setOffline(false);
    await expect
      .poll(() => item.getByTestId('outbox-state').textContent(), { timeout: 15_000 })
      .toBe('Tidak diterima: permintaan sudah penuh saat Anda offline.');
    expect(await item.getAttribute('data-state')).toBe('refused');
    await expect.poll(() => offer.getByTestId('offer-full').count(), { timeout: 5_000 }).toBe(1);
    expect(await offer.getByRole('button', { name: 'Terima' }).count()).toBe(0);
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'field-offline-filled-phone.png'), fullPage: true });
    expect(await seriousAxeFindings(phone)).toEqual([]);

    const after = await progress(requestId);
    expect(after.counts.accepted).toBe(1);
    expect(after.volunteers.find((volunteer) => volunteer.assignmentId === assignmentId)!.status).toBe('offered');
  });

  it('accepts an offer by plain form with JavaScript off, shown live on the incident page; Berangkat, then Tiba', async () => {
    const { requestId, incidentId, meetingPoint } = await kapuasRequest();
    const staff = await browser.newContext({ viewport: DESKTOP_VIEWPORT });
    const [cookieName, cookieValue] = coordinator.split('=') as [string, string];
    await staff.addCookies([{ name: cookieName, value: cookieValue, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
    const desk = await staff.newPage();
    await desk.goto(`${posko.url}/kejadian/${incidentId}`);
    await expect.poll(() => desk.getByTestId('connection').textContent(), { timeout: 10_000 }).toBe('Terhubung');

    const { context, page } = await phoneWithoutScripts();
    const offer = page.getByTestId('offer').filter({ hasText: meetingPoint });
    await page.screenshot({ path: '/tmp/phone-nojs-offer-360.png', fullPage: true });
    await offer.getByRole('button', { name: 'Terima' }).click();
    await page.getByTestId('form-flash').waitFor();
    expect(new URL(page.url()).pathname).toBe('/tugas');
    expect(await page.getByTestId('form-flash').textContent()).toBe('Tawaran diterima dan tercatat di posko.');
    expect(await offer.getByTestId('offer-status').textContent()).toBe('Diterima');
    await page.screenshot({ path: '/tmp/phone-nojs-accepted-360.png', fullPage: true });

    // The coordinator's page, with its scripts, shows the accept as it happens.
    const name = (await progress(requestId)).volunteers.find((volunteer) => volunteer.status === 'accepted')!.name;
    const row = desk.locator('[data-testid="assignment-row"]', { hasText: name });
    await row.and(desk.locator('[data-status="accepted"]')).waitFor({ timeout: 10_000 });
    expect(await desk.getByTestId('request-progress').first().textContent()).toContain('1');

    await offer.getByRole('button', { name: 'Berangkat' }).click();
    await expect.poll(() => page.getByTestId('form-flash').textContent()).toBe('Berangkat tercatat di posko.');
    expect(await offer.getByTestId('offer-status').textContent()).toBe('Berangkat');
    await offer.getByRole('button', { name: 'Tiba di lokasi' }).click();
    await expect.poll(() => page.getByTestId('form-flash').textContent()).toBe('Tiba di lokasi tercatat di posko.');
    expect(await offer.getByTestId('offer-status').textContent()).toBe('Tiba di lokasi');
    await row.and(desk.locator('[data-status="on_site"]')).waitFor({ timeout: 10_000 });
    const timeline = await api<{ entries: { type: string }[] }>(
      coordinator,
      'GET',
      `/api/incidents/${incidentId}/timeline`,
    );
    expect(timeline.entries.map((entry) => entry.type).filter((type) => type.startsWith('assignment.'))).toEqual(
      expect.arrayContaining(['assignment.accepted', 'assignment.en_route', 'assignment.on_site']),
    );
    await page.screenshot({ path: '/tmp/phone-nojs-onsite-360.png', fullPage: true });
    await context.close();
    await staff.close();

    const assignmentId = (await progress(requestId)).volunteers.find((volunteer) => volunteer.name === name)!;
    await api(coordinator, 'POST', `/api/assignments/${assignmentId.assignmentId}/cancel`, {});
  }, 240_000);

  it('counts a form post and a resend of its key once; a bad or missing key, or another volunteer’s offer, changes nothing', async () => {
    const { requestId, incidentId, meetingPoint } = await kapuasRequest();
    const { context, page } = await phoneWithoutScripts();
    const offer = page.getByTestId('offer').filter({ hasText: meetingPoint });
    const form = offer.locator('form', { has: page.getByRole('button', { name: 'Terima' }) });
    const fields = Object.fromEntries(
      await form
        .locator('input[type="hidden"]')
        .evaluateAll((inputs) =>
          inputs.map((input) => [(input as HTMLInputElement).name, (input as HTMLInputElement).value]),
        ),
    ) as Record<string, string>;
    expect(fields).toMatchObject({ action: 'accept', assignmentId: expect.any(String) });
    expect(fields.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);

    /** The form as a browser posts it (same site, the member's session), answered with its flash. */
    const post = async (body: Record<string, string>, cookie = member.cookie) => {
      const response = await fetch(`${posko.url}/tugas/aksi`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, origin: posko.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body),
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`${posko.url}/tugas`);
      const flash = /posko_tugas_hasil=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')![1]!;
      return JSON.parse(Buffer.from(flash, 'base64url').toString()) as { ok: boolean; error?: string };
    };

    // A form without its key, or with a key sent for another command: refused in words, nothing written.
    const { idempotencyKey, ...withoutKey } = fields;
    expect(await post(withoutKey)).toEqual({
      ok: false,
      error:
        'Data yang dikirim tidak valid. Formulir ini tidak membawa kunci pengiriman. Muat ulang halaman /tugas lalu ketuk lagi.',
    });
    expect(await post({ ...fields, action: 'teleport' })).toEqual({
      ok: false,
      error: expect.stringContaining('Tindakan tidak dikenal'),
    });
    // The ketua regu, signed in on its own phone, posts the member's form: refused, nothing written.
    const stranger = await post({ ...fields, idempotencyKey: `${idempotencyKey}-regu` }, leader.cookie);
    expect(stranger).toEqual({ ok: false, error: 'Anda hanya dapat mengubah data Anda sendiri.' });
    expect((await progress(requestId)).counts.accepted ?? 0).toBe(0);

    // The form posted twice, then the same key resent over the socket: one accept.
    expect(await post(fields)).toEqual({ ok: true, done: 'accepted' });
    expect(await post(fields)).toEqual({ ok: true, done: 'accepted' });
    const socket = await connectClient(posko.url, { cookie: member.cookie });
    const resent = (await socket.emitWithAck('offer:accept', {
      assignmentId: fields.assignmentId!,
      idempotencyKey,
    })) as Ack<AssignmentAnswer>;
    socket.disconnect();
    expect(resent.ok).toBe(true);
    // A form's key reused for another command is refused, and says so.
    expect(await post({ ...fields, action: 'decline' })).toEqual({
      ok: false,
      error: expect.stringContaining('Kunci idempotensi ini sudah dipakai untuk perintah lain.'),
    });
    const after = await progress(requestId);
    expect(after.counts.accepted).toBe(1);
    const timeline = await api<{ entries: { type: string }[] }>(
      coordinator,
      'GET',
      `/api/incidents/${incidentId}/timeline`,
    );
    expect(timeline.entries.filter((entry) => entry.type === 'assignment.accepted')).toHaveLength(1);

    // The page after the post says what happened, once.
    await page.goto(`${posko.url}/tugas`);
    expect(await offer.getByTestId('offer-status').textContent()).toBe('Diterima');
    await context.close();
    await api(coordinator, 'POST', `/api/assignments/${fields.assignmentId}/cancel`, {});
  }, 120_000);

  it('installs, and the installed shell opens with the network off showing the last known assignment', async () => {
    const { meetingPoint } = await kapuasRequest();
    const offer = await openPhone(meetingPoint);
    await offer.getByRole('button', { name: 'Terima' }).click();
    await expect.poll(() => offer.getByTestId('offer-status').textContent(), { timeout: 5_000 }).toBe('Diterima');

    // Installable: Chromium finds the manifest and has no objection to installing the app.
    const cdp = await phoneContext.newCDPSession(phone);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data?: string };
    expect(manifest.url).toBe(`${posko.url}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    expect(JSON.parse(manifest.data!)).toMatchObject({ start_url: '/tugas', scope: '/tugas', display: 'standalone' });
    const installability = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    // Playwright's contexts are incognito, where Chromium never installs; nothing else may stand in the way.
    expect(installability.installabilityErrors.map((error) => error.errorId)).toEqual(['in-incognito']);

    // The worker controls the page and has the shell; the page is saved on the phone.
    await expect
      .poll(() => phone.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 })
      .toBe(true);
    await expect
      .poll(() => phone.evaluate(async () => (await caches.match('/tugas/luring')) !== undefined), { timeout: 15_000 })
      .toBe(true);

    // The network goes away entirely: the phone is offline and the server is gone.
    await phoneContext.setOffline(true);
    await posko.stop();
    await phone.goto(`${posko.url}/tugas`);
    await phone.getByTestId('offline-shell').waitFor({ timeout: 15_000 });
    expect(new URL(phone.url()).pathname).toBe('/tugas/luring');
    const saved = phone.getByTestId('offer').filter({ hasText: meetingPoint });
    await saved.waitFor();
    expect(await saved.getByTestId('offer-status').textContent()).toBe('Diterima');
    expect(await saved.getByRole('button', { name: 'Berangkat' }).count()).toBe(1);
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'field-shell-offline-phone.png'), fullPage: true });
    expect(await seriousAxeFindings(phone)).toEqual([]);
  });
});
