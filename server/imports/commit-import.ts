import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Transaction } from '../../db/client';
import { volunteerImports } from '../../db/schema';
import { id } from '../../lib/fields';
import { IMPORT_FIELD_LABELS, VOLUNTEER_IMPORTED, type ImportResult } from '../../lib/imports';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { judgeRecords, type JudgedRow } from './judge';
import { storedImport, type StoredImportRow } from './preview-import';
import type { ImportRecord } from './rows';

export const CommitImport = z.object({ importId: id('importId') });
export type CommitImport = z.infer<typeof CommitImport>;

// Rows per statement: each statement carries its rows as one JSON parameter.
const ROWS_PER_STATEMENT = 1_000;

/** A row as the statements below read it from JSON: the sheet's values, null where it left a field empty. */
function jsonRow(record: ImportRecord, volunteerId?: string) {
  return {
    id: volunteerId ?? null,
    name: record.name,
    phone: record.phone,
    nik: record.nik ?? null,
    pillar_code: record.pillarCode,
    regency_code: record.regencyCode,
    district_code: record.districtCode ?? null,
    village: record.village ?? null,
    skills: record.skills ?? null,
    gender: record.gender ?? null,
    birth_year: record.birthYear ?? null,
    is_civil_servant: record.isCivilServant ?? null,
    tagana_rank: record.taganaRank ?? null,
    is_team_leader: record.isTeamLeader ?? null,
    emergency_contact_name: record.emergencyContactName ?? null,
    emergency_contact_phone: record.emergencyContactPhone ?? null,
  };
}

const RECORDSET = sql.raw(`(
  id uuid, name text, phone text, nik text, pillar_code text, regency_code text, district_code text,
  village text, skills text[], gender text, birth_year smallint, is_civil_servant boolean, tagana_rank text,
  is_team_leader boolean, emergency_contact_name text, emergency_contact_phone text)`);

/** Many new volunteers in one statement, from one JSON parameter (far fewer bind values than a VALUES list). */
async function insertVolunteers(tx: Transaction, records: ImportRecord[], now: Date): Promise<void> {
  for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
    const batch = records.slice(start, start + ROWS_PER_STATEMENT).map((record) => jsonRow(record));
    await tx.execute(sql`
      insert into volunteers (name, phone, nik, pillar_code, regency_code, district_code, village, skills, gender,
        birth_year, is_civil_servant, tagana_rank, is_team_leader, emergency_contact_name, emergency_contact_phone,
        availability_changed_at, created_at, updated_at)
      select u.name, u.phone, u.nik, u.pillar_code, u.regency_code, u.district_code, u.village,
        coalesce(u.skills, '{}'), u.gender::gender, u.birth_year, coalesce(u.is_civil_servant, false),
        u.tagana_rank::tagana_rank, coalesce(u.is_team_leader, false), u.emergency_contact_name,
        u.emergency_contact_phone, ${now}, ${now}, ${now}
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as u${RECORDSET}`);
  }
}

/**
 * Many volunteers in one statement: the sheet's values (null where it left a field empty, so the roster's
 * value stays), from one JSON parameter. A move without a kecamatan clears the old regency's kecamatan.
 */
async function updateVolunteers(
  tx: Transaction,
  rows: { id: string; record: ImportRecord }[],
  now: Date,
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const batch = rows
      .slice(start, start + ROWS_PER_STATEMENT)
      .map(({ id: volunteerId, record }) => jsonRow(record, volunteerId));
    await tx.execute(sql`
      update volunteers as v set
        name = u.name,
        phone = u.phone,
        nik = coalesce(u.nik, v.nik),
        pillar_code = u.pillar_code,
        regency_code = u.regency_code,
        district_code = case when u.regency_code <> v.regency_code then u.district_code
                             else coalesce(u.district_code, v.district_code) end,
        village = case when u.regency_code <> v.regency_code then u.village else coalesce(u.village, v.village) end,
        skills = coalesce(u.skills, v.skills),
        gender = coalesce(u.gender::gender, v.gender),
        birth_year = coalesce(u.birth_year, v.birth_year),
        is_civil_servant = coalesce(u.is_civil_servant, v.is_civil_servant),
        tagana_rank = coalesce(u.tagana_rank::tagana_rank, v.tagana_rank),
        is_team_leader = coalesce(u.is_team_leader, v.is_team_leader),
        emergency_contact_name = coalesce(u.emergency_contact_name, v.emergency_contact_name),
        emergency_contact_phone = coalesce(u.emergency_contact_phone, v.emergency_contact_phone),
        updated_at = ${now}
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as u${RECORDSET}
      where v.id = u.id`);
    // A volunteer's account signs in with the roster's phone: it follows a corrected number.
    await tx.execute(sql`
      update users set phone = v.phone, updated_at = ${now}
      from volunteers as v
      where users.volunteer_id = v.id and users.phone is distinct from v.phone
        and v.id in (select (value->>'id')::uuid from jsonb_array_elements(${JSON.stringify(batch)}::jsonb))`);
  }
}

