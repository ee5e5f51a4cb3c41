import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Transaction } from '../../db/client';
import { volunteerImports, volunteers, type NewVolunteer } from '../../db/schema';
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

// Rows per statement: a volunteer is 16 values, well under PostgreSQL's 65,535 parameters.
const ROWS_PER_STATEMENT = 1_000;

function newVolunteer(record: ImportRecord, now: Date): NewVolunteer {
  return {
    name: record.name,
    phone: record.phone,
    nik: record.nik ?? null,
    pillarCode: record.pillarCode,
    regencyCode: record.regencyCode,
    districtCode: record.districtCode ?? null,
    village: record.village ?? null,
    skills: record.skills ?? [],
    gender: record.gender ?? null,
    birthYear: record.birthYear ?? null,
    isCivilServant: record.isCivilServant ?? false,
    taganaRank: record.taganaRank ?? null,
    isTeamLeader: record.isTeamLeader ?? false,
    emergencyContactName: record.emergencyContactName ?? null,
    emergencyContactPhone: record.emergencyContactPhone ?? null,
    availabilityChangedAt: now,
    createdAt: now,
    updatedAt: now,
  };
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
    const batch = rows.slice(start, start + ROWS_PER_STATEMENT).map(({ id: volunteerId, record }) => ({
      id: volunteerId,
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
    }));
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
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as u(
        id uuid, name text, phone text, nik text, pillar_code text, regency_code text, district_code text,
        village text, skills text[], gender text, birth_year smallint, is_civil_servant boolean, tagana_rank text,
        is_team_leader boolean, emergency_contact_name text, emergency_contact_phone text)
      where v.id = u.id`);
    // A volunteer's account signs in with the roster's phone: it follows a corrected number.
    await tx.execute(sql`
      update users set phone = v.phone, updated_at = ${now}
      from volunteers as v
      where users.volunteer_id = v.id and users.phone is distinct from v.phone
        and v.id in (select (value->>'id')::uuid from jsonb_array_elements(${JSON.stringify(batch)}::jsonb))`);
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
        .for('update')
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
      for (let start = 0; start < creates.length; start += ROWS_PER_STATEMENT) {
        await tx
          .insert(volunteers)
          .values(
            creates.slice(start, start + ROWS_PER_STATEMENT).map((verdict) => newVolunteer(verdict.record!, now)),
          );
      }
      await updateVolunteers(
        tx,
        updates.map((verdict) => ({ id: verdict.volunteerId!, record: verdict.record! })),
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
