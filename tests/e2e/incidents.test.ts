import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo } from '../support/accounts';
import { DESKTOP_VIEWPORT, launchChromium, PHONE_VIEWPORT } from '../support/browser';
import { connectClient, type TestClient } from '../support/realtime';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

/**
 * The coordinator's side of the dispatch loop in Chromium, on the demo: register an incident through
 * the form, ask for one volunteer, and watch the answer arrive live; the leader reads the same pages
 * without a single control.
 */
const SCREENSHOTS = path.resolve(import.meta.dirname, '../artifacts');

let posko: PoskoProcess;
let browser: Browser;
let volunteerLogin: string;
const contexts: BrowserContext[] = [];
const sockets: TestClient[] = [];

/** What the tests hand on to each other: the incident the coordinator registered and its request. */
const state = { incidentPath: '', requestId: '', volunteerName: '' };

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  [posko, browser] = await Promise.all([startPoskoProcess(), launchChromium()]);
  // A Tagana volunteer of Pulang Pisau who is on standby in the demo and has an account.
  volunteerLogin = /Relawan\s+(0\d+)\s+.*Tagana Pulang Pisau/.exec(posko.output())![1]!;
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  for (const context of contexts) await context.close();
  await browser?.close();
  await posko?.stop();
});

const signIn = (login: string) => signInDemo(posko.url, login);

