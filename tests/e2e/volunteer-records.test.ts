import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo } from '../support/accounts';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts');

let posko: PoskoProcess;
let browser: Browser;
const cookies: Record<string, string> = {};
let volunteerLogin: string;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
  volunteerLogin = /Relawan\s+(0\d+)\s+.*Tagana Kapuas \(ketua regu\)/.exec(posko.output())![1]!;
  for (const login of ['koord.kalteng', 'koord.kapuas', 'pimpinan.kalteng']) {
    cookies[login] = await signInDemo(posko.url, login);
  }
  cookies.volunteer = await signInDemo(posko.url, volunteerLogin);
});
afterAll(async () => {
  await browser?.close();
  await posko?.stop();
});

let serial = 0;
function freshPhone(): string {
  serial += 1;
  return `08997${String(process.pid % 1000).padStart(3, '0')}${String(serial).padStart(4, '0')}`;
}

/** A request as `who`, with a raw body (a string is sent as is, anything else as JSON). */
async function call(who: string, method: string, url: string, body?: unknown) {
  const response = await fetch(`${posko.url}${url}`, {
    method,
    headers: { cookie: cookies[who]!, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => null)) as {
    error?: string;
    code?: string;
    details?: Record<string, string[]>;
    [key: string]: unknown;
  } | null;
  return { status: response.status, json: json ?? {} };
}

const valid = (overrides: Record<string, unknown> = {}) => ({
  name: 'Relawan Lewat API',
  phone: freshPhone(),
  pillarCode: 'tagana',
  regencyCode: '62.03',
  ...overrides,
});

describe('the registry routes', () => {
  it('refuse bad input with a 400 and a message, never a 500 and never a half write', async () => {
    const bodies: unknown[] = [
      'bukan json',
      '[]',
      'null',
      {},
      valid({ name: 'x'.repeat(10_000) }),
      valid({ phone: 81234567890 }),
      valid({ phone: '0812-345' }),
      valid({ skills: 'evakuasi' }),
      valid({ skills: Array.from({ length: 50 }, (_, i) => `keahlian ${i}`) }),
      valid({ birthYear: '1990' }),
      valid({ nik: 'abc' }),
      valid({ regencyCode: '62.03; drop table volunteers' }),
      valid({ districtCode: '62.71.01' }),
      valid({ pillarCode: 'bukan_pilar' }),
      valid({ isCivilServant: 'ya' }),
      valid({ gender: 'x' }),
    ];
    for (const body of bodies) {
      const { status, json } = await call('koord.kalteng', 'POST', '/api/volunteers', body);
      expect(status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(json.code).toBe('INVALID');
      expect(json.error).toMatch(/\S/);
    }
    const phoneError = await call('koord.kalteng', 'POST', '/api/volunteers', valid({ phone: '0812-345' }));
    expect(phoneError.json.details?.phone).toEqual(["No HP '0812-345' terlalu pendek; tulis seperti 0812-3456-7890."]);
    // Nothing was written by any of them.
    const roster = await call('koord.kalteng', 'GET', '/api/volunteers?search=Relawan%20Lewat%20API');
    expect(roster.json.total).toBe(0);

    const created = await call('koord.kalteng', 'POST', '/api/volunteers', valid());
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    for (const [method, url, body] of [
      ['PATCH', `/api/volunteers/${id}`, 'bukan json'],
      ['PATCH', `/api/volunteers/${id}`, '[1, 2]'],
      ['PATCH', `/api/volunteers/${id}`, { birthYear: 1800 }],
      ['PATCH', '/api/volunteers/bukan-uuid', { name: 'Nama Baru' }],
      ['POST', `/api/volunteers/${id}/move`, { regencyCode: 'Kapuas' }],
      ['POST', `/api/volunteers/${id}/move`, 'bukan json'],
      ['POST', `/api/volunteers/${id}/retire`, {}],
      ['POST', `/api/volunteers/${id}/retire`, { reason: 42 }],
      ['POST', '/api/volunteers/bukan-uuid/reinstate', {}],
    ] as const) {
      const { status, json } = await call('koord.kalteng', method, url, body);
      expect(status, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
      expect(json.error).toMatch(/\S/);
    }
    expect(
      (await call('koord.kalteng', 'PATCH', '/api/volunteers/00000000-0000-4000-8000-000000000000', { name: 'Ab Cd' }))
        .status,
    ).toBe(404);
  });

  it('answer a taken phone with a 409 naming who holds it, and the other conflicts the same way', async () => {
    const first = await call('koord.kalteng', 'POST', '/api/volunteers', valid({ name: 'Pemegang Nomor' }));
    const phone = first.json.phone as string;
    const again = await call('koord.kapuas', 'POST', '/api/volunteers', valid({ phone: phone.replace('+62', '0') }));
    expect(again.status).toBe(409);
    expect(again.json.details?.phone?.[0]).toContain('Pemegang Nomor');
    const id = first.json.id as string;
    expect((await call('koord.kalteng', 'POST', `/api/volunteers/${id}/reinstate`, {})).status).toBe(409);
    expect((await call('koord.kapuas', 'POST', '/api/volunteers', valid({ regencyCode: '62.71' }))).status).toBe(403);
    expect((await call('pimpinan.kalteng', 'POST', '/api/volunteers', valid())).status).toBe(403);
  });

  it('let a volunteer correct its own emergency contact and nothing else; leaders never see a NIK', async () => {
    const me = await call('volunteer', 'GET', '/api/auth/me');
    const own = me.json.volunteerId as string;
    const contact = await call('volunteer', 'PATCH', `/api/volunteers/${own}`, {
      emergencyContactName: 'Ibu Sari',
      emergencyContactPhone: '0813-2222-3333',
    });
    expect(contact.status).toBe(200);
    expect(contact.json.fields).toEqual(['emergencyContactName', 'emergencyContactPhone']);
    expect(JSON.stringify(contact.json)).not.toContain('"nik"');
    const name = await call('volunteer', 'PATCH', `/api/volunteers/${own}`, { name: 'Nama Lain' });
    expect(name.status).toBe(403);
    expect(name.json.error).toContain('No HP dan kontak darurat');
    const other = await call('koord.kalteng', 'POST', '/api/volunteers', valid());
    expect((await call('volunteer', 'PATCH', `/api/volunteers/${other.json.id}`, { phone: freshPhone() })).status).toBe(
      403,
    );
    const withNik = await call('koord.kalteng', 'POST', '/api/volunteers', valid({ nik: '6203011234567890' }));
    expect(withNik.json.nik).toBe('6203011234567890');
    expect((await call('pimpinan.kalteng', 'GET', '/api/volunteers')).status).toBe(403);
  });
});

const mapLabel = (page: Page, code: string) => page.locator(`.regency-label span[data-regency="${code}"]`);
const mapCount = async (page: Page, code: string) =>
  Number(((await mapLabel(page, code).textContent()) ?? '').replace(/\D/g, ''));

describe('adding and retiring a volunteer on a phone', () => {
  it('koord.kalteng adds one at 360 px, the Kalteng map counts it in Kapuas without a reload, and retiring takes it off', async () => {
    const [name, value] = cookies['koord.kalteng']!.split('=') as [string, string];
    const desk = await browser.newContext({ viewport: DESKTOP_VIEWPORT });
    const phone = await browser.newContext({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    for (const context of [desk, phone]) {
      await context.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
    }
    const map = await desk.newPage();
    await map.goto(`${posko.url}/posko`);
    await map.getByTestId('connection').getByText('Terhubung').waitFor();
    await mapLabel(map, '62.03').waitFor();
    const before = await mapCount(map, '62.03');

    const page = await phone.newPage();
    await page.goto(`${posko.url}/posko/relawan`);
    await page.getByTestId('add-volunteer').click();
    await page.waitForURL('**/posko/relawan/baru');
    await page.locator('#volunteer-name').fill('Siti Peramban');
    await page.locator('#volunteer-phone').fill('0812-345');
    await page.getByTestId('volunteer-submit').click();
    // The server's words beside the field, and the focus on the first field that needs fixing.
    await expect
      .poll(() => page.locator('#volunteer-phone-error').textContent())
      .toBe("No HP '0812-345' terlalu pendek; tulis seperti 0812-3456-7890.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('volunteer-phone');
    await expect.poll(() => page.locator('#volunteer-pillarCode-error').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'volunteer-new-errors-360.png'), fullPage: true });

    await page.locator('#volunteer-phone').fill(freshPhone());
    await page.locator('#volunteer-pillarCode').selectOption('tagana');
    await page.locator('#volunteer-taganaRank').selectOption('muda');
    await page.locator('#volunteer-regencyCode').selectOption('62.03');
    const firstDistrict = await page.locator('#volunteer-districtCode option').nth(1).getAttribute('value');
    await page.locator('#volunteer-districtCode').selectOption(firstDistrict!);
    await page.locator('#volunteer-village').fill('Selat Hilir');
    await page.locator('#volunteer-skills').fill('Evakuasi air');
    await page.getByRole('button', { name: 'Tambah', exact: true }).click();
    await page.getByRole('button', { name: 'Hapus keahlian evakuasi air' }).waitFor();
    const box = await page.getByRole('button', { name: 'Hapus keahlian evakuasi air' }).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await page.getByTestId('volunteer-submit').click();
    await page.waitForURL(/\/posko\/relawan\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Siti Peramban' }).waitFor();

    await expect.poll(() => mapCount(map, '62.03'), { timeout: 10_000 }).toBe(before + 1);

    await page.getByTestId('edit-volunteer').click();
    await page.waitForURL(/\/ubah$/);
    await page.locator('#retire-reason').fill('Pindah kerja ke Jakarta');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'volunteer-edit-360.png'), fullPage: true });
    await page.getByTestId('retire-submit').click();
    await page.getByText('Relawan dinonaktifkan.').waitFor();
    await page.getByTestId('retired-notice').getByText('(Pindah kerja ke Jakarta)').waitFor();
    await expect.poll(() => mapCount(map, '62.03'), { timeout: 10_000 }).toBe(before);
    await page.getByTestId('reinstate-submit').waitFor();

    const wide = await desk.newPage();
    await wide.goto(page.url());
    await wide.screenshot({ path: path.join(SCREENSHOTS, 'volunteer-edit-1366.png'), fullPage: true });
    await desk.close();
    await phone.close();
  });
});
