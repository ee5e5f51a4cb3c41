import { listFilter, listPlace, recordAccess } from '../privacy/access';
import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  max,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client';
import {
  assignments,
  pillars,
  provinces,
  regencies,
  trainings,
  users,
  volunteers,
  volunteerTrainings,
} from '../../db/schema';
import {
  addDays,
  CERTIFICATE_STATUSES,
  certificateStatus,
  dayIn,
  EXPIRING_WITHIN_DAYS,
  type CertificateStatus,
} from '../../lib/trainings';
import { SLOT_TAKING_STATUSES } from '../../lib/assignment-state';
import { AVAILABILITIES, PROVINCE_CODE, REGENCY_CODE, type Availability } from '../../lib/domain';
import type { Actor } from '../../lib/roles';
import { accountState, openLinkExists, type AccountState } from '../accounts/queries';
import { DomainError, parseInput } from '../errors';
import { text } from '../../lib/fields';

export const ROSTER_SORTS = ['name', 'regency', 'pillar', 'availability', 'lastDeployment'] as const;
export type RosterSort = (typeof ROSTER_SORTS)[number];
export const ROSTER_PAGE_SIZES = [25, 50, 100] as const;
export const RETIRED_VIEWS = ['no', 'yes', 'all'] as const;

/** Blank query parameters (an empty select, `?pillarCode=`) mean "no filter". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());

/** The roster's view: filters, sort and page; also the page's URL parameters, so a link reproduces it. */
export const RosterQuery = z.object({
  provinceCode: optional(z.string().regex(PROVINCE_CODE, 'Kode provinsi dua angka, mis. 62.')),
  regencyCode: optional(z.string().regex(REGENCY_CODE, 'Kode kabupaten/kota seperti 62.03.')),
  search: optional(text('Kata pencarian', 80)),
  pillarCode: optional(z.string().regex(/^[a-z0-9_]{1,40}$/, 'Pilar sosial tidak dikenal.')),
  availability: optional(z.enum(AVAILABILITIES, { error: 'Status harus siaga, bertugas atau tidak siaga.' })),
  trainingId: optional(z.uuid({ error: 'Pelatihan tidak dikenal.' })),
  civilServant: optional(z.enum(['yes', 'no'], { error: 'ASN harus "yes" atau "no".' })),
  /** Active volunteers only (the default), retired ones only, or both. */
  retired: optional(z.enum(RETIRED_VIEWS, { error: 'Pensiun harus "no", "yes" atau "all".' })).transform(
    (retired) => retired ?? 'no',
  ),
  /** Has a certificate (of the chosen training, or any) that is valid, ends within 60 days, or has ended. */
  certificate: optional(z.enum(CERTIFICATE_STATUSES, { error: 'Sertifikat harus valid, expiring atau expired.' })),
  sort: optional(z.enum(ROSTER_SORTS, { error: 'Urutan tidak dikenal.' })).transform((sort) => sort ?? 'name'),
  dir: optional(z.enum(['asc', 'desc'], { error: 'Arah urutan harus asc atau desc.' })).transform(
    (dir) => dir ?? 'asc',
  ),
  page: optional(z.coerce.number().int().min(1, 'Halaman mulai dari 1.').max(100_000)).transform((page) => page ?? 1),
  pageSize: optional(z.coerce.number().int().min(1).max(200, 'Paling banyak 200 baris per halaman.')).transform(
    (size) => size ?? 50,
  ),
});
export type RosterQuery = z.infer<typeof RosterQuery>;

export interface RosterRow {
  id: string;
  name: string;
  phone: string;
  pillar: string;
  pillarCode: string;
  regencyCode: string;
  regencyName: string;
  availability: Availability;
  isCivilServant: boolean;
  isTeamLeader: boolean;
  /** Trainings completed. */
  trainings: number;
  /** Each certificate with an end, soonest first, and how it stands today (certificates for good are left out). */
  certificates: RosterCertificate[];
  /** When the volunteer last took a deployment (accepted it); null when never. */
  lastDeployedAt: Date | null;
  account: AccountState | 'none';
  linkOpen: boolean;
  userId: string | null;
  /** Set when the volunteer left (pensiun/tidak aktif). */
  retiredAt: Date | null;
  retiredReason: string | null;
}

export interface RosterCertificate {
  trainingId: string;
  name: string;
  validUntil: string;
  status: CertificateStatus;
}

export interface RosterPage {
  rows: RosterRow[];
  total: number;
  page: number;
  pageSize: number;
  query: RosterQuery;
}

/** Only coordinators and admins keep a roster. */
export function requireRosterKeeper(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'coordinator') {
    throw new DomainError('FORBIDDEN', 'Hanya koordinator yang dapat melihat daftar relawan.');
  }
}

