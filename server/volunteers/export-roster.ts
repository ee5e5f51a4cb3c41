import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  assignments,
  districts,
  pillars,
  regencies,
  volunteers,
  volunteerTrainings,
  type NewEventRow,
} from '../../db/schema';
import { SLOT_TAKING_STATUSES } from '../../lib/assignment-state';
import { AVAILABILITY_LABELS } from '../../lib/domain';
import type { Actor } from '../../lib/roles';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { RosterQuery, rosterWhere, type RosterSort } from './roster';
import { listPlace, recordAccess } from '../privacy/access';
import { maskPhone } from '../../lib/privacy';

export const ROSTER_EXPORTED = 'roster.exported';

/** The most rows one export carries (Tagana alone had about 39,000 members). */
export const MAX_EXPORT_ROWS = 100_000;

export interface ExportedRoster {
  columns: string[];
  rows: (string | number | null)[][];
}

/** Coordinators and admins export their roster; leaders theirs too, but never a phone number whole or a NIK. */
function requireExporter(actor: Actor): void {
  if (actor.role === 'volunteer') throw new DomainError('FORBIDDEN', 'Relawan tidak dapat mengunduh daftar relawan.');
}

/**
 * The roster exactly as filtered (every page), inside the actor's scope; the export is an event in the
 * log with its filters and row count.
 */
export async function exportRoster({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<ExportedRoster> {
  requireExporter(ctx.actor);
  // Every page: the export ignores the view's page and page size.
  const query = parseInput(RosterQuery, input);
  const leader = ctx.actor.role === 'leader';
  const direction = query.dir === 'desc' ? desc : asc;
  const lastDeployedAt = sql<Date | null>`(select max(coalesce(${assignments.respondedAt}, ${assignments.offeredAt}))
    from ${assignments} where ${and(eq(assignments.volunteerId, volunteers.id), inArray(assignments.status, SLOT_TAKING_STATUSES))})`;
  const sortKey: Record<RosterSort, SQL[]> = {
    name: [],
    regency: [direction(regencies.name)],
    pillar: [direction(pillars.name)],
    availability: [direction(volunteers.availability)],
    lastDeployment: [sql`${lastDeployedAt} ${sql.raw(query.dir)} nulls last`],
  };
  return commitWithEvents(ctx, async (tx) => {
    const found = await tx
      .select({
        name: volunteers.name,
        phone: volunteers.phone,
        nik: volunteers.nik,
        pillar: pillars.name,
        provinceCode: regencies.provinceCode,
        regency: regencies.name,
        district: districts.name,
        village: volunteers.village,
        availability: volunteers.availability,
        isCivilServant: volunteers.isCivilServant,
        isTeamLeader: volunteers.isTeamLeader,
        taganaRank: volunteers.taganaRank,
        gender: volunteers.gender,
        birthYear: volunteers.birthYear,
        skills: volunteers.skills,
        trainings:
          sql<number>`(select count(*) from ${volunteerTrainings} where ${eq(volunteerTrainings.volunteerId, volunteers.id)})`.mapWith(
            Number,
          ),
        lastDeployedAt: lastDeployedAt.mapWith(assignments.offeredAt),
      })
      .from(volunteers)
      .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
      .innerJoin(pillars, eq(pillars.code, volunteers.pillarCode))
      .leftJoin(districts, eq(districts.code, volunteers.districtCode))
      .where(await rosterWhere(tx, ctx.actor, query, ctx.now()))
      .orderBy(
        ...sortKey[query.sort],
        query.sort === 'name' ? direction(volunteers.name) : asc(volunteers.name),
        asc(volunteers.id),
      )
      .limit(MAX_EXPORT_ROWS + 1);
    if (found.length > MAX_EXPORT_ROWS) {
      throw new DomainError('INVALID', `Lebih dari ${MAX_EXPORT_ROWS} baris; persempit saringannya dulu.`);
    }
    const withNik = !leader && found.some((row) => row.nik);
    const columns = [
      'Nama',
      'No HP',
      ...(withNik ? ['NIK'] : []),
      'Pilar',
      'Kabupaten/Kota',
      'Kecamatan',
      'Desa/Kelurahan',
      'Status',
      'ASN',
      'Ketua regu',
      'Pangkat Tagana',
      'Jenis kelamin',
      'Tahun lahir',
      'Keahlian',
      'Pelatihan',
      'Terakhir bertugas',
    ];
    const rows = found.map((row) => [
      row.name,
      leader ? maskPhone(row.phone) : row.phone,
      ...(withNik ? [row.nik] : []),
      row.pillar,
      row.regency,
      row.district,
      row.village,
      AVAILABILITY_LABELS[row.availability],
      row.isCivilServant ? 'ASN' : 'Non-ASN',
      row.isTeamLeader ? 'Ya' : 'Tidak',
      row.taganaRank,
      row.gender === 'male' ? 'Laki-laki' : row.gender === 'female' ? 'Perempuan' : null,
      row.birthYear,
      row.skills.join(', '),
      row.trainings,
      row.lastDeployedAt ? row.lastDeployedAt.toISOString() : null,
    ]);
    // One event per province the rows come from (an admin may export several); an empty export is logged too.
    const perProvince = new Map<string, number>();
    for (const row of found) perProvince.set(row.provinceCode, (perProvince.get(row.provinceCode) ?? 0) + 1);
    const ownProvince =
      ctx.actor.role === 'admin' || ctx.actor.role === 'volunteer'
        ? (query.provinceCode ?? query.regencyCode?.slice(0, 2))
        : ctx.actor.scope.provinceCode;
    if (perProvince.size === 0 && ownProvince) perProvince.set(ownProvince, 0);
    const filters = Object.fromEntries(
      Object.entries(query).filter(([key, value]) => value !== undefined && key !== 'page' && key !== 'pageSize'),
    );
    const events: NewEventRow[] = [...perProvince].map(([provinceCode, count]) => ({
      type: ROSTER_EXPORTED,
      provinceCode,
      regencyCode: ctx.actor.role !== 'admin' && ctx.actor.role !== 'volunteer' ? ctx.actor.scope.regencyCode : null,
      payload: { filters, rows: count, masked: leader },
    }));
    for (const [provinceCode, count] of perProvince) {
      await recordAccess(
        tx,
        ctx.actor,
        {
          kind: 'export',
          provinceCode,
          regencyCode: listPlace(ctx.actor, query)?.regencyCode ?? null,
          filter: { ...filters, masked: leader },
          rows: count,
        },
        ctx.now(),
      );
    }
    return { result: { columns, rows }, events };
  });
}
