import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { regencies, teamMembers, teams, volunteers, type NewEventRow, type Team } from '../../db/schema';
import type { TeamEventType } from '../../lib/teams';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';

/** The regu, locked for the rest of the transaction (two changes at once apply one after the other). */
export async function lockTeam(db: Executor, teamId: string): Promise<Team> {
  const [team] = await db.select().from(teams).where(eq(teams.id, teamId)).for('no key update').limit(1);
  if (!team) throw new DomainError('NOT_FOUND', 'Regu tidak ditemukan.');
  return team;
}

export async function regencyProvince(db: Executor, regencyCode: string): Promise<string> {
  const [regency] = await db
    .select({ provinceCode: regencies.provinceCode })
    .from(regencies)
    .where(eq(regencies.code, regencyCode))
    .limit(1);
  if (!regency) {
    throw new DomainError('INVALID', 'Kabupaten/kota tidak dikenal.', {
      regencyCode: [`Tidak ada kabupaten/kota dengan kode ${regencyCode}.`],
    });
  }
  return regency.provinceCode;
}

/** Another regu of the kabupaten/kota already has the name (compared without regard to case). */
export async function assertNameFree(db: Executor, regencyCode: string, name: string, except?: string) {
  const [taken] = await db
    .select({ id: teams.id })
    .from(teams)
    .where(
      and(
        eq(teams.regencyCode, regencyCode),
        sql`lower(${teams.name}) = lower(${name})`,
        except ? ne(teams.id, except) : undefined,
      ),
    )
    .limit(1);
  if (taken) {
    throw new DomainError('CONFLICT', 'Nama regu sudah dipakai di kabupaten/kota ini.', {
      name: ['Pilih nama lain: regu lain di kabupaten/kota ini sudah memakainya.'],
    });
  }
}

/**
 * Members join only from the regu's kabupaten/kota, active, and not already in a regu (a volunteer is in
 * at most one); an INVALID or CONFLICT naming them otherwise.
 */
export async function checkNewMembers(db: Executor, team: Pick<Team, 'regencyCode'>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await db
    .select({ id: volunteers.id, name: volunteers.name, teamId: teamMembers.teamId })
    .from(volunteers)
    .leftJoin(teamMembers, eq(teamMembers.volunteerId, volunteers.id))
    .where(
      and(inArray(volunteers.id, ids), eq(volunteers.regencyCode, team.regencyCode), isNull(volunteers.retiredAt)),
    );
  if (found.length !== ids.length) {
    throw new DomainError('INVALID', 'Ada relawan yang tidak dapat masuk regu ini.', {
      memberIds: ['Anggota regu harus relawan aktif dari kabupaten/kota regu.'],
    });
  }
  const taken = found.filter((volunteer) => volunteer.teamId !== null);
  if (taken.length > 0) {
    throw new DomainError('CONFLICT', 'Relawan sudah menjadi anggota regu lain.', {
      memberIds: [`Keluarkan dulu dari regunya: ${taken.map((volunteer) => volunteer.name).join(', ')}.`],
    });
  }
}

/** The ketua regu follows the regu: the flag is set on its leader and cleared on the one it replaces. */
export async function setLeaderFlag(db: Executor, volunteerId: string | null, isTeamLeader: boolean, now: Date) {
  if (!volunteerId) return;
  await db.update(volunteers).set({ isTeamLeader, updatedAt: now }).where(eq(volunteers.id, volunteerId));
}

export function teamEvent(
  team: Pick<Team, 'provinceCode' | 'regencyCode' | 'id'>,
  type: TeamEventType,
  payload: Record<string, unknown>,
  volunteerId?: string,
): NewEventRow {
  return {
    type,
    provinceCode: team.provinceCode,
    regencyCode: team.regencyCode,
    volunteerId: volunteerId ?? null,
    payload: { teamId: team.id, ...payload },
  };
}

/** Only coordinators (and admins) keep regu; refused before any lookup, so nothing about a regu leaks. */
export function requireTeamKeeper(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'coordinator') {
    throw new DomainError('FORBIDDEN', 'Hanya koordinator yang dapat mengatur regu.');
  }
}
