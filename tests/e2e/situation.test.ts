import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentAnswer } from '../../lib/dispatch';
import type { Ack } from '../../lib/realtime';
import { signInDemo } from '../support/accounts';
import { seriousAxeFindings } from '../support/axe';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { connectClient } from '../support/realtime';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

let posko: PoskoProcess;
let browser: Browser;
let coordinator: string;
let member: string;

beforeAll(async () => {
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
  const memberLogin = /Relawan\s+(0\d+)\s+.*Tagana Kapuas\n/.exec(posko.output())![1]!;
  coordinator = await signInDemo(posko.url, 'koord.kalteng');
  member = await signInDemo(posko.url, memberLogin);
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

async function signedIn(cookie: string, viewport: { width: number; height: number }, phone = false) {
  const context = await browser.newContext({ viewport, ...(phone ? { hasTouch: true, isMobile: true } : {}) });
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
  return { context, page: await context.newPage() };
}

/** The PDF's text, page by page, as a reader would copy it out. */
async function pdfText(bytes: ArrayBuffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes) }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n').replace(/\s+/g, ' ');
}

const total = (page: Page, key: string) => page.getByTestId(`total-${key}`).textContent();

/** A camera-sized PNG (1440×1080, about 3 MB): colour gradients under fine grain, as a photo of a flood. */
function cameraPhoto(width = 1440, height = 1080): Buffer {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  let seed = 7;
  const grain = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) % 6;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * row + 1 + x * 3;
      raw[at] = (x * 250) / width + grain();
      raw[at + 1] = (y * 250) / height + grain();
      raw[at + 2] = 120 + grain();
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const check = Buffer.alloc(4);
    check.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, check]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG's width and height, from its start-of-frame segment. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  let at = 2;
  while (at < bytes.length) {
    const marker = bytes[at + 1]!;
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xc3)
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  throw new Error('no start of frame');
}

