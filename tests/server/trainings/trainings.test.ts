import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { events, trainings, volunteerTrainings } from '../../../db/schema';
import { TRAINING_EVENTS } from '../../../lib/trainings';
import { DomainError } from '../../../server/errors';
import { createTraining } from '../../../server/trainings/create-training';
import { trainingDetail, listTrainings, previewAttendance } from '../../../server/trainings/queries';
import { recordAttendance } from '../../../server/trainings/record-attendance';
import { removeAttendance } from '../../../server/trainings/remove-attendance';
import { updateTraining } from '../../../server/trainings/update-training';
import { openTestDatabase } from '../../support/database';
import { actorContext, actors, eventCount, expectDomainError } from '../../support/dispatch';
import { addPhoneVolunteers, typedPhone } from '../../support/trainings';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

// 1 December 2026, 10:00 WIB: certificates are judged by Kalteng's calendar.
const NOW = new Date('2026-12-01T03:00:00Z');
const clock = () => NOW;
const province = (code = '62') => actorContext(handle, actors.coordinator(code), clock);
const kabupaten = (code: string) => actorContext(handle, actors.coordinator(code.slice(0, 2), code), clock);

const latsar = (extra: Record<string, unknown> = {}) => ({
  provinceCode: '62',
  kind: 'latsar',
  name: 'Latsar RPSM Angkatan II',
  organiser: 'Dinas Sosial Provinsi Kalimantan Tengah',
  startsOn: '2026-11-10',
  endsOn: '2026-11-13',
  place: 'UPT Pelatihan Sosial, Palangka Raya',
  validMonths: 24,
  ...extra,
});

async function certificates(trainingId: string) {
  return handle.db.select().from(volunteerTrainings).where(eq(volunteerTrainings.trainingId, trainingId));
}

describe('createTraining', () => {
  it('adds a training to the province catalogue with one event in the province', async () => {
    const ctx = province();
    const training = await createTraining({ ctx, input: latsar() });
    expect(training).toMatchObject({ provinceCode: '62', kind: 'latsar', validMonths: 24, place: latsar().place });
    expect(ctx.published).toHaveLength(1);
    expect(ctx.published[0]).toMatchObject({
      type: TRAINING_EVENTS.created,
      provinceCode: '62',
      regencyCode: null,
      actorId: ctx.actor.userId,
      payload: { trainingId: training.id, kind: 'latsar', validMonths: 24 },
    });
    const forGood = await createTraining({
      ctx,
      input: latsar({ name: 'Kemah Bakti', kind: 'camp', validMonths: null }),
    });
    expect(forGood.validMonths).toBeNull();
    const catalogue = await listTrainings({
      ctx: actorContext(handle, actors.leader('62'), clock),
      input: { provinceCode: '62' },
    });
    expect(catalogue.trainings.map((t) => t.id)).toEqual(expect.arrayContaining([training.id, forGood.id]));
  });

  it('is for the province coordinator and admins; kabupaten coordinators, leaders and others are refused', async () => {
    const before = await eventCount(handle.db);
    for (const actor of [actors.coordinator('62', '62.03'), actors.leader('62'), actors.coordinator('32')]) {
      await expectDomainError(
        createTraining({ ctx: actorContext(handle, actor, clock), input: latsar() }),
        'FORBIDDEN',
      );
    }
    expect(await eventCount(handle.db)).toBe(before);
    const byAdmin = await createTraining({
      ctx: actorContext(handle, actors.admin(), clock),
      input: latsar({ provinceCode: '19' }),
    });
    expect(byAdmin.provinceCode).toBe('19');
  });

  it('answers bad input with INVALID naming the field, and writes nothing', async () => {
    const before = await eventCount(handle.db);
    const cases: [Record<string, unknown>, string][] = [
      [{ endsOn: '2026-11-01' }, 'endsOn'],
      [{ startsOn: '2026-02-30' }, 'startsOn'],
      [{ validMonths: 0 }, 'validMonths'],
      [{ validMonths: 'dua tahun' }, 'validMonths'],
      [{ kind: 'seminar' }, 'kind'],
      [{ name: '' }, 'name'],
    ];
    for (const [extra, field] of cases) {
      const error = await expectDomainError(createTraining({ ctx: province(), input: latsar(extra) }), 'INVALID');
      expect(Object.keys(error.details ?? {}), JSON.stringify(extra)).toContain(field);
    }
    await expectDomainError(createTraining({ ctx: province(), input: 'latsar' }), 'INVALID');
    expect(await eventCount(handle.db)).toBe(before);
  });
});

