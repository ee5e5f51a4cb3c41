import { and, eq, isNull, ne, or } from 'drizzle-orm';
import type { Executor, Transaction } from '../../db/client';
import { districts, pillars, regencies, users, volunteers, type Volunteer } from '../../db/schema';
import type { Actor } from '../../lib/roles';
import { requireCoordinatorFor, scopeCovers } from '../auth/actor';
import { DomainError } from '../errors';

/**
 * What the registry verbs share: finding and locking a record, checking a home, a pillar and a rank,
 * and keeping phone and NIK unique among active volunteers (also when two writes race).
 */

/** An erasure cannot be undone: the record is an anonymous reference from then on. */
export const ERASED_FOR_GOOD =
  'Data relawan ini sudah dihapus atas permintaan dan tidak dapat dipulihkan; daftarkan sebagai relawan baru bila perlu.';

export interface LockedVolunteer {
  volunteer: Volunteer;
  provinceCode: string;
}

/** The volunteer's row, locked for the rest of the transaction; NOT_FOUND when there is none. */
export async function lockVolunteer(tx: Transaction, volunteerId: string): Promise<LockedVolunteer> {
  const [row] = await tx
    .select({ volunteer: volunteers, provinceCode: regencies.provinceCode })
    .from(volunteers)
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(eq(volunteers.id, volunteerId))
    .for('no key update', { of: volunteers })
    .limit(1);
  if (!row) throw new DomainError('NOT_FOUND', 'Relawan tidak ditemukan.');
  return row;
}

/** Coordinators whose scope holds the record, and admins, keep the roster; leaders and volunteers never. */
export function requireRegistrar(actor: Actor, place: { provinceCode: string; regencyCode: string }): void {
  if (actor.role !== 'admin' && actor.role !== 'coordinator') {
    throw new DomainError('FORBIDDEN', 'Hanya koordinator yang dapat mengubah data relawan.');
  }
  requireCoordinatorFor(actor, place);
}

/** A home inside the actor's scope: the kabupaten/kota exists, the kecamatan belongs to it. Returns its province. */
export async function checkHome(
  db: Executor,
  actor: Actor,
  home: { regencyCode: string; districtCode?: string | null },
): Promise<string> {
  const [regency] = await db
    .select({ provinceCode: regencies.provinceCode })
    .from(regencies)
    .where(eq(regencies.code, home.regencyCode))
    .limit(1);
  if (!regency) {
    throw new DomainError('INVALID', 'Kabupaten/kota tidak dikenal.', {
      regencyCode: [`Kabupaten/kota ${home.regencyCode} tidak ada dalam daftar resmi.`],
    });
  }
  requireRegistrar(actor, { provinceCode: regency.provinceCode, regencyCode: home.regencyCode });
  if (home.districtCode) {
    const [district] = await db
      .select({ regencyCode: districts.regencyCode })
      .from(districts)
      .where(eq(districts.code, home.districtCode))
      .limit(1);
    if (district?.regencyCode !== home.regencyCode) {
      throw new DomainError('INVALID', 'Kecamatan tidak ada di kabupaten/kota ini.', {
        districtCode: ['Pilih kecamatan dari daftar kabupaten/kota yang dipilih.'],
      });
    }
  }
  return regency.provinceCode;
}

/** A national pillar or one the province added; and a Tagana rank only for Tagana. */
export async function checkPillar(
  db: Executor,
  provinceCode: string,
  pillarCode: string,
  taganaRank: string | null | undefined,
): Promise<void> {
  const [pillar] = await db
    .select({ provinceCode: pillars.provinceCode })
    .from(pillars)
    .where(eq(pillars.code, pillarCode))
    .limit(1);
  if (!pillar || (pillar.provinceCode !== null && pillar.provinceCode !== provinceCode)) {
    throw new DomainError('INVALID', 'Pilar sosial tidak dikenal.', {
      pillarCode: ['Pilih salah satu pilar sosial provinsi ini.'],
    });
  }
  if (taganaRank && pillarCode !== 'tagana') {
    throw new DomainError('INVALID', 'Pangkat hanya untuk anggota Tagana.', {
      taganaRank: ['Pangkat Tagana hanya diisi untuk pilar Tagana.'],
    });
  }
}

/** Who holds a number or NIK, as far as the actor may know: a name inside its scope, nobody outside. */
function holderName(actor: Actor, holder: { name: string; provinceCode: string; regencyCode: string }): string {
  return scopeCovers(actor, holder) ? holder.name : 'relawan lain di luar wilayah Anda';
}

async function activeHolder(
  db: Executor,
  column: typeof volunteers.phone | typeof volunteers.nik,
  value: string,
  exceptId?: string,
) {
  const [holder] = await db
    .select({
      id: volunteers.id,
      name: volunteers.name,
      regencyCode: volunteers.regencyCode,
      provinceCode: regencies.provinceCode,
    })
    .from(volunteers)
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(and(eq(column, value), isNull(volunteers.retiredAt), exceptId ? ne(volunteers.id, exceptId) : undefined))
    .limit(1);
  return holder;
}

export function phoneTaken(holder: string): DomainError {
  return new DomainError('CONFLICT', `No HP ini sudah dipakai ${holder}.`, {
    phone: [`No HP ini sudah dipakai ${holder}; satu nomor hanya untuk satu relawan aktif.`],
  });
}

