import { and, count, eq, isNull, like } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { events, trainings, users, volunteerImports, volunteerTrainings, volunteers } from '../../../db/schema';
import { VOLUNTEER_IMPORTED } from '../../../lib/imports';
import type { Actor } from '../../../server/auth/actor';
import { DomainError } from '../../../server/errors';
import { commitImport } from '../../../server/imports/commit-import';
import { previewImport } from '../../../server/imports/preview-import';
import { importErrorsWorkbook, importTemplateWorkbook } from '../../../server/imports/spreadsheets';
import { availabilityByRegency } from '../../../server/regencies/queries';
import { seedDemoAccounts } from '../../../server/seed/accounts';
import { openTestDatabase } from '../../support/database';
import { testContext } from '../../support/domain';
import { FIRST_DATA_ROW, rosterWorkbook } from '../../support/imports';

let handle: DatabaseHandle;
let kaltengCoordinator: Actor;
let kapuasCoordinator: Actor;
let leader: Actor;
let admin: Actor;

async function actorOf(username: string): Promise<Actor> {
  const [user] = await handle.db.select().from(users).where(eq(users.username, username)).limit(1);
  if (!user) throw new Error(`the demo has no account ${username}`);
  if (user.role === 'admin') return { role: 'admin', userId: user.id, name: user.displayName };
  if (user.role === 'volunteer') throw new Error('not staff');
  return {
    role: user.role,
    userId: user.id,
    name: user.displayName,
    scope: { provinceCode: user.provinceCode!, regencyCode: user.regencyCode },
  };
}

beforeAll(async () => {
  handle = await openTestDatabase('demo');
  await seedDemoAccounts(handle.db);
  kaltengCoordinator = await actorOf('koord.kalteng');
  kapuasCoordinator = await actorOf('koord.kapuas');
  leader = await actorOf('pimpinan.kalteng');
  admin = await actorOf('admin');
});
afterAll(async () => {
  await handle?.close();
});

function as(actor: Actor) {
  return { ...testContext(handle), actor };
}