describe('recordAttendance', () => {
  it('records 30 RPSM pasted as phones in one batch, with validUntil from the certificate date', async () => {
    const crew = await addPhoneVolunteers(handle.db, { regencyCode: '62.71', count: 30 });
    const ctx = province();
    const training = await createTraining({ ctx, input: latsar() });
    const lines = crew
      .map((volunteer, index) => (index % 2 ? typedPhone(volunteer.phone) : volunteer.phone))
      .join('\n');

    const preview = await previewAttendance({ ctx, input: { trainingId: training.id, lines } });
    expect(preview.unresolved).toEqual([]);
    expect(preview.matched.map((m) => m.id).sort()).toEqual(crew.map((v) => v.id).sort());

    const result = await recordAttendance({
      ctx,
      input: { trainingId: training.id, lines, completedOn: '2026-11-13', certifiedOn: '2026-11-20' },
    });
    expect(result).toEqual({ recorded: 30, created: 30, updated: 0, skipped: 0, validUntil: '2028-11-20' });
    const rows = await certificates(training.id);
    expect(rows).toHaveLength(30);
    expect(rows.every((row) => row.completedOn === '2026-11-13' && row.validUntil === '2028-11-20')).toBe(true);
    const event = ctx.published.find((e) => e.type === TRAINING_EVENTS.attendanceRecorded)!;
    expect(event).toMatchObject({
      provinceCode: '62',
      regencyCode: '62.71',
      payload: { trainingId: training.id, recorded: 30, created: 30, updated: 0, skipped: 0, regencyCodes: ['62.71'] },
    });
    const [stored] = await handle.db.select().from(events).where(eq(events.id, event.id));
    expect(stored?.type).toBe(TRAINING_EVENTS.attendanceRecorded);

    // Recording the same people again rewrites their dates; a training valid for good has no end.
    const again = await recordAttendance({
      ctx,
      input: { trainingId: training.id, volunteerIds: crew.slice(0, 3).map((v) => v.id), completedOn: '2026-11-13' },
    });
    expect(again).toMatchObject({ recorded: 3, created: 0, updated: 3, validUntil: '2028-11-13' });
    const forGood = await createTraining({ ctx, input: latsar({ name: 'Kemah', kind: 'camp', validMonths: null }) });
    await recordAttendance({
      ctx,
      input: { trainingId: forGood.id, volunteerIds: [crew[0]!.id], completedOn: '2026-11-13' },
    });
    expect((await certificates(forGood.id))[0]?.validUntil).toBeNull();
  });

  it('names lines that match nobody or several people and writes nothing, unless told to skip them', async () => {
    const [budi] = await addPhoneVolunteers(handle.db, {
      regencyCode: '62.03',
      count: 1,
      name: () => `Budi Santoso ${process.pid}`,
    });
    const twins = await addPhoneVolunteers(handle.db, {
      regencyCode: '62.03',
      count: 2,
      name: () => `Siti Aminah ${process.pid}`,
    });
    const ctx = province();
    const training = await createTraining({ ctx, input: latsar() });
    const lines = [
      typedPhone(budi!.phone),
      '',
      '0811-0000-0000',
      `siti  aminah ${process.pid}`,
      `1. BUDI SANTOSO ${process.pid}`,
    ].join('\n');
    const before = await eventCount(handle.db);
    const error = await expectDomainError(
      recordAttendance({ ctx, input: { trainingId: training.id, lines, completedOn: '2026-11-13' } }),
      'INVALID',
    );
    expect(error.details?.lines).toEqual([
      "Baris 3: '0811-0000-0000' tidak cocok dengan relawan mana pun di wilayah Anda.",
      `Baris 4: 'siti  aminah ${process.pid}' cocok dengan 2 relawan; tulis nomor HP-nya.`,
    ]);
    expect(await certificates(training.id)).toEqual([]);
    expect(await eventCount(handle.db)).toBe(before);

    const preview = await previewAttendance({ ctx, input: { trainingId: training.id, lines } });
    expect(preview.unresolved.map((u) => [u.line, u.problem])).toEqual([
      [3, 'none'],
      [4, 'several'],
    ]);
    expect(preview.unresolved[1]?.candidates?.map((c) => c.id).sort()).toEqual(twins.map((t) => t.id).sort());

    const result = await recordAttendance({
      ctx,
      input: { trainingId: training.id, lines, completedOn: '2026-11-13', skipUnmatched: true },
    });
    expect(result).toMatchObject({ recorded: 1, created: 1, skipped: 2 });
    expect((await certificates(training.id)).map((row) => row.volunteerId)).toEqual([budi!.id]);
  });

  it('lets a kabupaten coordinator record only its own volunteers', async () => {
    const [kapuas] = await addPhoneVolunteers(handle.db, { regencyCode: '62.03', count: 1 });
    const [katingan] = await addPhoneVolunteers(handle.db, { regencyCode: '62.06', count: 1 });
    const training = await createTraining({ ctx: province(), input: latsar() });
    const ctx = kabupaten('62.03');
    const before = await eventCount(handle.db);
    await expectDomainError(
      recordAttendance({
        ctx,
        input: { trainingId: training.id, volunteerIds: [kapuas!.id, katingan!.id], completedOn: '2026-11-13' },
      }),
      'FORBIDDEN',
    );
    // A pasted phone of another kabupaten is simply nobody in this coordinator's scope.
    const error = await expectDomainError(
      recordAttendance({ ctx, input: { trainingId: training.id, lines: katingan!.phone, completedOn: '2026-11-13' } }),
      'INVALID',
    );
    expect(error.details?.lines?.[0]).toMatch(/^Baris 1: .* tidak cocok/);
    expect(await eventCount(handle.db)).toBe(before);

    await recordAttendance({
      ctx,
      input: { trainingId: training.id, lines: kapuas!.phone, completedOn: '2026-11-13' },
    });
    expect(ctx.published[0]).toMatchObject({ provinceCode: '62', regencyCode: '62.03' });
    // Leaders read only; another province's coordinator does not touch Kalteng's catalogue.
    for (const actor of [actors.leader('62'), actors.coordinator('32')]) {
      await expectDomainError(
        recordAttendance({
          ctx: actorContext(handle, actor, clock),
          input: { trainingId: training.id, volunteerIds: [kapuas!.id], completedOn: '2026-11-13' },
        }),
        'FORBIDDEN',
      );
    }
    // Kabupaten scope also narrows what the detail lists.
    const detail = await trainingDetail({ ctx: kabupaten('62.06'), input: { trainingId: training.id } });
    expect(detail.attendees).toEqual([]);
  });

  it('refuses bad batches with INVALID: no one chosen, dates out of order, unknown training', async () => {
    const [one] = await addPhoneVolunteers(handle.db, { regencyCode: '62.71', count: 1 });
    const training = await createTraining({ ctx: province(), input: latsar() });
    const ctx = province();
    const bad: [Record<string, unknown>, string][] = [
      [{ completedOn: '2026-11-13' }, 'lines'],
      [{ volunteerIds: [one!.id], completedOn: '13/11/2026' }, 'completedOn'],
      [{ volunteerIds: [one!.id], completedOn: '2026-11-13', certifiedOn: '2026-11-01' }, 'certifiedOn'],
      [{ volunteerIds: [one!.id], completedOn: '2026-10-01' }, 'completedOn'],
      [{ volunteerIds: ['not-a-uuid'], completedOn: '2026-11-13' }, 'volunteerIds.0'],
      [{ volunteerIds: [one!.id], completedOn: '2026-11-13', skipUnmatched: 'ya' }, 'skipUnmatched'],
    ];
    for (const [extra, field] of bad) {
      const error = await expectDomainError(
        recordAttendance({ ctx, input: { trainingId: training.id, ...extra } }),
        'INVALID',
      );
      expect(Object.keys(error.details ?? {}), JSON.stringify(extra)).toContain(field);
    }
    await expectDomainError(
      recordAttendance({
        ctx,
        input: { trainingId: crypto.randomUUID(), volunteerIds: [one!.id], completedOn: '2026-11-13' },
      }),
      'NOT_FOUND',
    );
    expect(await certificates(training.id)).toEqual([]);
  });
});