/** A page signed in as `login`, opened at `where`, with its live connection up. */
async function openAs(login: string, where: string, viewport: { width: number; height: number }): Promise<Page> {
  const [name, value] = (await signIn(login)).split('=') as [string, string];
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  await context.addCookies([{ name, value, url: posko.url, httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  await page.goto(`${posko.url}${where}`);
  await page.getByTestId('connection').getByText('Terhubung').waitFor();
  return page;
}

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent())?.trim();

describe('incidents and deployment requests in the browser', () => {
  it('registers an incident through the form, and a leader watching the list sees it appear', async () => {
    const leader = await openAs('pimpinan.kalteng', '/kejadian', DESKTOP_VIEWPORT);
    const before = await leader.getByTestId('incident-row').count();
    expect(before).toBeGreaterThan(0);
    expect(await leader.getByTestId('incident-form').count(), 'no form for a leader').toBe(0);
    expect(await leader.getByRole('button', { name: 'Catat kejadian' }).count()).toBe(0);

    const page = await openAs('koord.kalteng', '/kejadian', DESKTOP_VIEWPORT);
    await page.getByRole('button', { name: 'Catat kejadian' }).click();
    const form = page.getByTestId('incident-form');
    await form.getByLabel('Jenis kejadian').selectOption({ label: 'Banjir' });
    await form.getByRole('radio', { name: '4 Sangat tinggi' }).check();
    await form.getByLabel('Kabupaten/kota').selectOption({ label: 'Kabupaten Pulang Pisau' });
    const kecamatan = form.getByLabel('Kecamatan');
    await expect.poll(() => kecamatan.locator('option').count()).toBeGreaterThan(3);
    const district = (await kecamatan.locator('option').nth(1).textContent())!;
    await kecamatan.selectOption({ label: district });

    // The map draws Kalteng's kabupaten without tiles and zooms to Pulang Pisau; a tap sets the point.
    const map = form.getByTestId('point-picker');
    await expect
      .poll(() => map.locator('.leaflet-overlay-pane canvas, .leaflet-overlay-pane path').count())
      .toBeGreaterThan(0);
    await page.waitForTimeout(400);
    await map.click();
    await expect.poll(() => text(page, 'picked-point')).toMatch(/^-\d\.\d{4}, 11\d\.\d{4}$/);
    await form.getByLabel('Uraian').fill('Sungai Kahayan meluap; 120 rumah terendam 60–90 cm.');
    await form.getByLabel('Kebutuhan').fill('Perahu karet dan dapur umum.');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incident-form-desktop.png') });

    await form.getByRole('button', { name: 'Catat kejadian' }).click();
    await page.waitForURL(/\/kejadian\/[0-9a-f-]{36}$/);
    state.incidentPath = new URL(page.url()).pathname;
    await expect.poll(() => text(page, 'incident-title')).toBe(`Banjir di Kec. ${district}, Kabupaten Pulang Pisau`);
    expect(await text(page, 'incident-phase')).toBe('Dilaporkan');
    expect(await page.getByTestId('phase-controls').count()).toBe(1);

    // The leader's list grew without a reload, with the new incident on it.
    const row = leader.getByTestId('incident-row').filter({ hasText: `Kec. ${district}` });
    await row.waitFor({ timeout: 5_000 });
    expect(await row.getByTestId('incident-phase').textContent()).toBe('Dilaporkan');
    expect(await leader.getByTestId('incident-row').count()).toBe(before + 1);
    await leader.screenshot({ path: path.join(SCREENSHOTS, 'incident-list-leader-desktop.png') });
  });

  it('asks for one volunteer and follows the answer live: accepted, then departed', async () => {
    const page = await openAs('koord.kalteng', state.incidentPath, DESKTOP_VIEWPORT);
    await page.getByRole('button', { name: 'Minta relawan' }).click();
    const composer = page.getByTestId('request-composer');
    await composer.getByLabel('Jumlah relawan').fill('1');
    expect(
      await composer.getByRole('checkbox', { name: 'Tagana', exact: true }).isChecked(),
      'Tagana is the default pillar',
    ).toBe(true);

    // Every Kalteng kabupaten is counted, nearest with volunteers first: Pulang Pisau itself leads.
    const sources = composer.getByTestId('source-regency');
    await expect.poll(() => sources.count()).toBe(14);
    expect(await sources.first().getAttribute('data-regency')).toBe('62.11');
    const standby = Number((await sources.first().getByTestId('match-count').textContent())!.replace(/\D/g, ''));
    expect(standby).toBeGreaterThan(0);
    await sources.first().locator('input').check();
    await expect.poll(() => text(page, 'composer-reach')).toContain(`ke ${standby} relawan siaga`);
    await composer.getByLabel('Titik kumpul').fill('Posko Banjir Kantor Kecamatan');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'request-composer-desktop.png') });
    await composer.getByRole('button', { name: 'Kirim permintaan' }).click();

    await expect
      .poll(() => text(page, 'request-notice'))
      .toBe(`Permintaan terkirim: tawaran sampai ke ${standby} relawan.`);
    const card = page.getByTestId('request-card').first();
    state.requestId = (await card.getAttribute('data-request-id'))!;
    expect(await card.getByTestId('request-progress').textContent()).toBe('0/1');
    expect(await card.getByTestId('request-status').textContent()).toBe('Terbuka');

    // The volunteer's phone: the offer is there; one tap accepts it.
    const volunteerCookie = await signIn(volunteerLogin);
    const phone = await connectClient(posko.url, { cookie: volunteerCookie });
    sockets.push(phone);
    const mine = await fetch(`${posko.url}/api/assignments`, { headers: { cookie: volunteerCookie } });
    const offers = (await mine.json()) as { assignment: { id: string; status: string }; request: { id: string } }[];
    const offer = offers.find((item) => item.request.id === state.requestId);
    expect(offer?.assignment.status).toBe('offered');
    const accepted = await phone.emitWithAck('offer:accept', {
      assignmentId: offer!.assignment.id,
      idempotencyKey: 'e2e-1',
    });
    expect(accepted.ok).toBe(true);

    const row = card.locator(`[data-testid="assignment-row"][data-assignment-id="${offer!.assignment.id}"]`);
    await expect.poll(() => card.getByTestId('request-progress').textContent(), { timeout: 3_000 }).toBe('1/1');
    await expect.poll(() => row.getAttribute('data-status')).toBe('accepted');
    expect(await row.getByTestId('assignment-status').textContent()).toBe('Diterima');
    expect(await card.getByTestId('request-status').textContent()).toBe('Terpenuhi');
    const name = (await row.getByTestId('assignment-name').textContent())!;
    state.volunteerName = name;
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain(`${name} menerima (1/1).`);

    const departed = await phone.emitWithAck('assignment:report', {
      assignmentId: offer!.assignment.id,
      from: 'accepted',
      status: 'en_route',
      idempotencyKey: 'e2e-2',
    });
    expect(departed.ok).toBe(true);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 3_000 }).toBe('en_route');
    expect(await row.getByTestId('assignment-status').textContent()).toBe('Berangkat');
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain(`${name} berangkat.`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incident-detail-desktop.png') });
  });

  it('shows the leader the same incident and progress, with no control anywhere', async () => {
    const page = await openAs('pimpinan.kalteng', state.incidentPath, DESKTOP_VIEWPORT);
    const card = page.locator(`[data-testid="request-card"][data-request-id="${state.requestId}"]`);
    expect(await card.getByTestId('request-progress').textContent()).toBe('1/1');
    const departed = card.locator('[data-testid="assignment-row"][data-status="en_route"]');
    expect(await departed.getByTestId('assignment-name').textContent()).toBe(state.volunteerName);
    expect(await departed.getByTestId('assignment-status').textContent()).toBe('Berangkat');
    expect(await page.getByTestId('phase-controls').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Minta relawan' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Batalkan' }).count()).toBe(0);
    expect(await page.getByText('Ubah atau batalkan permintaan').count()).toBe(0);
    expect(await page.locator('main button, main input, main select, main textarea').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incident-detail-leader-desktop.png') });
  });

  it('gives the Kapuas coordinator another kabupaten’s incident to read only', async () => {
    const page = await openAs('koord.kapuas', state.incidentPath, DESKTOP_VIEWPORT);
    expect(await text(page, 'incident-regency')).toBe('Kabupaten Pulang Pisau');
    expect(await page.getByTestId('phase-controls').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Minta relawan' }).count()).toBe(0);
  });

  it('lets an admin read another province’s incidents', async () => {
    const page = await openAs('admin', '/kejadian', DESKTOP_VIEWPORT);
    await page.getByLabel('Provinsi').selectOption({ label: 'Jawa Barat' });
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.waitForURL(/provinsi=32$/);
    await expect.poll(() => page.locator('.subtitle').first().textContent()).toBe('Provinsi Jawa Barat');
    expect(await page.getByTestId('incident-row').filter({ hasText: 'Selajambe' }).count()).toBe(1);
  });

  it('fits a 360 px phone: the list with its form, and the incident with its request', async () => {
    const list = await openAs('koord.kalteng', '/kejadian', PHONE_VIEWPORT);
    await list.getByRole('button', { name: 'Catat kejadian' }).click();
    await list.getByTestId('point-picker').waitFor();
    expect(await fitsWidth(list)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await list.screenshot({ path: path.join(SCREENSHOTS, 'incident-form-phone.png') });
    await list.screenshot({ path: path.join(SCREENSHOTS, 'incident-form-phone-full.png'), fullPage: true });

    const page = await openAs('koord.kalteng', state.incidentPath, PHONE_VIEWPORT);
    expect(await page.getByTestId('request-progress').first().textContent()).toBe('1/1');
    expect(await fitsWidth(page)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await page.getByTestId('request-card').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incident-detail-phone.png') });
    await page.getByRole('button', { name: 'Minta relawan' }).click();
    await expect.poll(() => page.getByTestId('source-regency').count()).toBe(14);
    expect(await fitsWidth(page)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await page.getByTestId('source-list').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'request-composer-phone.png') });

    const leader = await openAs('pimpinan.kalteng', state.incidentPath, PHONE_VIEWPORT);
    expect(await fitsWidth(leader)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await leader.screenshot({ path: path.join(SCREENSHOTS, 'incident-detail-leader-phone-full.png'), fullPage: true });
  });

  it('changes and cancels through the controls, and says beside the field what is wrong', async () => {
    const page = await openAs('koord.kalteng', state.incidentPath, DESKTOP_VIEWPORT);
    const card = page.locator(`[data-testid="request-card"][data-request-id="${state.requestId}"]`);
    const dodo = card.locator('[data-testid="assignment-row"][data-status="en_route"]');

    // A request with nothing to send to: the composer names both missing fields.
    await page.getByRole('button', { name: 'Minta relawan' }).click();
    const composer = page.getByTestId('request-composer');
    await expect.poll(() => composer.getByTestId('source-regency').count()).toBe(14);
    await composer.getByRole('button', { name: 'Kirim permintaan' }).click();
    await expect.poll(() => text(page, 'composer-sourceRegencyCodes-error')).toContain('Pilih paling sedikit satu');
    expect(await text(page, 'composer-meetingPoint-error')).toContain('titik kumpul');
    await composer.getByRole('button', { name: 'Batal' }).click();

    // The phase moves forward.
    await page.getByTestId('phase-controls').getByRole('button', { name: 'Tanggap darurat' }).click();
    await expect.poll(() => text(page, 'incident-phase'), { timeout: 10_000 }).toBe('Tanggap darurat');

    // One place more: the request opens again for the offers that were held.
    await card.getByText('Ubah atau batalkan permintaan').click();
    await card.getByLabel('Jumlah relawan').fill('2');
    await card.getByRole('button', { name: 'Ubah jumlah' }).click();
    await expect.poll(() => card.getByTestId('request-progress').textContent(), { timeout: 10_000 }).toBe('1/2');
    expect(await card.getByTestId('request-status').textContent()).toBe('Terbuka');
    await expect.poll(() => card.getByText(/Menunggu jawaban \(\d+\)/).count(), { timeout: 10_000 }).toBe(1);

    // Fewer than those already accepted is refused, with the reason beside the number.
    await card.getByLabel('Jumlah relawan').fill('0');
    await card.getByRole('button', { name: 'Ubah jumlah' }).click();
    await expect
      .poll(() => text(page, `slots-error-${state.requestId}`), { timeout: 10_000 })
      .toContain('Minta paling sedikit 1 relawan.');

    // Calling the volunteer back frees the place; calling the request off ends it.
    await dodo.getByRole('button', { name: 'Batalkan' }).click();
    await dodo.getByRole('button', { name: 'Ya' }).click();
    await expect.poll(() => card.getByTestId('request-progress').textContent(), { timeout: 10_000 }).toBe('0/2');
    const cancelled = card.locator('[data-testid="assignment-row"][data-status="cancelled"]');
    expect(await cancelled.getByTestId('assignment-name').textContent()).toBe(state.volunteerName);
    await card.getByRole('button', { name: 'Batalkan permintaan' }).click();
    await card.getByRole('button', { name: 'Ya, batalkan' }).click();
    await expect.poll(() => card.getByTestId('request-status').textContent(), { timeout: 10_000 }).toBe('Dibatalkan');
    // Every waiting offer went with it: nobody is left "offered".
    await expect.poll(() => card.locator('[data-testid="assignment-row"][data-status="offered"]').count()).toBe(0);
    expect(await card.locator('[data-testid="assignment-row"][data-status="cancelled"]').count()).toBeGreaterThan(1);
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('Permintaan dibatalkan');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incident-detail-cancelled-desktop.png'), fullPage: true });
  });

  it('lets the coordinator correct the incident; a leader watching sees it without reload, and a bad value is refused', async () => {
    const [coordinator, leader] = await Promise.all([
      openAs('koord.kalteng', state.incidentPath, DESKTOP_VIEWPORT),
      openAs('pimpinan.kalteng', state.incidentPath, DESKTOP_VIEWPORT),
    ]);
    expect(await leader.getByTestId('incident-editor').count()).toBe(0);
    await coordinator.getByText('Ubah data kejadian').click();
    const editor = coordinator.getByTestId('incident-editor');
    await editor.getByLabel('Nama kejadian').fill('');
    await editor.getByRole('button', { name: 'Simpan perubahan' }).click();
    await expect.poll(() => text(coordinator, 'edit-title-error')).toBeTruthy();

    await editor.getByLabel('Nama kejadian').fill('Banjir bandang Desa Uji, diperbarui');
    await editor.getByLabel('Tingkat keparahan').selectOption('5');
    await editor.getByLabel('Kebutuhan').fill('Perahu karet 4 unit dan tenda keluarga 30 buah');
    await editor.getByRole('button', { name: 'Simpan perubahan' }).click();
    await expect.poll(() => editor.getByRole('status').textContent()).toContain('tersimpan');
    for (const page of [coordinator, leader]) {
      await expect
        .poll(() => text(page, 'incident-title'), { timeout: 3_000 })
        .toBe('Banjir bandang Desa Uji, diperbarui');
      await expect.poll(() => page.locator('.incident-card').textContent()).toContain('Perahu karet 4 unit');
      await expect.poll(() => page.locator('.incident-card').textContent()).toContain('Tingkat 5');
    }
  });
  it('sends in waves (5 with k = 3 reach exactly the 15 nearest first) and to a hand-picked volunteer', async () => {
    const page = await openAs('koord.kalteng', state.incidentPath, DESKTOP_VIEWPORT);
    await page.getByRole('button', { name: 'Minta relawan' }).click();
    const composer = page.getByTestId('request-composer');
    await composer.getByLabel('Jumlah relawan').fill('5');
    const sources = composer.getByTestId('source-regency');
    await expect.poll(() => sources.count()).toBe(14);
    let standby = 0;
    for (const source of await sources.all()) {
      const count = Number((await source.getByTestId('match-count').textContent())!.replace(/\D/g, ''));
      if (count === 0) continue;
      standby += count;
      await source.locator('input').check();
    }
    expect(standby, 'more on standby than the first wave').toBeGreaterThan(15);
    await composer.getByLabel('Kirim bertahap: yang terdekat dulu').check();
    expect(await composer.getByLabel('Kelipatan per gelombang (× jumlah relawan)').inputValue()).toBe('3');
    await composer.getByLabel('Gelombang berikutnya setelah (menit)').fill('20');
    await expect
      .poll(() => text(page, 'composer-reach'))
      .toBe(
        `Gelombang pertama: 15 relawan terdekat dari ${standby} yang siaga; bila belum penuh, berikutnya tiap 20 menit.`,
      );
    await composer.getByLabel('Titik kumpul').fill('Dermaga Pulang Pisau');
    await composer.getByLabel('Yang perlu dibawa (boleh kosong)').fill('Pelampung, senter, obat pribadi');
    await composer.getByLabel('Lapor aman di lokasi').selectOption({ label: 'Setiap 1 jam' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'request-composer-waves-desktop.png'), fullPage: true });
    await composer.getByRole('button', { name: 'Kirim permintaan' }).click();
    await expect.poll(() => text(page, 'request-notice')).toBe('Permintaan terkirim: tawaran sampai ke 15 relawan.');
    const wave = page.getByTestId('request-card').filter({ hasText: 'Gelombang 1: 15 relawan' });
    await expect.poll(() => wave.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => wave.getByText('Menunggu jawaban (15)').count(), { timeout: 10_000 }).toBe(1);
    expect(await wave.getByText(/Gelombang berikutnya \d{2}[.:]\d{2} bila belum penuh/).count()).toBe(1);

    // A regu of six in Kotawaringin Barat: the offers go to its members on standby, nobody else.
    const cookie = await signIn('koord.kalteng');
    const roster = await fetch(`${posko.url}/api/volunteers?regencyCode=62.01&availability=available&pageSize=25`, {
      headers: { cookie },
    });
    const standing = ((await roster.json()) as { rows: { id: string; name: string }[] }).rows;
    const team = await fetch(`${posko.url}/api/teams`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: posko.url },
      body: JSON.stringify({
        name: 'Regu Arut 1',
        regencyCode: '62.01',
        memberIds: standing.slice(0, 6).map((row) => row.id),
        leaderVolunteerId: standing[0]!.id,
      }),
    });
    expect(team.status).toBe(201);
    await page.getByRole('button', { name: 'Minta relawan' }).click();
    await composer.getByRole('radio', { name: 'Regu' }).check();
    await composer.getByTestId('team-choice').filter({ hasText: 'Regu Arut 1' }).locator('input').check();
    await expect.poll(() => text(page, 'audience-reach')).toBe('Tawaran akan dikirim ke 6 anggota siaga dari 1 regu.');
    await composer.getByLabel('Titik kumpul').fill('Dermaga Pulang Pisau');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'request-composer-team-desktop.png') });
    await composer.getByRole('button', { name: 'Kirim permintaan' }).click();
    await expect.poll(() => text(page, 'request-notice')).toBe('Permintaan terkirim: tawaran sampai ke 6 relawan.');

    // One person by name, on a 360 px phone: only they get the offer.
    const chosen = standing[6]!;
    const phone = await openAs('koord.kalteng', state.incidentPath, PHONE_VIEWPORT);
    await phone.getByRole('button', { name: 'Minta relawan' }).click();
    const picker = phone.getByTestId('request-composer');
    await picker.getByRole('radio', { name: 'Relawan pilihan' }).check();
    await picker.getByLabel('Cari relawan siaga (nama atau nomor HP)').fill(chosen.name);
    const result = picker.getByTestId('volunteer-choice').filter({ hasText: chosen.name }).first();
    await result.locator('input').check();
    await expect.poll(() => text(phone, 'audience-reach')).toBe('Tawaran akan dikirim ke 1 relawan pilihan.');
    expect(await picker.getByTestId('source-list').count(), 'no kabupaten/kota list for picked people').toBe(0);
    await picker.getByLabel('Titik kumpul').fill('Dermaga Pulang Pisau');
    expect(await fitsWidth(phone)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await picker.getByTestId('picked-volunteers').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'request-composer-picked-phone.png') });
    await picker.getByRole('button', { name: 'Kirim permintaan' }).click();
    await expect.poll(() => text(phone, 'request-notice')).toBe('Permintaan terkirim: tawaran sampai ke 1 relawan.');
  });
});