export function nikTaken(holder: string): DomainError {
  return new DomainError('CONFLICT', `NIK ini sudah tercatat untuk ${holder}.`, {
    nik: [`NIK ini sudah tercatat untuk ${holder}.`],
  });
}

/** Phone and NIK are unique among active volunteers: a CONFLICT naming who holds them (within scope). */
export async function requireFreeIdentity(
  db: Executor,
  actor: Actor,
  identity: { phone?: string; nik?: string | null },
  exceptId?: string,
): Promise<void> {
  if (identity.phone) {
    const holder = await activeHolder(db, volunteers.phone, identity.phone, exceptId);
    if (holder) throw phoneTaken(holderName(actor, holder));
  }
  if (identity.nik) {
    const holder = await activeHolder(db, volunteers.nik, identity.nik, exceptId);
    if (holder) throw nikTaken(holderName(actor, holder));
  }
}

/** The account's sign-in phone follows the record, in the same transaction; another account holding it is a CONFLICT. */
export async function accountPhoneFollows(
  tx: Transaction,
  volunteerId: string,
  phone: string | null,
  now: Date,
): Promise<void> {
  if (phone) {
    const [other] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.phone, phone), or(isNull(users.volunteerId), ne(users.volunteerId, volunteerId))))
      .limit(1);
    if (other) throw phoneTaken('akun lain');
  }
  await tx.update(users).set({ phone, updatedAt: now }).where(eq(users.volunteerId, volunteerId));
}

/** The constraint a database error broke, when it is a unique violation (23505), through drizzle's wrapper. */
function uniqueConstraint(error: unknown): string | null {
  for (let cause = error; cause && typeof cause === 'object'; cause = (cause as { cause?: unknown }).cause) {
    const { code, constraint } = cause as { code?: unknown; constraint?: unknown };
    if (code === '23505') return typeof constraint === 'string' ? constraint : '';
  }
  return null;
}

/**
 * Runs a write and turns a lost race on the unique indexes into the same CONFLICT the checks give: two
 * coordinators saving the same number at once both pass the check, the index refuses the second.
 */
export async function guardUnique<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const constraint = uniqueConstraint(error);
    if (constraint === null) throw error;
    if (constraint.includes('nik')) throw nikTaken('relawan lain');
    if (constraint.includes('phone')) throw phoneTaken(constraint.startsWith('users') ? 'akun lain' : 'relawan lain');
    throw new DomainError('CONFLICT', 'Data ini bentrok dengan data lain yang baru saja disimpan; coba lagi.');
  }
}

/** Fields of a record a correction may change, as the contracts parse them (null clears an optional one). */
export type VolunteerChanges = Partial<{
  name: string;
  phone: string;
  nik: string | null;
  pillarCode: string;
  skills: string[];
  isCivilServant: boolean;
  taganaRank: Volunteer['taganaRank'];
  isTeamLeader: boolean;
  gender: Volunteer['gender'];
  birthYear: number | null;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
}>;

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Writes the fields that differ and returns their names (empty: nothing changed, nothing written). An
 * active volunteer's new phone or NIK must be free, and its account's sign-in phone follows.
 */
export async function applyCorrection(
  tx: Transaction,
  actor: Actor,
  { volunteer: before, provinceCode }: LockedVolunteer,
  changes: VolunteerChanges,
  now: Date,
): Promise<{ volunteer: Volunteer; fields: string[] }> {
  const wanted: VolunteerChanges = { ...changes };
  const pillarCode = wanted.pillarCode ?? before.pillarCode;
  // Leaving Tagana drops the rank; a rank outside Tagana is refused.
  if (pillarCode !== 'tagana' && wanted.taganaRank === undefined && before.taganaRank) wanted.taganaRank = null;
  const fields = (Object.keys(wanted) as (keyof VolunteerChanges)[]).filter(
    (field) => wanted[field] !== undefined && !sameValue(wanted[field], before[field]),
  );
  if (fields.length === 0) return { volunteer: before, fields };
  const set = Object.fromEntries(fields.map((field) => [field, wanted[field]])) as VolunteerChanges;

  if (set.pillarCode !== undefined || set.taganaRank !== undefined) {
    await checkPillar(tx, provinceCode, pillarCode, set.taganaRank !== undefined ? set.taganaRank : before.taganaRank);
  }
  const active = before.retiredAt === null;
  if (active) await requireFreeIdentity(tx, actor, { phone: set.phone, nik: set.nik }, before.id);
  if (active && set.phone) await accountPhoneFollows(tx, before.id, set.phone, now);
  const [volunteer] = await tx
    .update(volunteers)
    .set({ ...set, updatedAt: now })
    .where(eq(volunteers.id, before.id))
    .returning();
  return { volunteer: volunteer!, fields };
}

/** A record as an answer: NIK only for those who keep the roster (never for leaders or the volunteer's team). */
export function withoutNik<T extends { nik: string | null }>(volunteer: T, actor: Actor): T | Omit<T, 'nik'> {
  if (actor.role === 'admin' || actor.role === 'coordinator') return volunteer;
  const rest: Partial<T> = { ...volunteer };
  delete rest.nik;
  return rest as Omit<T, 'nik'>;
}