/** The volunteers an actor's scope holds: a coordinator's province or kabupaten, everything for an admin. */
export function scopeFilter(actor: Actor): SQL[] {
  if (actor.role !== 'coordinator' && actor.role !== 'leader') return [];
  const filters = [like(volunteers.regencyCode, `${actor.scope.provinceCode}.%`)];
  if (actor.scope.regencyCode) filters.push(eq(volunteers.regencyCode, actor.scope.regencyCode));
  return filters;
}

/** "0812-3456", "+62 812 3456", "8123456": the digits to look for in a stored +62… number, or null. */
export function phoneDigits(search: string): string | null {
  const digits = search.replace(/[\s+\-().]/g, '');
  if (!/^\d{4,15}$/.test(digits)) return null;
  return digits.replace(/^0/, '').replace(/^62/, '');
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** When each volunteer last took a deployment, over every request. */
function lastDeployments(db: Executor) {
  return db
    .select({
      volunteerId: assignments.volunteerId,
      lastDeployedAt: max(sql<Date>`coalesce(${assignments.respondedAt}, ${assignments.offeredAt})`)
        .mapWith(assignments.offeredAt)
        .as('last_deployed_at'),
    })
    .from(assignments)
    .where(inArray(assignments.status, SLOT_TAKING_STATUSES))
    .groupBy(assignments.volunteerId)
    .as('last_deployments');
}

/** The roster's filters inside the actor's scope, as one condition (the page and the export share it). */
export async function rosterWhere(db: Executor, actor: Actor, query: RosterQuery, now: Date): Promise<SQL | undefined> {
  // An erased person is in no list and no export.
  const filters = [...scopeFilter(actor), isNull(volunteers.erasedAt)];
  if (query.provinceCode) filters.push(like(volunteers.regencyCode, `${query.provinceCode}.%`));
  if (query.regencyCode) filters.push(eq(volunteers.regencyCode, query.regencyCode));
  if (query.pillarCode) filters.push(eq(volunteers.pillarCode, query.pillarCode));
  if (query.availability) filters.push(eq(volunteers.availability, query.availability));
  if (query.civilServant) filters.push(eq(volunteers.isCivilServant, query.civilServant === 'yes'));
  if (query.retired !== 'all') {
    filters.push(query.retired === 'yes' ? isNotNull(volunteers.retiredAt) : isNull(volunteers.retiredAt));
  }
  if (query.trainingId) {
    filters.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(volunteerTrainings)
          .where(
            and(eq(volunteerTrainings.volunteerId, volunteers.id), eq(volunteerTrainings.trainingId, query.trainingId)),
          ),
      ),
    );
  }
  if (query.certificate) {
    filters.push(certificateCondition(db, query.certificate, query.trainingId, await scopeDay(db, actor, query, now)));
  }
  if (query.search) {
    const digits = phoneDigits(query.search);
    filters.push(
      digits
        ? like(volunteers.phone, `%${escapeLike(digits)}%`)
        : ilike(volunteers.name, `%${escapeLike(query.search)}%`),
    );
  }
  return and(...filters);
}

/**
 * Volunteers of the coordinator's scope, filtered, sorted and a page at a time; all of it in SQL, with
 * name and id breaking ties so pages never overlap or skip a row.
 */
