import { and, eq, isNull } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { volunteers } from '../../db/schema';
import type { Ack, EventsSinceResult } from '../../lib/realtime';
import { createTestAccount, type TestAccount } from '../support/accounts';
import { launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startSeededPostgres, type SeededPostgres } from '../support/postgres-database';
import { connectClient, type TestClient } from '../support/realtime';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

let postgres: SeededPostgres;
let posko: PoskoProcess;
let browser: Browser;
let coordinator: TestAccount;
let volunteer: TestAccount;
let phone: Page;
let watcher: TestClient;

beforeAll(async () => {
  [postgres, browser] = await Promise.all([startSeededPostgres('demo'), launchChromium()]);
  posko = await startPoskoProcess({ DATABASE_URL: postgres.databaseUrl });
  const [member] = await postgres.handle.db
    .select({ id: volunteers.id })
    .from(volunteers)
    .where(
      and(
        eq(volunteers.regencyCode, '62.03'),
        eq(volunteers.pillarCode, 'tagana'),
        eq(volunteers.availability, 'available'),
        isNull(volunteers.retiredAt),
      ),
    )
    .limit(1);
  coordinator = await createTestAccount(postgres.handle.db, { role: 'coordinator', provinceCode: '62' });
  volunteer = await createTestAccount(postgres.handle.db, { role: 'volunteer', volunteerId: member!.id });
  // The test's own pool must not hold connections across the outage.
  await postgres.handle.close();
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, hasTouch: true, isMobile: true });
  const [name, value] = volunteer.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
  phone = await context.newPage();
  watcher = await connectClient(posko.url, { cookie: coordinator.cookie });
});
afterAll(async () => {
  watcher?.disconnect();
  await browser?.close();
  await posko?.stop();
  await postgres?.cluster.stop();
});

const call = (cookie: string, method: string, route: string, body?: unknown) =>
  fetch(`${posko.url}${route}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('a PostgreSQL outage in the middle of a deployment', () => {
  it('answers 503 with Retry-After while the database is down, keeps the phone’s tap, and sends it once it is back', async () => {
    const incident = (await (
      await call(coordinator.cookie, 'POST', '/api/incidents', {
        type: 'flood',
        severity: 4,
        regencyCode: '62.03',
        title: 'Banjir Kapuas saat basis data padam',
      })
    ).json()) as { id: string };
    const meetingPoint = 'Dermaga Kuala Kapuas, uji padam';
    const created = await call(coordinator.cookie, 'POST', '/api/requests', {
      incidentId: incident.id,
      slots: 1,
      pillarCodes: ['tagana'],
      sourceRegencyCodes: ['62.03'],
      meetingPoint,
      deadline: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    });
    expect(created.status).toBe(201);
    const { request } = (await created.json()) as { request: { id: string } };

    await phone.goto(`${posko.url}/tugas`);
    await expect.poll(() => phone.getByTestId('connection').textContent(), { timeout: 15_000 }).toBe('Terhubung');
    const offer = phone.getByTestId('offer').filter({ hasText: meetingPoint });
    await offer.waitFor();

    await postgres.cluster.halt();

    const incidents = await call(coordinator.cookie, 'GET', '/api/incidents?provinceCode=62');
    expect(incidents.status).toBe(503);
    expect(incidents.headers.get('retry-after')).toBe('5');
    expect(await incidents.json()).toMatchObject({
      code: 'UNAVAILABLE',
      error: expect.stringContaining('tidak dapat menghubungi basis datanya'),
    });
    const health = await fetch(`${posko.url}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', database: 'postgres', down: ['database'] });
    const replay = (await watcher.timeout(10_000).emitWithAck('events:since', { after: 0 })) as Ack<EventsSinceResult>;
    expect(replay).toMatchObject({ ok: false, code: 'UNAVAILABLE' });

    // The volunteer accepts during the outage: the tap waits on the phone and the page says why.
    await offer.getByRole('button', { name: 'Terima' }).click();
    const item = phone.getByTestId('outbox-item').first();
    await expect.poll(() => item.getByTestId('outbox-state').textContent()).toBe('Menunggu dikirim');
    await expect
      .poll(() => phone.getByTestId('connection').textContent(), { timeout: 10_000 })
      .toBe('Server tidak dapat menghubungi basis datanya — mencoba lagi otomatis');
    await expect.poll(() => phone.getByTestId('outbox-database-down').isVisible()).toBe(true);
    await phone.screenshot({ path: '/tmp/rel-outage-phone-360.png', fullPage: true });
    await phone.setViewportSize({ width: 1366, height: 900 });
    await phone.screenshot({ path: '/tmp/rel-outage-1366.png' });
    await phone.setViewportSize(PHONE_VIEWPORT);
    expect(await item.getByTestId('outbox-state').textContent()).toBe('Menunggu dikirim');

    await postgres.cluster.restart();

    await expect.poll(() => item.getByTestId('outbox-state').textContent(), { timeout: 20_000 }).toBe('Terkirim');
    await expect.poll(() => offer.getByTestId('offer-status').textContent(), { timeout: 5_000 }).toBe('Diterima');
    await expect.poll(() => phone.getByTestId('connection').textContent(), { timeout: 10_000 }).toBe('Terhubung');
    await phone.screenshot({ path: '/tmp/rel-outage-phone-after-360.png', fullPage: true });
    expect((await fetch(`${posko.url}/api/health`)).status).toBe(200);
    const progress = await call(coordinator.cookie, 'GET', `/api/requests/${request.id}`);
    expect(progress.status).toBe(200);
    const after = (await progress.json()) as { counts: Record<string, number> };
    expect(after.counts.accepted).toBe(1);
  });
});