describe('updateTraining', () => {
  it('corrects details and a new validity recomputes every certificate of it', async () => {
    const crew = await addPhoneVolunteers(handle.db, { regencyCode: '62.71', count: 2 });
    const ctx = province();
    const training = await createTraining({ ctx, input: latsar({ validMonths: 12 }) });
    await recordAttendance({
      ctx,
      input: { trainingId: training.id, volunteerIds: [crew[0]!.id], completedOn: '2026-11-13' },
    });
    await recordAttendance({
      ctx,
      input: {
        trainingId: training.id,
        volunteerIds: [crew[1]!.id],
        completedOn: '2026-11-13',
        certifiedOn: '2027-01-31',
      },
    });
    const validUntil = async () =>
      Object.fromEntries((await certificates(training.id)).map((row) => [row.volunteerId, row.validUntil]));
    expect(await validUntil()).toEqual({ [crew[0]!.id]: '2027-11-13', [crew[1]!.id]: '2028-01-31' });

    const { training: changed, recomputed } = await updateTraining({
      ctx,
      input: { trainingId: training.id, validMonths: 13, place: null, organiser: 'Dinsos Kalteng dan BPBD' },
    });
    expect(changed).toMatchObject({ validMonths: 13, place: null, organiser: 'Dinsos Kalteng dan BPBD' });
    expect(recomputed).toBe(2);
    // 31 January + 13 months: the end of February, as everywhere else.
    expect(await validUntil()).toEqual({ [crew[0]!.id]: '2027-12-13', [crew[1]!.id]: '2028-02-29' });
    const event = ctx.published.at(-1)!;
    expect(event).toMatchObject({
      type: TRAINING_EVENTS.updated,
      provinceCode: '62',
      payload: { trainingId: training.id, changed: ['organiser', 'place', 'validMonths'], recomputed: 2 },
    });

    await updateTraining({ ctx, input: { trainingId: training.id, validMonths: null } });
    expect(await validUntil()).toEqual({ [crew[0]!.id]: null, [crew[1]!.id]: null });

    // Nothing changed: nothing written.
    const before = await eventCount(handle.db);
    await updateTraining({ ctx, input: { trainingId: training.id, validMonths: null } });
    expect(await eventCount(handle.db)).toBe(before);
  });

  it('refuses other people and bad corrections without writing', async () => {
    const training = await createTraining({ ctx: province(), input: latsar() });
    const before = await eventCount(handle.db);
    for (const actor of [actors.coordinator('62', '62.71'), actors.leader('62'), actors.coordinator('19')]) {
      await expectDomainError(
        updateTraining({ ctx: actorContext(handle, actor, clock), input: { trainingId: training.id, validMonths: 6 } }),
        'FORBIDDEN',
      );
    }
    const error = await expectDomainError(
      updateTraining({ ctx: province(), input: { trainingId: training.id, endsOn: '2026-11-01' } }),
      'INVALID',
    );
    expect(error.details?.endsOn).toBeDefined();
    await expectDomainError(
      updateTraining({ ctx: province(), input: { trainingId: training.id, validMonths: 601 } }),
      'INVALID',
    );
    await expectDomainError(
      updateTraining({ ctx: province(), input: { trainingId: crypto.randomUUID(), name: 'Latsar' } }),
      'NOT_FOUND',
    );
    expect(await eventCount(handle.db)).toBe(before);
    const [row] = await handle.db.select().from(trainings).where(eq(trainings.id, training.id));
    expect(row?.validMonths).toBe(24);
  });
});