async function upload(actor: Actor, bytes: Uint8Array, input: Record<string, unknown> = {}, fileName = 'relawan.xlsx') {
  return previewImport({ ctx: as(actor), file: { fileName, bytes }, input });
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

function addMonthsDay(day: string, months: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}

async function tableCounts() {
  const [v] = await handle.db.select({ n: count() }).from(volunteers);
  const [i] = await handle.db.select({ n: count() }).from(volunteerImports);
  const [e] = await handle.db.select({ n: count() }).from(events);
  return { volunteers: v!.n, imports: i!.n, events: e!.n };
}

async function activeWithPhone(phone: string) {
  const [row] = await handle.db
    .select()
    .from(volunteers)
    .where(and(eq(volunteers.phone, phone), isNull(volunteers.retiredAt)));
  return row;
}

describe('previewImport and commitImport', () => {
  it('finds the header below title rows, reads five phone formats, serial dates and a merged kabupaten, and names the planted errors by row and column', async () => {
    const file = await rosterWorkbook({ count: 80, seed: 11, planted: true });
    const before = await tableCounts();
    const preview = await upload(kaltengCoordinator, file.bytes);
    expect(preview.headerRow).toBe(FIRST_DATA_ROW - 1);
    expect(preview.sheet).toBe('Relawan');
    expect(preview.mapping).toMatchObject({
      'Nama Lengkap': 'name',
      'No. HP': 'phone',
      'Pilar/Unsur': 'pillar',
      'Kab/Kota': 'regency',
      'Tanggal Lahir': 'birthDate',
      No: null,
    });
    expect(preview.rows).toBe(80);
    expect(preview.errors.map(({ row, column }) => ({ row, column }))).toEqual(file.planted);
    expect(preview.errors.find((error) => error.column === 'No. HP')?.message).toBe(
      "'0812-345' terlalu pendek; tulis seperti 0812-3456-7890.",
    );
    expect(preview.errors.find((error) => error.column === 'Kab/Kota')?.message).toContain('Kalimantan Tengah');
    expect(preview.create).toBe(73);
    expect(preview.errorRows).toBe(7);
    // Nothing reaches the roster before the commit.
    expect((await tableCounts()).volunteers).toBe(before.volunteers);
  });

  it('commits in one go with one event, moves the map counts, and answers the same result when committed again', async () => {
    const file = await rosterWorkbook({ count: 60, seed: 12 });
    const [kapuasBefore] = await availabilityByRegency(handle.db, '62', ['62.03']);
    const preview = await upload(kaltengCoordinator, file.bytes);
    expect(preview.errors).toEqual([]);
    const ctx = as(kaltengCoordinator);
    const result = await commitImport({ ctx, input: { importId: preview.id } });
    expect(result).toEqual({ created: 60, updated: 0, unchanged: 0, skipped: 0 });
    expect(ctx.published.map((event) => event.type)).toEqual([VOLUNTEER_IMPORTED]);
    expect(ctx.published[0]!.payload).toMatchObject({ created: 60, regencyCodes: ['62.03'] });
    expect(ctx.published[0]!.actorId).toBe(kaltengCoordinator.userId);
    const [kapuasAfter] = await availabilityByRegency(handle.db, '62', ['62.03']);
    expect(kapuasAfter!.available).toBe(kapuasBefore!.available + 60);

    const serialRow = await activeWithPhone(file.validPhones[0]!);
    expect(serialRow).toMatchObject({
      regencyCode: '62.03',
      districtCode: '62.03.01',
      gender: 'male',
      birthYear: 1987,
    });
    expect((await activeWithPhone(file.validPhones[1]!))?.birthYear).toBe(1971);
    // The merged kabupaten cell covers the last row too.
    expect((await activeWithPhone(file.validPhones[59]!))?.regencyCode).toBe('62.03');

    const again = as(kaltengCoordinator);
    expect(await commitImport({ ctx: again, input: { importId: preview.id } })).toEqual(result);
    expect(again.published).toEqual([]);

    // The same file uploaded and committed again creates nothing.
    const second = await upload(kaltengCoordinator, file.bytes);
    expect({ create: second.create, update: second.update, unchanged: second.unchanged }).toEqual({
      create: 0,
      update: 0,
      unchanged: 60,
    });
    const before = await tableCounts();
    expect(await commitImport({ ctx: as(kaltengCoordinator), input: { importId: second.id } })).toEqual({
      created: 0,
      updated: 0,
      unchanged: 60,
      skipped: 0,
    });
    expect((await tableCounts()).volunteers).toBe(before.volunteers);
  });

  it('finds duplicates in the file and against the roster, by phone then NIK, and updates the fields that changed (the account follows a new phone)', async () => {
    const [existing] = await handle.db
      .select({ volunteer: volunteers, userId: users.id })
      .from(volunteers)
      .innerJoin(users, eq(users.volunteerId, volunteers.id))
      .where(and(like(volunteers.regencyCode, '62.%'), isNull(volunteers.retiredAt)))
      .limit(1);
    const volunteer = existing!.volunteer;
    await handle.db.update(volunteers).set({ nik: '6271010101900001' }).where(eq(volunteers.id, volunteer.id));
    const bytes = await writeXlsxFile([
      ['Nama', 'No HP', 'NIK', 'Pilar', 'Kabupaten/Kota', 'Keahlian'],
      ['Sari Baru', '0857 1111 2222', '', 'Tagana', 'Palangkaraya', 'evakuasi'],
      ['Sari Lagi', '+62 857-1111-2222', '', 'PSM', 'Kota Palangka Raya', ''],
      [volunteer.name, '0857 3333 4444', '6271.0101.0190.0001', 'Tagana', volunteer.regencyCode, 'perahu karet'],
    ]).toBuffer();
    const preview = await upload(kaltengCoordinator, bytes);
    expect(preview.errors).toEqual([
      { row: 3, column: 'No HP', message: 'No HP ini sudah ada di baris 2; satu orang satu baris.' },
    ]);
    expect(preview.create).toBe(1);
    expect(preview.update).toBe(1);
    expect(preview.updates[0]!.row).toBe(4);
    expect(preview.updates[0]!.changes.map((change) => change.field)).toEqual(
      expect.arrayContaining(['phone', 'skills']),
    );
    await commitImport({ ctx: as(kaltengCoordinator), input: { importId: preview.id } });
    const [after] = await handle.db.select().from(volunteers).where(eq(volunteers.id, volunteer.id));
    expect(after).toMatchObject({ phone: '+6285733334444', skills: ['perahu karet'], name: volunteer.name });
    const [account] = await handle.db.select().from(users).where(eq(users.id, existing!.userId));
    expect(account!.phone).toBe('+6285733334444');
  });

  it('keeps coordinators inside their scope and refuses leaders', async () => {
    const bytes = await writeXlsxFile([
      ['Nama', 'No HP', 'Pilar', 'Kabupaten'],
      ['Dewi Kapuas', '0858 1000 0001', 'Tagana', 'Kapuas'],
      ['Dewi Katingan', '0858 1000 0002', 'Tagana', 'Katingan'],
    ]).toBuffer();
    const preview = await upload(kapuasCoordinator, bytes);
    expect(preview.errors).toEqual([
      { row: 3, column: 'Kabupaten', message: 'Kabupaten Katingan di luar wilayah tugas Anda.' },
    ]);
    expect((await refusal(upload(leader, bytes))).code).toBe('FORBIDDEN');
    expect((await refusal(commitImport({ ctx: as(leader), input: { importId: preview.id } }))).code).toBe('FORBIDDEN');
    // Another kabupaten's coordinator cannot commit a Kalteng-wide import.
    const wide = await upload(kaltengCoordinator, bytes);
    expect((await refusal(commitImport({ ctx: as(kapuasCoordinator), input: { importId: wide.id } }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await refusal(upload(admin, bytes))).message).toContain('provinsi');
    const byAdmin = await upload(admin, bytes, { provinceCode: '62' });
    expect(byAdmin.errors).toEqual([]);
  });

  it('uses the corrected mapping and the chosen sheet', async () => {
    const bytes = await writeXlsxFile([
      { sheet: 'Catatan', data: [['Tidak ada data di sini']] },
      {
        sheet: 'Anggota',
        data: [
          ['Nama', 'Kontak', 'Pilar', 'Kabupaten/Kota'],
          ['Rina', '0859 2000 0001', 'Tagana', 'Kapuas'],
        ],
      },
    ]).toBuffer();
    const first = await refusal(upload(kaltengCoordinator, bytes));
    expect(first.message).toContain('Baris judul kolom tidak ditemukan');
    const unmapped = await upload(kaltengCoordinator, bytes, { sheet: 'Anggota' });
    expect(unmapped.sheets).toEqual(['Catatan', 'Anggota']);
    expect(unmapped.errors).toEqual([
      { row: 1, column: 'No HP', message: 'Kolom No HP tidak ditemukan; pilih kolomnya di pemetaan.' },
    ]);
    expect(unmapped.errorRows).toBe(1);
    const mapped = await upload(kaltengCoordinator, bytes, { sheet: 'Anggota', mapping: { Kontak: 'phone' } });
    expect(mapped.errors).toEqual([]);
    expect(mapped.create).toBe(1);
    expect((await refusal(upload(kaltengCoordinator, bytes, { sheet: 'Tidak ada' }))).message).toContain(
      'Catatan, Anggota',
    );
  });

  it('reads CSV with semicolons and dates typed as text', async () => {
    const csv =
      'Nama;No WA;Unsur;Kabupaten/Kota;Kecamatan;Tanggal Lahir\nAgus;081230000001;TKSK;KAB. KAPUAS;Kapuas Kuala;5 Januari 1985\n';
    const preview = await upload(kaltengCoordinator, Buffer.from(csv), {}, 'daftar.csv');
    expect(preview.errors).toEqual([]);
    expect(preview.create).toBe(1);
  });

  it('writes the rows with errors, as they were, with a "Masalah" column', async () => {
    const file = await rosterWorkbook({ count: 70, seed: 13, planted: true });
    const preview = await upload(kaltengCoordinator, file.bytes);
    const { bytes } = await importErrorsWorkbook({ ctx: as(kaltengCoordinator), importId: preview.id });
    const [sheet] = await readXlsxFile(bytes);
    const header = sheet!.data[0]!;
    expect(header).toContain('Masalah');
    expect(sheet!.data).toHaveLength(1 + 7);
    const problem = sheet!.data[1]![header.indexOf('Masalah')];
    expect(problem).toBe("No. HP: '0812-345' terlalu pendek; tulis seperti 0812-3456-7890.");
    expect(sheet!.data[1]![header.indexOf('No. HP')]).toBe('0812-345');
  });

  it('offers a template with the columns and a sheet of allowed values for the scope', async () => {
    const { bytes } = await importTemplateWorkbook({ ctx: as(kapuasCoordinator) });
    const sheets = await readXlsxFile(bytes);
    expect(sheets.map((sheet) => sheet.sheet)).toEqual(['Relawan', 'Pilihan']);
    expect(sheets[0]!.data[0]).toEqual(
      expect.arrayContaining(['Nama', 'No HP', 'Pilar', 'Kabupaten/Kota', 'Kecamatan']),
    );
    const allowed = sheets[1]!.data;
    const column = (title: string) => allowed.map((row) => row[allowed[0]!.indexOf(title)]);
    expect(column('Kabupaten/Kota').filter(Boolean)).toEqual(['Kabupaten/Kota', 'Kabupaten Kapuas']);
    expect(column('Kecamatan')).toContain('Mantangai');
    expect(column('Pilar')).toContain('Tagana');
    expect(sheets[0]!.data[0]).toContain('Pelatihan');
    expect(column('Pelatihan (pisahkan dengan koma)').length).toBeGreaterThan(1);
  });

  it('records the trainings a "Pelatihan" column names, with their certificate dates, and names one the catalogue lacks', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const [latsar, camp, planned] = await handle.db
      .insert(trainings)
      .values([
        {
          kind: 'latsar' as const,
          name: 'Latsar RPSM Impor',
          organiser: 'Dinas Sosial Kalteng',
          provinceCode: '62',
          startsOn: day(-40),
          endsOn: day(-37),
          validMonths: 24,
        },
        {
          kind: 'camp' as const,
          name: 'Kemah Tagana Impor',
          organiser: 'Dinas Sosial Kalteng',
          provinceCode: '62',
          startsOn: day(-10),
          endsOn: day(-8),
          validMonths: null,
        },
        {
          kind: 'bimtek' as const,
          name: 'Bimtek Impor Nanti',
          organiser: 'Dinas Sosial Kalteng',
          provinceCode: '62',
          startsOn: day(10),
          endsOn: day(12),
          validMonths: 12,
        },
      ])
      .returning();
    const [existing] = await handle.db
      .select()
      .from(volunteers)
      .where(and(eq(volunteers.regencyCode, '62.03'), isNull(volunteers.retiredAt)))
      .limit(1);
    await handle.db
      .insert(volunteerTrainings)
      .values({ volunteerId: existing!.id, trainingId: camp!.id, completedOn: '2026-01-01', validUntil: null });
    const bytes = await writeXlsxFile([
      ['Nama', 'No HP', 'Pilar', 'Kabupaten/Kota', 'Pelatihan'],
      ['Rina Latsar', '0858 7000 0001', 'RPSM', 'Kapuas', 'latsar rpsm impor; KEMAH TAGANA IMPOR'],
      ['Budi Tanpa Katalog', '0858 7000 0002', 'Tagana', 'Kapuas', 'Diklat Rahasia'],
      ['Citra Belum Selesai', '0858 7000 0003', 'Tagana', 'Kapuas', 'Bimtek Impor Nanti'],
      [
        existing!.name,
        existing!.phone,
        existing!.pillarCode,
        existing!.regencyCode,
        'Kemah Tagana Impor, Latsar RPSM Impor',
      ],
    ]).toBuffer();
    const preview = await upload(kaltengCoordinator, bytes);
    expect(preview.errors).toEqual([
      {
        row: 3,
        column: 'Pelatihan',
        message:
          "'Diklat Rahasia' tidak ada di katalog pelatihan Kalimantan Tengah; tulis namanya seperti di halaman Pelatihan, atau tambahkan pelatihannya dulu.",
      },
      {
        row: 4,
        column: 'Pelatihan',
        message: `Pelatihan 'Bimtek Impor Nanti' baru selesai ${planned!.endsOn}; catat pesertanya setelah itu.`,
      },
    ]);
    expect(preview.create).toBe(1);
    // The camp is already recorded for the existing volunteer: only the latsar is a change.
    expect(preview.updates).toEqual([
      { row: 5, name: existing!.name, changes: [{ field: 'trainings', from: null, to: 'Latsar RPSM Impor' }] },
    ]);
    await commitImport({ ctx: as(kaltengCoordinator), input: { importId: preview.id } });

    const rina = await activeWithPhone('+6285870000001');
    const certificates = await handle.db
      .select()
      .from(volunteerTrainings)
      .where(eq(volunteerTrainings.volunteerId, rina!.id));
    expect(
      certificates.map(({ trainingId, completedOn, validUntil }) => ({ trainingId, completedOn, validUntil })),
    ).toEqual(
      expect.arrayContaining([
        { trainingId: latsar!.id, completedOn: latsar!.endsOn, validUntil: addMonthsDay(latsar!.endsOn, 24) },
        { trainingId: camp!.id, completedOn: camp!.endsOn, validUntil: null },
      ]),
    );
    expect(certificates).toHaveLength(2);
    const kept = await handle.db
      .select()
      .from(volunteerTrainings)
      .where(eq(volunteerTrainings.volunteerId, existing!.id));
    expect(kept.find((row) => row.trainingId === camp!.id)?.completedOn).toBe('2026-01-01');
    expect(kept.some((row) => row.trainingId === latsar!.id)).toBe(true);

    // The same file again: the trainings are there, nothing changes.
    const again = await upload(kaltengCoordinator, bytes);
    expect({ create: again.create, update: again.update, unchanged: again.unchanged }).toEqual({
      create: 0,
      update: 0,
      unchanged: 2,
    });
  });
});

describe('bad files get one clear message and write nothing', () => {
  async function expectRefused(bytes: Uint8Array, message: string | RegExp, fileName = 'relawan.xlsx') {
    const before = await tableCounts();
    const error = await refusal(upload(kaltengCoordinator, bytes, {}, fileName));
    expect(error.code).toBe('INVALID');
    expect(error.message).toMatch(message);
    expect(await tableCounts()).toEqual(before);
  }

  it('refuses a file that is not a spreadsheet', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expectRefused(png, /bukan spreadsheet/);
    await expectRefused(zipSync({ 'hello.txt': strToU8('halo') }), /bukan spreadsheet/);
  });

  it('refuses a password-protected workbook and a legacy .xls', async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1024);
    await expectRefused(ole, /dilindungi kata sandi/);
    const xls = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(xls);
    await expectRefused(xls, /\.xls/);
  });

  it('refuses a corrupt workbook', async () => {
    const good = await writeXlsxFile([['Nama', 'No HP']]).toBuffer();
    await expectRefused(good.subarray(0, Math.floor(good.length / 2)), /rusak/);
  });

  it('refuses a zip bomb before reading it', async () => {
    // 100 MB of spaces squeeze into about 100 KB.
    const sheet = new Uint8Array(100 * 1024 * 1024).fill(0x20);
    const bomb = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/worksheets/sheet1.xml': sheet });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    await expectRefused(bomb, /terkompresi tidak wajar/);
  });

  it('refuses more than 20 MB and more than 50,000 rows', async () => {
    await expectRefused(Buffer.alloc(20 * 1024 * 1024 + 1, 0x41), /lebih dari 20 MB/);
    const csv = `Nama,No HP,Pilar,Kabupaten\n${'Budi,081234567890,Tagana,Kapuas\n'.repeat(50_001)}`;
    await expectRefused(Buffer.from(csv), /lebih dari 50\.000 baris/, 'besar.csv');
  });

  it('refuses an empty sheet and an empty file', async () => {
    await expectRefused(await writeXlsxFile([[]]).toBuffer(), /kosong/);
    await expectRefused(new Uint8Array(0), /kosong/);
    await expectRefused(await writeXlsxFile([['Nama', 'No HP', 'Pilar']]).toBuffer(), /tidak berisi baris data/);
  });

  it('uses the cached value of a formula and never evaluates it', async () => {
    const bytes = await writeXlsxFile([
      ['Nama', 'No HP', 'Pilar', 'Kabupaten'],
      ['Yanto', { value: '"0812"&"30000777"', type: 'Formula' }, 'Tagana', 'Kapuas'],
    ]).toBuffer();
    // No spreadsheet program computed it, so there is no cached value: the cell reads as empty.
    const preview = await upload(kaltengCoordinator, bytes);
    expect(preview.errors).toEqual([{ row: 2, column: 'No HP', message: 'No HP kosong; baris ini wajib diisi.' }]);
    const cached = await withCachedFormula(bytes, '081230000777');
    const again = await upload(kaltengCoordinator, cached);
    expect(again.errors).toEqual([]);
    expect(again.create).toBe(1);
  });
});

/** Adds the value a spreadsheet program would have cached beside each formula. */
async function withCachedFormula(bytes: Uint8Array, value: string): Promise<Uint8Array> {
  const { unzipSync, strFromU8 } = await import('fflate');
  const files = unzipSync(bytes);
  const path = 'xl/worksheets/sheet1.xml';
  files[path] = strToU8(
    strFromU8(files[path]!)
      .replace(/<f>([^<]*)<\/f>(<v>[^<]*<\/v>)?/g, `<f>$1</f><v>${value}</v>`)
      .replace(/(<c [^>]*?)( t="[^"]*")?>(<f>)/g, '$1 t="str">$3'),
  );
  return zipSync(files);
}