describe('the situation of an incident', () => {
  it('an offline phone on site sends a rapid assessment; the coordinator sees it live, verifies it and issues reports No. 1 and 2', async () => {
    // A Kapuas flood with one place for a Tagana member of Kapuas, who accepts, leaves and arrives.
    const incident = await api<{ id: string; title: string }>(coordinator, 'POST', '/api/incidents', {
      type: 'flood',
      severity: 4,
      regencyCode: '62.03',
      title: 'Banjir Kecamatan Selat',
    });
    await api(coordinator, 'POST', '/api/requests', {
      incidentId: incident.id,
      slots: 1,
      pillarCodes: ['tagana'],
      sourceRegencyCodes: ['62.03'],
      meetingPoint: 'Dermaga Selat',
      deadline: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    });
    const mine = await api<{ assignment: { id: string }; incident: { id: string } }[]>(
      member,
      'GET',
      '/api/assignments',
    );
    const assignmentId = mine.find((entry) => entry.incident.id === incident.id)!.assignment.id;
    const socket = await connectClient(posko.url, { cookie: member });
    for (const [command, input] of [
      ['offer:accept', { assignmentId, idempotencyKey: `accept-${assignmentId}` }],
      [
        'assignment:report',
        { assignmentId, status: 'en_route', from: 'accepted', idempotencyKey: `depart-${assignmentId}` },
      ],
      [
        'assignment:report',
        { assignmentId, status: 'on_site', from: 'en_route', idempotencyKey: `arrive-${assignmentId}` },
      ],
    ] as const) {
      const ack = (await socket.emitWithAck(command, input as never)) as Ack<AssignmentAnswer>;
      expect(ack.ok, JSON.stringify(ack)).toBe(true);
    }
    socket.disconnect();

    // The coordinator's incident page, and the volunteer's phone on site.
    const office = await signedIn(coordinator, DESKTOP_VIEWPORT);
    await office.page.goto(`${posko.url}/kejadian/${incident.id}`);
    await office.page.getByTestId('situation-panel').waitFor();
    expect(await total(office.page, 'dead')).toBe('0');
    const field = await signedIn(member, PHONE_VIEWPORT, true);
    const phone = field.page;
    await phone.goto(`${posko.url}/tugas`);
    await expect.poll(() => phone.getByTestId('connection').textContent(), { timeout: 10_000 }).toBe('Terhubung');
    const card = phone.getByTestId('assessment-card');
    await card.waitFor();

    // No signal at the river: the assessment is filled in and kept on the phone.
    await field.context.setOffline(true);
    await expect.poll(() => phone.getByTestId('connection').textContent()).toBe('Terputus — mencoba lagi');
    await card.getByLabel('Kecamatan').selectOption({ label: 'Selat' });
    await card.getByLabel('Desa/kelurahan').selectOption({ label: 'Murung Keramat' });
    await card.getByLabel('Meninggal').fill('2');
    await card.getByLabel('Hilang').fill('1');
    await card.getByLabel('Pengungsi (KK)').fill('30');
    await card.getByLabel('Pengungsi (jiwa)').fill('120');
    await card.getByLabel('Balita').fill('14');
    await card.getByLabel('Terendam').fill('45');
    await card.getByLabel('Tempat mengungsi').fill('Balai Desa Murung Keramat');
    await card.getByRole('button', { name: 'Tambah barang' }).click();
    await card.getByLabel('Barang', { exact: true }).selectOption('Tenda');
    await card.getByLabel('Jumlah', { exact: true }).fill('20');
    // A photo straight from the camera (about 3 MB) is shrunk on the phone before it is kept.
    const original = cameraPhoto();
    expect(original.byteLength).toBeGreaterThan(3_000_000);
    await card
      .getByTestId('photo-input')
      .setInputFiles({ name: 'banjir.png', mimeType: 'image/png', buffer: original });
    const preview = card.getByTestId('photo-preview');
    await preview.waitFor({ timeout: 15_000 });
    expect(Number(await preview.getAttribute('data-bytes'))).toBeLessThanOrEqual(220 * 1024);
    await phone.screenshot({ path: '/tmp/photo-assessment-phone.png', fullPage: true });
    await phone.screenshot({ path: '/tmp/sit-assessment-phone.png', fullPage: true });
    // A bad number is marked beside its field before anything is queued.
    await card.getByLabel('Balita').fill('500');
    await card.getByRole('button', { name: 'Kirim kaji cepat' }).click();
    await expect
      .poll(() => card.locator('.assess-error').first().textContent())
      .toBe('Balita tidak boleh lebih banyak dari pengungsi (jiwa).');
    expect(await phone.getByTestId('outbox-item').count()).toBe(0);
    await card.getByLabel('Balita').fill('14');
    await card.getByRole('button', { name: 'Kirim kaji cepat' }).click();
    await expect
      .poll(() => card.getByTestId('assessment-outcome').textContent())
      .toBe('Kaji cepat untuk Murung Keramat, Kec. Selat disimpan di ponsel dan dikirim saat ada sinyal.');
    // Newest first: the photo waits behind its assessment.
    const photoItem = phone.getByTestId('outbox-item').first();
    const item = phone.getByTestId('outbox-item').nth(1);
    await expect.poll(() => item.getByTestId('outbox-state').textContent()).toBe('Menunggu dikirim');
    expect(await item.textContent()).toContain('Kaji cepat Murung Keramat, Kec. Selat · Banjir Kecamatan Selat');
    expect(await photoItem.textContent()).toContain('Foto 1 kaji cepat Murung Keramat, Kec. Selat');
    expect(await photoItem.getByTestId('outbox-state').textContent()).toBe('Menunggu dikirim');
    await phone.screenshot({ path: '/tmp/sit-assessment-phone-waiting.png', fullPage: true });
    expect(await seriousAxeFindings(phone)).toEqual([]);
    expect(
      (await api<{ totals: { dead: number } }>(coordinator, 'GET', `/api/incidents/${incident.id}/figures`)).totals
        .dead,
    ).toBe(0);

    // The signal returns: it arrives once, and the coordinator's totals change live, marked unverified.
    await field.context.setOffline(false);
    await expect.poll(() => item.getByTestId('outbox-state').textContent(), { timeout: 15_000 }).toBe('Terkirim');
    await expect.poll(() => total(office.page, 'dead'), { timeout: 10_000 }).toBe('2');
    expect(await total(office.page, 'displacedPeople')).toBe('120');
    expect(await total(office.page, 'housesFlooded')).toBe('45');
    const row = office.page.getByTestId('assessment-row');
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-status')).toBe('unverified');
    expect(await office.page.locator('[data-figure="dead"] .unverified-mark').count()).toBe(1);
    const figures = await api<{ totals: Record<string, number>; vulnerable: Record<string, number> }>(
      coordinator,
      'GET',
      `/api/incidents/${incident.id}/figures`,
    );
    expect(figures.totals).toMatchObject({
      dead: 2,
      missing: 1,
      displacedFamilies: 30,
      displacedPeople: 120,
      housesFlooded: 45,
    });
    expect(figures.vulnerable.infants).toBe(14);

    // The photo arrives after its assessment, shrunk: the coordinator sees its thumbnail, which opens it.
    await expect.poll(() => photoItem.getByTestId('outbox-state').textContent(), { timeout: 15_000 }).toBe('Terkirim');
    const thumbnail = row.getByTestId('assessment-photo');
    await expect.poll(() => thumbnail.count(), { timeout: 10_000 }).toBe(1);
    const photoPath = await thumbnail.getAttribute('href');
    expect(await thumbnail.locator('img').getAttribute('loading')).toBe('lazy');
    await expect
      .poll(() => thumbnail.locator('img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
      .toBeGreaterThan(0);
    await office.page.screenshot({ path: '/tmp/photo-thumbnails-1366.png', fullPage: true });
    const served = await fetch(`${posko.url}${photoPath}`, { headers: { cookie: coordinator } });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('cache-control')).toContain('private');
    const uploaded = Buffer.from(await served.arrayBuffer());
    expect(uploaded.byteLength).toBeLessThanOrEqual(220 * 1024);
    expect(Math.max(jpegSize(uploaded).width, jpegSize(uploaded).height)).toBeLessThanOrEqual(1280);
    expect((await fetch(`${posko.url}${photoPath}`, { headers: { cookie: member } })).status).toBe(200);

    // Verified: the mark goes.
    await row.getByRole('button', { name: 'Sahkan' }).click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('verified');
    expect(await office.page.locator('[data-figure="dead"] .unverified-mark').count()).toBe(0);

    // Laporan Situasi No. 1, written on the incident page.
    const composer = office.page.getByTestId('sitrep-composer');
    await composer.locator('summary').click();
    await composer.getByLabel('Penyebab').fill('Hujan deras tiga hari dan luapan Sungai Kapuas');
    await composer.getByLabel('Dapur umum dan hasilnya').fill('1 dapur umum, 900 bungkus per hari');
    await composer.getByRole('button', { name: 'Tambah baris' }).click();
    const aid = composer.getByTestId('aid-row');
    await aid.getByLabel('Barang').fill('Tenda keluarga');
    await aid.getByLabel('Dibutuhkan').fill('20');
    await aid.getByLabel('Diterima').fill('8');
    await aid.getByLabel('Disalurkan').fill('8');
    await composer.getByLabel('Kebutuhan mendesak, satu per baris, yang terpenting dulu').fill('Tenda\nAir bersih');
    await composer.getByRole('button', { name: 'Terbitkan' }).click();
    await expect.poll(() => composer.getByRole('status').textContent()).toContain('Laporan Situasi No. 1 terbit.');
    await expect.poll(() => office.page.getByTestId('sitrep-list').textContent()).toContain('Laporan Situasi No. 1');
    await office.page.screenshot({ path: '/tmp/sit-figures-1366.png', fullPage: true });
    expect(await seriousAxeFindings(office.page)).toEqual([]);

    // A later assessment (Kapuas Hilir, by the coordinator) moves the totals, and No. 2 shows the change.
    await api(coordinator, 'POST', `/api/incidents/${incident.id}/assessments`, {
      districtCode: '62.03.02',
      dead: 1,
      injuredLight: 5,
      displacedFamilies: 10,
      displacedPeople: 36,
    });
    await expect.poll(() => total(office.page, 'dead'), { timeout: 10_000 }).toBe('3');
    await expect
      .poll(() => office.page.locator('[data-figure="dead"] .figure-change').textContent())
      .toBe('+1 sejak Laporan No. 1');
    const second = await api<{ id: string; number: number }>(
      coordinator,
      'POST',
      `/api/incidents/${incident.id}/sitreps`,
      {
        cause: 'Hujan deras tiga hari dan luapan Sungai Kapuas',
      },
    );
    expect(second.number).toBe(2);
    await expect
      .poll(() => office.page.getByTestId('sitrep-list').textContent(), { timeout: 10_000 })
      .toContain('Laporan Situasi No. 2');
    await office.page.screenshot({ path: '/tmp/sit-figures-1366-after.png', fullPage: true });

    // Report No. 1 still says what it said.
    const reports = await api<{ reports: { id: string; number: number }[] }>(
      coordinator,
      'GET',
      `/api/incidents/${incident.id}/sitreps`,
    );
    const first = await api<{ snapshot: { figures: { totals: { dead: number } } } }>(
      coordinator,
      'GET',
      `/api/sitreps/${reports.reports[0]!.id}`,
    );
    expect(first.snapshot.figures.totals.dead).toBe(2);

    // The PDF of No. 2 holds the incident, the totals and the volunteers deployed per kabupaten.
    const pdf = await fetch(`${posko.url}/api/sitreps/${second.id}/pdf`, { headers: { cookie: coordinator } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = await pdf.arrayBuffer();
    writeFileSync('/tmp/sit-report.pdf', Buffer.from(bytes));
    const text = await pdfText(bytes);
    expect(text).toContain('Laporan Situasi No. 2');
    expect(text).toContain('Banjir Kecamatan Selat');
    expect(text).toContain('DINAS SOSIAL PROVINSI KALIMANTAN TENGAH');
    expect(text).toMatch(/Jumlah 3 ?\* 1 0 5 ?\*/); // meninggal, hilang, luka berat, luka ringan; * unverified
    expect(text).toMatch(/Selat 30 120 14/);
    expect(text).toMatch(/Kabupaten Kapuas 0 0 1 0 1/); // diterima, berangkat, di lokasi, selesai, jumlah
    expect(text).toMatch(/Halaman 1 dari \d/);

    // The WhatsApp text says the same; the print page offers it to copy and to share.
    const whatsapp = await fetch(`${posko.url}/api/sitreps/${second.id}/text`, { headers: { cookie: coordinator } });
    expect(whatsapp.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const message = await whatsapp.text();
    for (const line of [
      '*LAPORAN SITUASI NO. 2*',
      'Banjir Kecamatan Selat',
      '- Meninggal: 3* (+1)',
      '- Hilang: 1',
      '- Luka ringan: 5* (+5)',
      '- Pengungsi (jiwa): 156* (+36)',
      '- Kabupaten Kapuas: 1 (di lokasi 1)',
    ]) {
      expect(message).toContain(line);
    }
    const print = await signedIn(coordinator, DESKTOP_VIEWPORT);
    await print.page.goto(`${posko.url}/kejadian/${incident.id}/laporan/2`);
    await print.page.getByTestId('sitrep').waitFor();
    const share = await print.page.getByTestId('share-whatsapp').getAttribute('href');
    expect(decodeURIComponent(share!.split('text=')[1]!)).toBe(message);
    expect(await print.page.getByTestId('sitrep-text').textContent()).toBe(message);
    expect(await seriousAxeFindings(print.page)).toEqual([]);
    await print.page.emulateMedia({ media: 'print' });
    await print.page.screenshot({ path: '/tmp/sit-report-print.png', fullPage: true });
    await print.context.close();
    await office.context.close();
    await field.context.close();
  });
});
