import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../lib/trainings';
import { signInDemo } from '../support/accounts';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

/**
 * The trainings catalogue in a real server and Chromium: the Kalteng coordinator adds a latsar, records
 * its 30 RPSM at once by pasting their phone numbers (typed every way a clerk types them), and the roster
 * filters them by certificate. Bad input on every route gets a 4xx naming the problem and writes nothing.
 */

let posko: PoskoProcess;
let browser: Browser;
const cookies = { kalteng: '', kapuas: '', leader: '' };
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
  cookies.kalteng = await signInDemo(posko.url, 'koord.kalteng');
  cookies.kapuas = await signInDemo(posko.url, 'koord.kapuas');
  cookies.leader = await signInDemo(posko.url, 'pimpinan.kalteng');
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await posko?.stop();
});

async function call(
  who: keyof typeof cookies,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${posko.url}${path}`, {
    method,
    headers: {
      cookie: cookies[who],
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function openAs(who: keyof typeof cookies, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  const [name, value] = cookies[who].split('=') as [string, string];
  await context.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
  return context.newPage();
}

/** Today and earlier days in WIB (Kalteng's zone), as the date inputs want them. */
const wibDay = (daysAgo = 0) => new Date(Date.now() + 7 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);

/** "+6281234567890" typed five ways, as attendance sheets have them. */
function typed(phone: string, index: number): string {
  const national = phone.slice(3);
  switch (index % 5) {
    case 0:
      return `0${national}`;
    case 1:
      return `0${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`;
    case 2:
      return `+62 ${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
    case 3:
      return `62${national}`;
    default:
      return `${index + 1}. (0${national.slice(0, 3)}) ${national.slice(3)}`;
  }
}

interface RosterRows {
  total: number;
  rows: { id: string; name: string; phone: string; certificates: { trainingId: string; status: string }[] }[];
}

describe('trainings in the browser', () => {
  it('records 30 RPSM of a latsar at once from pasted phones, then the roster filters them by certificate', async () => {
    // Kalteng's RPSM, then other Kalteng volunteers should the demo have fewer than 30.
    const rpsm = (await call('kalteng', 'GET', '/api/volunteers?pillarCode=pensosmas&pageSize=100'))
      .json as unknown as RosterRows;
    const others = (await call('kalteng', 'GET', '/api/volunteers?pillarCode=psm&pageSize=100'))
      .json as unknown as RosterRows;
    const batch = [...rpsm.rows, ...others.rows].slice(0, 30);
    expect(batch).toHaveLength(30);

    const page = await openAs('kalteng', DESKTOP_VIEWPORT);
    await page.goto(`${posko.url}/posko/pelatihan`);
    await page.getByLabel('Jenis').selectOption('latsar');
    await page.getByLabel('Nama pelatihan').fill('Latsar RPSM Angkatan II');
    await page.getByLabel('Penyelenggara').fill('Dinas Sosial Provinsi Kalimantan Tengah');
    await page.getByLabel('Tanggal mulai').fill(wibDay(3));
    await page.getByLabel('Tanggal selesai').fill(wibDay(0));
    await page.getByLabel('Tempat (bila ada)').fill('UPT Pelatihan Sosial, Palangka Raya');
    await page.getByLabel('Masa berlaku sertifikat (bulan)').fill('24');
    await page.getByRole('button', { name: 'Tambah pelatihan' }).click();
    await page.waitForURL(/\/posko\/pelatihan\/[0-9a-f-]{36}$/);
    const trainingId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByRole('heading', { name: 'Latsar RPSM Angkatan II' }).count()).toBe(1);

    // A leader watching the training sees the attendees arrive without reloading.
    const watcher = await openAs('leader', DESKTOP_VIEWPORT);
    await watcher.goto(`${posko.url}/posko/pelatihan/${trainingId}`);
    await watcher.getByTestId('connection').getByText('Terhubung').waitFor();
    await watcher.evaluate(() => Object.assign(window, { notReloaded: true }));

    // A line that matches nobody blocks the batch until it is fixed or skipped.
    const lines = batch.map((volunteer, index) => typed(volunteer.phone, index));
    const textarea = page.getByTestId('attendance-lines');
    await textarea.fill([...lines, '0811-0000-0001'].join('\n'));
    await page.getByRole('button', { name: 'Pratinjau' }).click();
    const preview = page.getByTestId('attendance-preview');
    await expect.poll(() => preview.getByRole('heading', { name: 'Cocok: 30 relawan' }).count()).toBe(1);
    expect(await page.getByTestId('attendance-unresolved').innerText()).toContain(
      'Baris 31: "0811-0000-0001" tidak cocok dengan relawan mana pun di wilayah Anda.',
    );
    expect(await page.getByRole('button', { name: 'Simpan 30 peserta' }).isDisabled()).toBe(true);

    await textarea.fill(lines.join('\n'));
    expect(await page.getByTestId('attendance-preview').count()).toBe(0);
    await page.getByRole('button', { name: 'Pratinjau' }).click();
    await expect.poll(() => preview.getByRole('heading', { name: 'Cocok: 30 relawan' }).count()).toBe(1);
    expect(await page.getByTestId('attendance-unresolved').count()).toBe(0);
    await page.getByRole('button', { name: 'Simpan 30 peserta' }).click();
    await expect.poll(() => page.getByTestId('attendance-notice').textContent()).toBe('30 peserta dicatat.');

    const attendees = page.getByTestId('training-attendees').locator('tbody tr');
    await expect.poll(() => attendees.count(), { timeout: 10_000 }).toBe(30);
    await expect
      .poll(() => watcher.getByTestId('training-attendees').locator('tbody tr').count(), { timeout: 10_000 })
      .toBe(30);
    expect(await watcher.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    const until = new Intl.DateTimeFormat('id-ID', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${addMonths(wibDay(0), 24)}T00:00:00Z`));
    const badges = await page.getByTestId('training-attendees').locator('[data-certificate]').allInnerTexts();
    expect(badges).toEqual(Array.from({ length: 30 }, () => `berlaku sampai ${until}`));

    // The roster: the training filter with the certificate filter shows exactly them.
    await page.goto(`${posko.url}/posko/relawan`);
    await page.getByLabel('Pelatihan', { exact: true }).selectOption(trainingId);
    await page.waitForURL(new RegExp(`trainingId=${trainingId}`));
    await page.getByTestId('certificate-filter').selectOption('valid');
    await page.waitForURL(/certificate=valid/);
    await expect.poll(() => page.locator('[role="status"] strong').innerText()).toMatch(/^30\b/);
    const shownIds = await page
      .locator('tbody tr td a[href^="/posko/relawan/"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')!.split('/').pop()!));
    expect(shownIds.sort()).toEqual(batch.map((volunteer) => volunteer.id).sort());
    expect(await page.locator('tbody [data-certificate="valid"]').count()).toBe(30);

    await page.getByTestId('certificate-filter').selectOption('expired');
    await page.waitForURL(/certificate=expired/);
    await expect.poll(() => page.locator('tbody tr td a[href^="/posko/relawan/"]').count()).toBe(0);
  });

  it('shows the demo with valid, expiring and expired certificates, and stays usable on a 360 px phone', async () => {
    for (const status of ['valid', 'expiring', 'expired']) {
      const { status: code, json } = await call('kalteng', 'GET', `/api/volunteers?certificate=${status}&pageSize=1`);
      expect(code).toBe(200);
      expect((json as unknown as RosterRows).total, status).toBeGreaterThan(0);
    }
    const page = await openAs('kalteng', PHONE_VIEWPORT);
    await page.goto(`${posko.url}/posko/relawan?certificate=expiring`);
    await expect.poll(() => page.locator('tbody [data-certificate="expiring"]').count()).toBeGreaterThan(0);
    expect(await page.locator('tbody [data-certificate="expiring"]').first().innerText()).toMatch(
      /^segera kedaluwarsa \(/,
    );
    await page.goto(`${posko.url}/posko/pelatihan`);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: document.documentElement.clientWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(await page.getByTestId('training-catalogue').innerText()).toMatch(/kedaluwarsa/);
  });
});

describe('trainings over HTTP: bad input', () => {
  it('answers every bad request with a 4xx and a message, never a 500, and writes nothing', async () => {
    const { json: catalogue } = await call('kalteng', 'GET', '/api/trainings');
    const trainings = catalogue.trainings as {
      id: string;
      kind: string;
      attendees: number;
      validMonths: number | null;
    }[];
    const latsar = trainings.find((training) => training.kind === 'latsar')!;
    const before = JSON.stringify((await call('kalteng', 'GET', `/api/trainings/${latsar.id}`)).json);
    const count = trainings.length;

    const cases: [keyof typeof cookies, string, string, unknown, number, string?][] = [
      ['kalteng', 'POST', '/api/trainings', '{not json', 400],
      ['kalteng', 'POST', '/api/trainings', [1, 2], 400],
      ['kalteng', 'POST', '/api/trainings', { provinceCode: '62', kind: 'seminar', name: 'x' }, 400, 'kind'],
      [
        'kalteng',
        'POST',
        '/api/trainings',
        {
          provinceCode: '62',
          kind: 'latsar',
          name: 'Latsar',
          organiser: 'Dinsos',
          startsOn: '2026-11-10',
          endsOn: '2026-11-01',
          validMonths: 12,
        },
        400,
        'endsOn',
      ],
      ['kalteng', 'GET', '/api/trainings?provinceCode=6', undefined, 400, 'provinceCode'],
      ['kalteng', 'GET', '/api/trainings?provinceCode=32', undefined, 403],
      ['kalteng', 'GET', '/api/trainings/bukan-uuid', undefined, 400, 'trainingId'],
      ['kalteng', 'GET', '/api/trainings/00000000-0000-4000-8000-000000000000', undefined, 404],
      ['kalteng', 'PATCH', `/api/trainings/${latsar.id}`, { validMonths: -3 }, 400, 'validMonths'],
      ['kalteng', 'PATCH', `/api/trainings/${latsar.id}`, { startsOn: '2026-13-01' }, 400, 'startsOn'],
      ['kalteng', 'PATCH', `/api/trainings/${latsar.id}`, '{"validMonths":', 400],
      ['kapuas', 'PATCH', `/api/trainings/${latsar.id}`, { validMonths: 6 }, 403],
      ['leader', 'POST', `/api/trainings/${latsar.id}/attendance`, { lines: '0812', completedOn: '2026-11-01' }, 403],
      ['kalteng', 'POST', `/api/trainings/${latsar.id}/attendance`, { completedOn: '2026-11-01' }, 400, 'lines'],
      [
        'kalteng',
        'POST',
        `/api/trainings/${latsar.id}/attendance`,
        { lines: '0811-0000-0002\nNama Yang Tidak Ada', completedOn: wibDay(0) },
        400,
        'lines',
      ],
      [
        'kalteng',
        'POST',
        `/api/trainings/${latsar.id}/attendance`,
        {
          volunteerIds: Array.from({ length: 2_001 }, () => '00000000-0000-4000-8000-000000000000'),
          completedOn: wibDay(0),
        },
        400,
        'volunteerIds',
      ],
      [
        'kalteng',
        'POST',
        `/api/trainings/${latsar.id}/attendance`,
        { lines: 'x'.repeat(200_001), completedOn: wibDay(0) },
        400,
        'lines',
      ],
      ['kalteng', 'POST', `/api/trainings/${latsar.id}/attendance`, { lines: 42, completedOn: true }, 400, 'lines'],
      [
        'kalteng',
        'POST',
        `/api/trainings/${latsar.id}/attendance/preview`,
        { volunteerIds: 'semua' },
        400,
        'volunteerIds',
      ],
      ['kalteng', 'DELETE', `/api/trainings/${latsar.id}/attendance/bukan-uuid`, undefined, 400, 'volunteerId'],
      ['kalteng', 'GET', '/api/volunteers?certificate=hampir', undefined, 400, 'certificate'],
    ];
    for (const [who, method, path, body, status, field] of cases) {
      const answer = await call(who, method, path, body);
      const label = `${method} ${path.slice(0, 80)} ${typeof body === 'string' ? body.slice(0, 20) : JSON.stringify(body)?.slice(0, 60)}`;
      expect(answer.status, label).toBe(status);
      expect(typeof answer.json.error, label).toBe('string');
      expect(String(answer.json.error).length, label).toBeGreaterThan(5);
      if (field) expect(Object.keys((answer.json.details as Record<string, unknown>) ?? {}), label).toContain(field);
    }
    // The unmatched lines are named one by one, in Bahasa Indonesia.
    const unmatched = await call('kalteng', 'POST', `/api/trainings/${latsar.id}/attendance`, {
      lines: '0811-0000-0002\nNama Yang Tidak Ada',
      completedOn: wibDay(0),
    });
    expect((unmatched.json.details as { lines: string[] }).lines).toEqual([
      "Baris 1: '0811-0000-0002' tidak cocok dengan relawan mana pun di wilayah Anda.",
      "Baris 2: 'Nama Yang Tidak Ada' tidak cocok dengan relawan mana pun di wilayah Anda.",
    ]);

    const after = await call('kalteng', 'GET', '/api/trainings');
    expect((after.json.trainings as unknown[]).length).toBe(count);
    expect(JSON.stringify((await call('kalteng', 'GET', `/api/trainings/${latsar.id}`)).json)).toBe(before);
  });
});
