import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignments, channelPreferences, type Volunteer } from '../../db/schema';
import { createTestAccount, signedInContext, type TestAccount } from '../support/accounts';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { addTextingVolunteer, startStandIn, type StandIn } from '../support/channels';
import { inHours, uniqueSkill } from '../support/dispatch';
import { startSeededPostgres, type SeededPostgres } from '../support/postgres-database';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

const SECRET = 'rahasia-gateway-e2e-0123456789';
let postgres: SeededPostgres;
let posko: PoskoProcess;
let browser: Browser;
let gateway: StandIn;
let kalteng: TestAccount;

beforeAll(async () => {
  gateway = await startStandIn();
  postgres = await startSeededPostgres('demo');
  [posko, browser] = await Promise.all([
    startPoskoProcess({
      DATABASE_URL: postgres.databaseUrl,
      POSKO_SMS_PROVIDER: 'http',
      POSKO_SMS_HTTP_URL: `${gateway.url}/send`,
      POSKO_SMS_WEBHOOK_SECRET: SECRET,
      POSKO_SMS_RATE_PER_MINUTE: '600',
    }),
    launchChromium(),
  ]);
  kalteng = await createTestAccount(postgres.handle.db, { role: 'coordinator', provinceCode: '62' });
});
afterAll(async () => {
  await browser?.close();
  await posko?.stop();
  await postgres?.stop();
  await gateway?.close();
});

