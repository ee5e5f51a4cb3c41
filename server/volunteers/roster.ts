import { and, asc, count, eq, ilike, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client';
import { pillars, regencies, users, volunteers } from '../../db/schema';
import { REGENCY_CODE, type Availability } from '../../lib/domain';
import type { Actor } from '../../lib/roles';
import { accountState, openLinkExists, type AccountState } from '../accounts/queries';
import { DomainError, parseInput } from '../errors';

export const RosterQuery = z.object({
  regencyCode: z.string().regex(REGENCY_CODE, 'Kode kabupaten/kota seperti 62.03.').optional(),
  search: z.string().trim().max(80, 'Kata pencarian terlalu panjang.').optional(),
  page: z.coerce.number().int().min(1, 'Halaman mulai dari 1.').default(1),
  pageSize: z.coerce.number().int().min(1).max(200, 'Paling banyak 200 baris per halaman.').default(50),
});
export type RosterQuery = z.infer<typeof RosterQuery>;

export interface RosterRow {
  id: string;
  name: string;
  phone: string;
  pillar: string;
  regencyCode: string;
  regencyName: string;
  availability: Availability;
  account: AccountState | 'none';
  linkOpen: boolean;
  userId: string | null;
}

/** Volunteers of the coordinator's scope with their account state, a page at a time. */
export async function rosterPage(
  db: Executor,
  actor: Actor,
  input: unknown,
  now: Date,
): Promise<{ rows: RosterRow[]; total: number; page: number; pageSize: number }> {
  if (actor.role !== 'admin' && actor.role !== 'coordinator') {
    throw new DomainError('FORBIDDEN', 'Hanya koordinator yang dapat melihat daftar relawan.');
  }
  const query = parseInput(RosterQuery, input);
  const filters: SQL[] = [];
  if (actor.role === 'coordinator') {
    filters.push(eq(regencies.provinceCode, actor.scope.provinceCode));
    if (actor.scope.regencyCode) filters.push(eq(volunteers.regencyCode, actor.scope.regencyCode));
  }
  if (query.regencyCode) filters.push(eq(volunteers.regencyCode, query.regencyCode));
  if (query.search) filters.push(ilike(volunteers.name, `%${query.search.replace(/[\\%_]/g, '\\$&')}%`));
  const where = and(...filters);

  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: volunteers.id,
        name: volunteers.name,
        phone: volunteers.phone,
        pillar: pillars.name,
        regencyCode: volunteers.regencyCode,
        regencyName: regencies.name,
        availability: volunteers.availability,
        userId: users.id,
        disabledAt: users.disabledAt,
        hasPassword: sql<boolean>`${users.passwordHash} is not null`,
        linkOpen: openLinkExists(users.id, now),
      })
      .from(volunteers)
      .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
      .innerJoin(pillars, eq(pillars.code, volunteers.pillarCode))
      .leftJoin(users, eq(users.volunteerId, volunteers.id))
      .where(where)
      .orderBy(asc(volunteers.name), asc(volunteers.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ total: count() })
      .from(volunteers)
      .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
      .where(where),
  ]);
  return {
    rows: rows.map(({ disabledAt, hasPassword, userId, linkOpen, ...row }) => ({
      ...row,
      userId,
      linkOpen: Boolean(linkOpen),
      account: userId ? accountState({ disabledAt, hasPassword }) : 'none',
    })),
    total: total?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