describe('removeAttendance', () => {
  it('takes back one completion with an event naming the volunteer; out of scope is refused', async () => {
    const [kapuas, katingan] = [
      ...(await addPhoneVolunteers(handle.db, { regencyCode: '62.03', count: 1 })),
      ...(await addPhoneVolunteers(handle.db, { regencyCode: '62.06', count: 1 })),
    ];
    const training = await createTraining({ ctx: province(), input: latsar() });
    await recordAttendance({
      ctx: province(),
      input: { trainingId: training.id, volunteerIds: [kapuas!.id, katingan!.id], completedOn: '2026-11-13' },
    });
    await expectDomainError(
      removeAttendance({ ctx: kabupaten('62.03'), input: { trainingId: training.id, volunteerId: katingan!.id } }),
      'FORBIDDEN',
    );
    await expectDomainError(
      removeAttendance({
        ctx: actorContext(handle, actors.leader('62'), clock),
        input: { trainingId: training.id, volunteerId: kapuas!.id },
      }),
      'FORBIDDEN',
    );
    const ctx = kabupaten('62.03');
    await removeAttendance({ ctx, input: { trainingId: training.id, volunteerId: kapuas!.id } });
    expect(ctx.published).toHaveLength(1);
    expect(ctx.published[0]).toMatchObject({
      type: TRAINING_EVENTS.attendanceRemoved,
      provinceCode: '62',
      regencyCode: '62.03',
      volunteerId: kapuas!.id,
    });
    expect((await certificates(training.id)).map((row) => row.volunteerId)).toEqual([katingan!.id]);
    const again = await expectDomainError(
      removeAttendance({ ctx, input: { trainingId: training.id, volunteerId: kapuas!.id } }),
      'NOT_FOUND',
    );
    expect(again).toBeInstanceOf(DomainError);
    const left = await handle.db
      .select()
      .from(volunteerTrainings)
      .where(
        and(eq(volunteerTrainings.trainingId, training.id), inArray(volunteerTrainings.volunteerId, [katingan!.id])),
      );
    expect(left).toHaveLength(1);
  });
});