export async function rosterPage(db: Executor, actor: Actor, input: unknown, now: Date): Promise<RosterPage> {
  requireRosterKeeper(actor);
  const query = parseInput(RosterQuery, input);
  const where = await rosterWhere(db, actor, query, now);

  const deployed = lastDeployments(db);
  const direction = query.dir === 'desc' ? desc : asc;
  const sortKey: Record<RosterSort, SQL[]> = {
    name: [],
    regency: [direction(regencies.name)],
    pillar: [direction(pillars.name)],
    availability: [direction(volunteers.availability)],
    // Never deployed goes last whichever way the column is sorted.
    lastDeployment: [sql`${deployed.lastDeployedAt} ${sql.raw(query.dir)} nulls last`],
  };
  const order = [
    ...sortKey[query.sort],
    query.sort === 'name' ? direction(volunteers.name) : asc(volunteers.name),
    asc(volunteers.id),
  ];

  // The page's ids first, joining only what the sort needs: sorting 10,000 narrow rows is cheap, and
  // the details (account, trainings, last deployment) are then read for those few rows alone.
  let pageQuery = db.select({ id: volunteers.id }).from(volunteers).$dynamic();
  if (query.sort === 'regency') pageQuery = pageQuery.innerJoin(regencies, eq(regencies.code, volunteers.regencyCode));
  if (query.sort === 'pillar') pageQuery = pageQuery.innerJoin(pillars, eq(pillars.code, volunteers.pillarCode));
  if (query.sort === 'lastDeployment')
    pageQuery = pageQuery.leftJoin(deployed, eq(deployed.volunteerId, volunteers.id));
  const [pageIds, [total]] = await Promise.all([
    pageQuery
      .where(where)
      .orderBy(...order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(volunteers).where(where),
  ]);
  const ids = pageIds.map((row) => row.id);
  const details =
    ids.length === 0
      ? []
      : await db
          .select({
            id: volunteers.id,
            name: volunteers.name,
            phone: volunteers.phone,
            pillar: pillars.name,
            pillarCode: volunteers.pillarCode,
            regencyCode: volunteers.regencyCode,
            regencyName: regencies.name,
            availability: volunteers.availability,
            isCivilServant: volunteers.isCivilServant,
            isTeamLeader: volunteers.isTeamLeader,
            retiredAt: volunteers.retiredAt,
            retiredReason: volunteers.retiredReason,
            trainings: sql<number>`(select count(*) from ${volunteerTrainings} where ${eq(
              volunteerTrainings.volunteerId,
              volunteers.id,
            )})`.mapWith(Number),
            lastDeployedAt: sql<Date | null>`(select max(coalesce(${assignments.respondedAt}, ${assignments.offeredAt}))
              from ${assignments} where ${and(
                eq(assignments.volunteerId, volunteers.id),
                inArray(assignments.status, SLOT_TAKING_STATUSES),
              )})`.mapWith(assignments.offeredAt),
            userId: users.id,
            disabledAt: users.disabledAt,
            hasPassword: sql<boolean>`${users.passwordHash} is not null`,
            linkOpen: openLinkExists(users.id, now),
          })
          .from(volunteers)
          .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
          .innerJoin(pillars, eq(pillars.code, volunteers.pillarCode))
          .leftJoin(users, eq(users.volunteerId, volunteers.id))
          .where(inArray(volunteers.id, ids));
  const today = ids.length === 0 ? '' : await scopeDay(db, actor, query, now);
  const certificateRows =
    ids.length === 0
      ? []
      : await db
          .select({
            volunteerId: volunteerTrainings.volunteerId,
            trainingId: volunteerTrainings.trainingId,
            name: trainings.name,
            validUntil: volunteerTrainings.validUntil,
          })
          .from(volunteerTrainings)
          .innerJoin(trainings, eq(trainings.id, volunteerTrainings.trainingId))
          .where(and(inArray(volunteerTrainings.volunteerId, ids), isNotNull(volunteerTrainings.validUntil)))
          .orderBy(asc(volunteerTrainings.validUntil), asc(trainings.name));
  const certificatesOf = new Map<string, RosterCertificate[]>();
  for (const row of certificateRows) {
    const list = certificatesOf.get(row.volunteerId) ?? [];
    list.push({
      trainingId: row.trainingId,
      name: row.name,
      validUntil: row.validUntil!,
      status: certificateStatus(row.validUntil, today),
    });
    certificatesOf.set(row.volunteerId, list);
  }
  const byId = new Map(details.map((row) => [row.id, row]));
  const rows = ids.map((id) => byId.get(id)!);
  // A page of names with phone numbers is a bulk read of personal data: recorded with its filter.
  const place = listPlace(actor, query);
  await recordAccess(
    db,
    actor,
    {
      kind: 'roster',
      provinceCode: place?.provinceCode ?? null,
      regencyCode: place?.regencyCode ?? null,
      filter: listFilter(query),
      rows: rows.length,
    },
    now,
  );
  return {
    rows: rows.map(({ disabledAt, hasPassword, userId, linkOpen, ...row }) => ({
      ...row,
      certificates: certificatesOf.get(row.id) ?? [],
      userId,
      linkOpen: Boolean(linkOpen),
      account: userId ? accountState({ disabledAt, hasPassword }) : 'none',
    })),
    total: total?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    query,
  };
}

/** Today in the zone of the roster's province (the coordinator's, or the one an admin picked). */
async function scopeDay(db: Executor, actor: Actor, query: RosterQuery, now: Date): Promise<string> {
  const provinceCode =
    actor.role === 'coordinator' || actor.role === 'leader'
      ? actor.scope.provinceCode
      : (query.provinceCode ?? query.regencyCode?.slice(0, 2));
  const [province] = provinceCode
    ? await db.select({ timeZone: provinces.timeZone }).from(provinces).where(eq(provinces.code, provinceCode)).limit(1)
    : [];
  return dayIn(now, province?.timeZone ?? 'Asia/Jakarta');
}

/** A certificate (of one training, or any) standing as asked on `today`. */
function certificateCondition(db: Executor, status: CertificateStatus, trainingId: string | undefined, today: string) {
  const soon = addDays(today, EXPIRING_WITHIN_DAYS);
  const standing: Record<CertificateStatus, SQL> = {
    valid: or(isNull(volunteerTrainings.validUntil), gt(volunteerTrainings.validUntil, soon))!,
    expiring: and(gte(volunteerTrainings.validUntil, today), lte(volunteerTrainings.validUntil, soon))!,
    expired: lt(volunteerTrainings.validUntil, today),
  };
  return exists(
    db
      .select({ one: sql`1` })
      .from(volunteerTrainings)
      .where(
        and(
          eq(volunteerTrainings.volunteerId, volunteers.id),
          trainingId ? eq(volunteerTrainings.trainingId, trainingId) : undefined,
          standing[status],
        ),
      ),
  );
}