/**
 * The trainings the rows name, for the volunteers now holding the rows' phones (created or updated in this
 * transaction; phones are unique among active volunteers). One already recorded keeps its dates.
 */
async function recordTrainings(tx: Transaction, records: ImportRecord[], now: Date): Promise<void> {
  const pairs = records.flatMap((record) =>
    (record.trainings ?? []).map((training) => ({
      phone: record.phone,
      training_id: training.id,
      completed_on: training.completedOn,
      valid_until: training.validUntil,
    })),
  );
  for (let start = 0; start < pairs.length; start += ROWS_PER_STATEMENT) {
    await tx.execute(sql`
      insert into volunteer_trainings (volunteer_id, training_id, completed_on, valid_until, recorded_at)
      select v.id, u.training_id, u.completed_on, u.valid_until, ${now}
      from jsonb_to_recordset(${JSON.stringify(pairs.slice(start, start + ROWS_PER_STATEMENT))}::jsonb)
        as u(phone text, training_id uuid, completed_on date, valid_until date)
      join volunteers as v on v.phone = u.phone and v.retired_at is null
      on conflict (volunteer_id, training_id) do nothing`);
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/**
 * Writes every valid row of an import in one transaction with one `volunteer.imported` event; the rows
 * are judged again against the roster as it is now, so the same file committed twice changes nothing.
 * Committing an import that was already committed answers its stored result.
 */
export async function commitImport({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<ImportResult> {
  const { importId } = parseInput(CommitImport, input);
  try {
    return await commitWithEvents(ctx, async (tx) => {
      const [saved] = await tx
        .select()
        .from(volunteerImports)
        .where(eq(volunteerImports.id, importId))
        .for('no key update')
        .limit(1);
      if (!saved) throw new DomainError('NOT_FOUND', 'Impor ini tidak ditemukan.');
      requireCoordinatorFor(ctx.actor, { provinceCode: saved.provinceCode, regencyCode: saved.regencyCode });
      if (saved.committedAt) return { result: saved.result as unknown as ImportResult, events: [] };

      const { sheet, rows } = storedImport(saved);
      const headerOf = (field: 'phone' | 'nik') =>
        sheet.columns.find((column) => column.field === field)?.header ?? IMPORT_FIELD_LABELS[field];
      const valid = rows.filter((row): row is StoredImportRow & { record: ImportRecord } => !!row.record);
      const verdicts: JudgedRow[] = await judgeRecords(
        tx,
        ctx.actor,
        valid.map(({ row, record }) => ({ row, record, phoneColumn: headerOf('phone'), nikColumn: headerOf('nik') })),
      );
      const now = ctx.now();
      const creates = verdicts.filter((verdict) => verdict.outcome === 'create');
      const updates = verdicts.filter((verdict) => verdict.outcome === 'update');
      await insertVolunteers(
        tx,
        creates.map((verdict) => verdict.record!),
        now,
      );
      await updateVolunteers(
        tx,
        updates.map((verdict) => ({ id: verdict.volunteerId!, record: verdict.record! })),
        now,
      );
      await recordTrainings(
        tx,
        [...creates, ...updates].map((verdict) => verdict.record!),
        now,
      );

      const unchanged = verdicts.filter((verdict) => verdict.outcome === 'unchanged').length;
      const result: ImportResult = {
        created: creates.length,
        updated: updates.length,
        unchanged,
        skipped: rows.length - creates.length - updates.length - unchanged,
      };
      await tx
        .update(volunteerImports)
        .set({ committedAt: now, result: { ...result } })
        .where(eq(volunteerImports.id, importId));
      const regencyCodes = [
        ...new Set(
          [...creates, ...updates].flatMap((verdict) => [
            verdict.record!.regencyCode,
            ...(verdict.changes ?? [])
              .filter((change) => change.field === 'regency')
              .flatMap((change) => change.from ?? []),
          ]),
        ),
      ].sort();
      return {
        result,
        events: [
          {
            type: VOLUNTEER_IMPORTED,
            provinceCode: saved.provinceCode,
            regencyCode: saved.regencyCode,
            payload: { importId, fileName: saved.fileName, ...result, regencyCodes },
          },
        ],
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError(
        'CONFLICT',
        'Daftar relawan berubah saat impor (No HP atau NIK kini dipakai). Unggah ulang berkasnya.',
      );
    }
    throw error;
  }
}
