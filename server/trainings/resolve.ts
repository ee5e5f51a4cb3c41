import { and, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { regencies, volunteers, volunteerTrainings, type Training } from '../../db/schema';
import { normalizePhone } from '../../lib/phone';
import { pastedLines, type AttendancePreview, type UnresolvedLine } from '../../lib/trainings';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { scopeFilter } from '../volunteers/roster';

const CANDIDATES_SHOWN = 5;

/** A phone number anywhere in the line ("Budi, 0812-3456-7890"), normalised; null when there is none. */
function phoneIn(text: string): string | null {
  const whole = normalizePhone(text);
  if (whole) return whole;
  for (const match of text.matchAll(/\+?\d[\d\s().-]{7,}\d/g)) {
    const phone = normalizePhone(match[0]);
    if (phone) return phone;
  }
  return null;
}

const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

interface Candidate {
  id: string;
  name: string;
  phone: string;
  regencyCode: string;
  regencyName: string;
}

/**
 * Resolves picked ids and pasted lines (a phone number or a name each) to active volunteers inside the
 * actor's scope and the training's province. Picked ids outside it are refused; lines that match nobody
 * or several people come back by line number.
 */
export async function resolveAttendance(
  db: Executor,
  actor: Actor,
  training: Training,
  selection: { volunteerIds: string[]; lines: string },
): Promise<AttendancePreview & { regencyOf: Map<string, string> }> {
  const within = and(
    ...scopeFilter(actor),
    training.provinceCode ? like(volunteers.regencyCode, `${training.provinceCode}.%`) : undefined,
    isNull(volunteers.retiredAt),
  );
  const lines = pastedLines(selection.lines).map((entry) => ({ ...entry, phone: phoneIn(entry.text) }));
  const phones = [...new Set(lines.flatMap((entry) => (entry.phone ? [entry.phone] : [])))];
  const names = [...new Set(lines.flatMap((entry) => (entry.phone ? [] : [nameKey(entry.text)])))];
  const ids = [...new Set(selection.volunteerIds)];

  const wanted = [
    ids.length > 0 ? inArray(volunteers.id, ids) : undefined,
    phones.length > 0 ? inArray(volunteers.phone, phones) : undefined,
    names.length > 0
      ? inArray(sql`lower(regexp_replace(trim(${volunteers.name}), '\\s+', ' ', 'g'))`, names)
      : undefined,
  ].filter((condition) => condition !== undefined);
  const found: Candidate[] =
    wanted.length === 0
      ? []
      : await db
          .select({
            id: volunteers.id,
            name: volunteers.name,
            phone: volunteers.phone,
            regencyCode: volunteers.regencyCode,
            regencyName: regencies.name,
          })
          .from(volunteers)
          .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
          .where(and(within, or(...wanted)));

  const byId = new Map(found.map((volunteer) => [volunteer.id, volunteer]));
  const outside = ids.filter((id) => !byId.has(id));
  if (outside.length > 0) {
    throw new DomainError(
      'FORBIDDEN',
      `${outside.length} relawan yang dipilih tidak ada, sudah berhenti, atau di luar wilayah tugas Anda.`,
      { volunteerIds: outside },
    );
  }
  const byPhone = new Map(found.map((volunteer) => [volunteer.phone, volunteer]));
  const byName = new Map<string, Candidate[]>();
  for (const volunteer of found) {
    const key = nameKey(volunteer.name);
    byName.set(key, [...(byName.get(key) ?? []), volunteer]);
  }

  const chosen = new Map<string, { volunteer: Candidate; line: number | null }>();
  for (const id of ids) chosen.set(id, { volunteer: byId.get(id)!, line: null });
  const unresolved: UnresolvedLine[] = [];
  for (const entry of lines) {
    const matches = entry.phone
      ? byPhone.has(entry.phone)
        ? [byPhone.get(entry.phone)!]
        : []
      : (byName.get(nameKey(entry.text)) ?? []);
    if (matches.length === 1) {
      const volunteer = matches[0]!;
      if (!chosen.has(volunteer.id)) chosen.set(volunteer.id, { volunteer, line: entry.line });
    } else if (matches.length === 0) {
      unresolved.push({ line: entry.line, text: entry.text, problem: 'none' });
    } else {
      unresolved.push({
        line: entry.line,
        text: entry.text,
        problem: 'several',
        candidates: matches.slice(0, CANDIDATES_SHOWN).map(({ regencyCode: _, ...candidate }) => candidate),
      });
    }
  }

  const chosenIds = [...chosen.keys()];
  const already = new Set(
    chosenIds.length === 0
      ? []
      : (
          await db
            .select({ volunteerId: volunteerTrainings.volunteerId })
            .from(volunteerTrainings)
            .where(
              and(eq(volunteerTrainings.trainingId, training.id), inArray(volunteerTrainings.volunteerId, chosenIds)),
            )
        ).map((row) => row.volunteerId),
  );
  return {
    matched: [...chosen.values()].map(({ volunteer, line }) => ({
      id: volunteer.id,
      name: volunteer.name,
      phone: volunteer.phone,
      regencyName: volunteer.regencyName,
      line,
      already: already.has(volunteer.id),
    })),
    unresolved,
    regencyOf: new Map([...chosen.values()].map(({ volunteer }) => [volunteer.id, volunteer.regencyCode])),
  };
}

/** "Baris 3: '0812-0000' tidak cocok dengan relawan mana pun di wilayah Anda." for every bad line. */
export function unresolvedMessages(unresolved: UnresolvedLine[]): string[] {
  return unresolved.map((entry) =>
    entry.problem === 'none'
      ? `Baris ${entry.line}: '${entry.text}' tidak cocok dengan relawan mana pun di wilayah Anda.`
      : `Baris ${entry.line}: '${entry.text}' cocok dengan ${entry.candidates?.length ?? 'beberapa'} relawan; tulis nomor HP-nya.`,
  );
}