async function call(account: TestAccount | null, method: string, path: string, body?: object) {
  const response = await fetch(`${posko.url}${path}`, {
    method,
    headers: {
      ...(account && { cookie: account.cookie, origin: posko.url }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const sentTo = (phone: string) =>
  gateway.received
    .map((recorded) => JSON.parse(recorded.body) as { id: string; to: string; text: string })
    .filter((message) => message.to === phone);

async function waitForText(phone: string, pattern: RegExp) {
  const until = Date.now() + 20_000;
  for (;;) {
    const found = sentTo(phone).find((message) => pattern.test(message.text));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no text matching ${pattern} to ${phone}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The gateway posts an inbound text to Posko over HTTP, signed as it signs. */
async function textIn(from: string, text: string, id: string) {
  const body = JSON.stringify({ id, from, text, receivedAt: new Date().toISOString() });
  const response = await fetch(`${posko.url}/api/channels/sms/inbound`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-posko-signature': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    },
    body,
  });
  return response.status;
}

describe('SMS in the pages', () => {
  let volunteer: Volunteer;
  let incidentId: string;

  it('an offer texted to a phone without data is accepted by SMS, live on the incident page', async () => {
    const skill = uniqueSkill();
    volunteer = await addTextingVolunteer(postgres.handle.db, '62.03', [skill]);
    const incident = await call(kalteng, 'POST', '/api/incidents', {
      type: 'flood',
      severity: 3,
      regencyCode: '62.06',
      title: 'Banjir Katingan Hilir',
    });
    expect(incident.status).toBe(201);
    incidentId = String(incident.body.id);

    const context = await signedInContext(browser, posko.url, kalteng, DESKTOP_VIEWPORT);
    const page = await context.newPage();
    await page.goto(`${posko.url}/kejadian/${incidentId}`);

    const made = await call(kalteng, 'POST', '/api/requests', {
      incidentId,
      slots: 1,
      pillarCodes: ['tagana'],
      skill,
      sourceRegencyCodes: ['62.03'],
      meetingPoint: 'Kantor Dinsos Kapuas',
      deadline: inHours(4).toISOString(),
    });
    expect(made.status).toBe(201);
    const offer = await waitForText(volunteer.phone, /TAWARAN/);
    const code = /TERIMA ([A-Z0-9]{4})/.exec(offer.text)![1]!;
    const row = page.locator('[data-testid="assignment-row"]', { hasText: volunteer.name });
    await row.locator('[data-text-status="sent"]').waitFor({ timeout: 15_000 });

    expect(await textIn(volunteer.phone, `terima ${code}`, `e2e-${process.pid}-1`)).toBe(200);
    await row.and(page.locator('[data-status="accepted"]')).waitFor({ timeout: 15_000 });
    expect(await textIn(volunteer.phone, `terima ${code}`, `e2e-${process.pid}-1`)).toBe(409);
    await waitForText(volunteer.phone, /DITERIMA/);
    await page.locator('[data-testid="request-texts"]').waitFor();
    await page.screenshot({ path: '/tmp/sms-incident-1366.png', fullPage: true });
    await page.setViewportSize(PHONE_VIEWPORT);
    await page.screenshot({ path: '/tmp/sms-incident-360.png', fullPage: true });

    const [accepted] = await postgres.handle.db
      .select()
      .from(assignments)
      .where(eq(assignments.volunteerId, volunteer.id));
    expect(accepted!.status).toBe('accepted');
    await context.close();
  });

  it('the volunteer’s record and the outbox list each text with its state', async () => {
    for (const viewport of [DESKTOP_VIEWPORT, PHONE_VIEWPORT]) {
      const context = await signedInContext(browser, posko.url, kalteng, viewport);
      const page = await context.newPage();
      await page.goto(`${posko.url}/posko/relawan/${volunteer.id}`);
      const texts = page.locator('[data-testid="volunteer-texts"]');
      await texts.locator('[data-kind="offer"] [data-text-status="sent"]').waitFor();
      await texts.locator('[data-kind="reply"]', { hasText: 'DITERIMA' }).waitFor();
      await page.screenshot({ path: `/tmp/sms-volunteer-${viewport.width}.png`, fullPage: true });

      await page.goto(`${posko.url}/posko/sms`);
      await page.locator('[data-testid="text-row"]', { hasText: volunteer.name }).first().waitFor();
      expect(await page.locator('[data-testid="sms-provider"]').textContent()).toMatch(/gateway HTTP/);
      await page.screenshot({ path: `/tmp/sms-outbox-${viewport.width}.png`, fullPage: true });
      await context.close();
    }
  });

  it('the coordinator turns WhatsApp off and sets the second try; a bad number is refused beside it', async () => {
    const context = await signedInContext(browser, posko.url, kalteng, PHONE_VIEWPORT);
    const page = await context.newPage();
    await page.goto(`${posko.url}/posko/sms`);
    await page.locator('input[name="reminderMinutes"]').fill('2');
    await page.locator('[data-testid="save-channels"]').click();
    await page.locator('[data-testid="channels-message"]', { hasText: '5 menit' }).waitFor();
    await page.locator('input[name="reminderMinutes"]').fill('45');
    await page.locator('[data-testid="save-channels"]').click();
    await page.locator('[data-testid="channels-message"]', { hasText: 'Tersimpan' }).waitFor();
    await page.reload();
    expect(await page.locator('input[name="reminderMinutes"]').inputValue()).toBe('45');
    await context.close();
  });

  it('the volunteer chooses texts always on /tugas, and it holds after a reload', async () => {
    // Someone who never texted (whoever texts gets an account without a password, so it cannot sign in).
    const reader = await addTextingVolunteer(postgres.handle.db);
    const account = await createTestAccount(postgres.handle.db, { role: 'volunteer', volunteerId: reader.id });
    const context = await signedInContext(browser, posko.url, account, PHONE_VIEWPORT);
    const page = await context.newPage();
    await page.goto(`${posko.url}/tugas`);
    const choice = page.locator('[data-testid="channel-preference"]');
    await choice.locator('input[value="always"]').check();
    await choice.locator('[data-testid="channel-preference-note"]', { hasText: 'disimpan' }).waitFor();
    await page.screenshot({ path: '/tmp/sms-tugas-360.png', fullPage: true });
    const [stored] = await postgres.handle.db
      .select()
      .from(channelPreferences)
      .where(eq(channelPreferences.volunteerId, reader.id));
    expect(stored!.mode).toBe('always');
    await page.reload();
    expect(await choice.locator('input[value="always"]').isChecked()).toBe(true);
    await context.close();
  });
});
