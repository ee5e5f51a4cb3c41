import { and, inArray, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { users, volunteerTrainings, volunteers, type Volunteer } from '../../db/schema';
import type { ImportChange, ImportField, ImportOutcome } from '../../lib/imports';
import type { Actor } from '../../lib/roles';
import { scopeCovers } from '../auth/actor';
import type { CellProblem, ImportRecord } from './rows';

/** One row of a stored import: its cells as read, and what committing it would do. */
export interface JudgedRow {
  row: number;
  outcome: ImportOutcome;
  problems: CellProblem[];
  record?: ImportRecord;
  volunteerId?: string;
  changes?: ImportChange[];
}

/** The record's keys in the roster and the import field each came from (for messages and changes). */
const COMPARED: [keyof ImportRecord, ImportField][] = [
  ['name', 'name'],
  ['phone', 'phone'],
  ['nik', 'nik'],
  ['pillarCode', 'pillar'],
  ['regencyCode', 'regency'],
  ['districtCode', 'district'],
  ['village', 'village'],
  ['skills', 'skills'],
  ['gender', 'gender'],
  ['birthYear', 'birthYear'],
  ['isCivilServant', 'civilServant'],
  ['taganaRank', 'taganaRank'],
  ['isTeamLeader', 'teamLeader'],
  ['emergencyContactName', 'emergencyContactName'],
  ['emergencyContactPhone', 'emergencyContactPhone'],
];

function shown(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'Ya' : 'Tidak';
  return String(value);
}

/**
 * The fields the row would change on the volunteer; only fields the sheet fills count. Trainings only add:
 * one already recorded keeps its dates, one the sheet leaves out stays.
 */
export function changesOf(
  record: ImportRecord,
  volunteer: Volunteer,
  recordedTrainings: ReadonlySet<string> = new Set(),
): ImportChange[] {
  const changes: ImportChange[] = [];
  const newTrainings = (record.trainings ?? []).filter((training) => !recordedTrainings.has(training.id));
  if (newTrainings.length > 0) {
    changes.push({ field: 'trainings', from: null, to: newTrainings.map((training) => training.name).join(', ') });
  }
  for (const [key, field] of COMPARED) {
    const next = record[key];
    if (next === undefined) continue;
    const current = volunteer[key as keyof Volunteer];
    const same = Array.isArray(next)
      ? Array.isArray(current) && [...current].sort().join('\n') === [...next].sort().join('\n')
      : (current ?? null) === next;
    if (!same) changes.push({ field, from: shown(current), to: shown(next) });
  }
  return changes;
}

const LOOKUP_CHUNK = 5_000;

async function activeVolunteersWith(db: Executor, phones: string[], niks: string[]): Promise<Volunteer[]> {
  const found: Volunteer[] = [];
  for (let start = 0; start < Math.max(phones.length, niks.length); start += LOOKUP_CHUNK) {
    const phoneChunk = phones.slice(start, start + LOOKUP_CHUNK);
    const nikChunk = niks.slice(start, start + LOOKUP_CHUNK);
    const matches = [
      ...(phoneChunk.length ? [inArray(volunteers.phone, phoneChunk)] : []),
      ...(nikChunk.length ? [inArray(volunteers.nik, nikChunk)] : []),
    ];
    found.push(
      ...(await db
        .select()
        .from(volunteers)
        .where(and(isNull(volunteers.retiredAt), or(...matches)))),
    );
  }
  return found;
}

/** The trainings already recorded for each volunteer. */
async function trainingsOf(db: Executor, volunteerIds: string[]): Promise<Map<string, Set<string>>> {
  const recorded = new Map<string, Set<string>>();
  for (let start = 0; start < volunteerIds.length; start += LOOKUP_CHUNK) {
    const rows = await db
      .select({ volunteerId: volunteerTrainings.volunteerId, trainingId: volunteerTrainings.trainingId })
      .from(volunteerTrainings)
      .where(inArray(volunteerTrainings.volunteerId, volunteerIds.slice(start, start + LOOKUP_CHUNK)));
    for (const row of rows) {
      recorded.set(row.volunteerId, (recorded.get(row.volunteerId) ?? new Set()).add(row.trainingId));
    }
  }
  return recorded;
}

async function accountPhones(db: Executor, phones: string[]): Promise<Map<string, string | null>> {
  const owners = new Map<string, string | null>();
  for (let start = 0; start < phones.length; start += LOOKUP_CHUNK) {
    const rows = await db
      .select({ phone: users.phone, volunteerId: users.volunteerId })
      .from(users)
      .where(inArray(users.phone, phones.slice(start, start + LOOKUP_CHUNK)));
    for (const row of rows) if (row.phone) owners.set(row.phone, row.volunteerId);
  }
  return owners;
}

/**
 * Decides, for rows that read cleanly, whether each creates a volunteer, updates one (found by phone,
 * then NIK, among active volunteers) or changes nothing. Later duplicates in the file, people outside
 * the actor's scope and phones held by another account are errors on their row.
 */
export async function judgeRecords(
  db: Executor,
  actor: Actor,
  rows: { row: number; record: ImportRecord; phoneColumn: string; nikColumn: string }[],
): Promise<JudgedRow[]> {
  const phones = [...new Set(rows.flatMap(({ record }) => [record.phone]))];
  const niks = [...new Set(rows.flatMap(({ record }) => (record.nik ? [record.nik] : [])))];
  const existing = await activeVolunteersWith(db, phones, niks);
  const byPhone = new Map(existing.map((volunteer) => [volunteer.phone, volunteer]));
  const byNik = new Map(existing.filter((volunteer) => volunteer.nik).map((volunteer) => [volunteer.nik!, volunteer]));
  const accounts = await accountPhones(db, phones);
  const withTrainings = rows.some(({ record }) => record.trainings?.length);
  const recorded = withTrainings
    ? await trainingsOf(
        db,
        existing.map((volunteer) => volunteer.id),
      )
    : new Map<string, Set<string>>();

  const firstRowOfPhone = new Map<string, number>();
  const firstRowOfNik = new Map<string, number>();
  const claimed = new Map<string, number>();
  return rows.map(({ row, record, phoneColumn, nikColumn }): JudgedRow => {
    const fail = (column: string, message: string): JudgedRow => ({
      row,
      outcome: 'error',
      problems: [{ column, message }],
    });
    const samePhone = firstRowOfPhone.get(record.phone);
    if (samePhone !== undefined)
      return fail(phoneColumn, `No HP ini sudah ada di baris ${samePhone}; satu orang satu baris.`);
    firstRowOfPhone.set(record.phone, row);
    if (record.nik) {
      const sameNik = firstRowOfNik.get(record.nik);
      if (sameNik !== undefined)
        return fail(nikColumn, `NIK ini sudah ada di baris ${sameNik}; satu orang satu baris.`);
      firstRowOfNik.set(record.nik, row);
    }

    const phoneOwner = byPhone.get(record.phone);
    const nikOwner = record.nik ? byNik.get(record.nik) : undefined;
    if (phoneOwner && nikOwner && phoneOwner.id !== nikOwner.id) {
      return fail(nikColumn, 'No HP dan NIK ini terdaftar untuk dua relawan berbeda; periksa mana yang benar.');
    }
    const volunteer = phoneOwner ?? nikOwner;
    if (volunteer) {
      const place = { provinceCode: volunteer.regencyCode.slice(0, 2), regencyCode: volunteer.regencyCode };
      if (!scopeCovers(actor, place)) {
        return fail(
          phoneOwner ? phoneColumn : nikColumn,
          'Relawan ini sudah terdaftar di luar wilayah tugas Anda; minta koordinatornya memindahkan.',
        );
      }
      if (claimed.has(volunteer.id)) {
        return fail(phoneColumn, `Baris ${claimed.get(volunteer.id)} sudah memperbarui relawan yang sama.`);
      }
      claimed.set(volunteer.id, row);
      if (record.phone !== volunteer.phone) {
        const holder = accounts.get(record.phone);
        if (holder !== undefined && holder !== volunteer.id)
          return fail(phoneColumn, 'No HP ini sudah dipakai akun lain di Posko.');
      }
      const changes = changesOf(record, volunteer, recorded.get(volunteer.id));
      return changes.length === 0
        ? { row, outcome: 'unchanged', problems: [], record, volunteerId: volunteer.id }
        : { row, outcome: 'update', problems: [], record, volunteerId: volunteer.id, changes };
    }
    if (accounts.has(record.phone)) return fail(phoneColumn, 'No HP ini sudah dipakai akun lain di Posko.');
    return { row, outcome: 'create', problems: [], record };
  });
}