describe('trainingDetail', () => {
  it('shows each certificate as valid, expiring within 60 days or expired, by the province calendar', async () => {
    const crew = await addPhoneVolunteers(handle.db, { regencyCode: '62.71', count: 3 });
    const ctx = province();
    const training = await createTraining({
      ctx,
      input: latsar({ startsOn: '2024-01-01', endsOn: '2024-01-04', validMonths: 24 }),
    });
    const record = (volunteer: { id: string }, completedOn: string) =>
      recordAttendance({ ctx, input: { trainingId: training.id, volunteerIds: [volunteer.id], completedOn } });
    await record(crew[0]!, '2024-11-30'); // ended 30 Nov 2026: expired on 1 Dec
    await record(crew[1]!, '2025-01-30'); // ends 30 Jan 2027: within 60 days
    await record(crew[2]!, '2025-02-01'); // ends 1 Feb 2027: 62 days ahead
    const detail = await trainingDetail({ ctx, input: { trainingId: training.id } });
    expect(detail.today).toBe('2026-12-01');
    const statusOf = Object.fromEntries(detail.attendees.map((a) => [a.volunteerId, [a.validUntil, a.status]]));
    expect(statusOf).toEqual({
      [crew[0]!.id]: ['2026-11-30', 'expired'],
      [crew[1]!.id]: ['2027-01-30', 'expiring'],
      [crew[2]!.id]: ['2027-02-01', 'valid'],
    });
    const leaderView = await trainingDetail({
      ctx: actorContext(handle, actors.leader('62'), clock),
      input: { trainingId: training.id },
    });
    expect(leaderView.attendees.every((a) => a.phone === null)).toBe(true);
    expect(leaderView.canRecord).toBe(false);
    const catalogue = await listTrainings({ ctx, input: { provinceCode: '62' } });
    expect(catalogue.trainings.find((t) => t.id === training.id)).toMatchObject({
      attendees: 3,
      expiring: 1,
      expired: 1,
    });
  });
});
