import { and, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { accessRecords, regencies, users, volunteers } from '../../db/schema';
import { ACCESS_PAGE_SIZE, AccessRecordsQuery, maskPhone, type AccessKind } from '../../lib/privacy';
import type { Actor } from '../../lib/roles';
import { scopeCovers, type Place } from '../auth/actor';
import { DomainError, parseInput } from '../errors';

/** The same reader opening the same record (or list) again within this time is one access, not many. */
const SAME_ACCESS_MS = 10 * 60_000;

export interface AccessEntry {
  kind: AccessKind;
  volunteerId?: string | null;
  provinceCode?: string | null;
  regencyCode?: string | null;
  filter?: Record<string, unknown>;
  rows?: number | null;
}

/**
 * Records a read of personal data (UU PDP): who, whose record or which filter, when. A live page that
 * reads the same thing again within minutes is not written twice.
 */
export async function recordAccess(db: Executor, actor: Actor, entry: AccessEntry, now: Date): Promise<void> {
  if (actor.role === 'volunteer') return;
  const filter = entry.filter ?? {};
  const [recent] = await db
    .select({ id: accessRecords.id })
    .from(accessRecords)
    .where(
      and(
        eq(accessRecords.actorId, actor.userId),
        eq(accessRecords.kind, entry.kind),
        entry.volunteerId ? eq(accessRecords.volunteerId, entry.volunteerId) : isNull(accessRecords.volunteerId),
        sql`${accessRecords.filter} = ${JSON.stringify(filter)}::jsonb`,
        gte(accessRecords.createdAt, new Date(now.getTime() - SAME_ACCESS_MS)),
      ),
    )
    .limit(1);
  if (recent && entry.kind !== 'export') return;
  await db.insert(accessRecords).values({
    actorId: actor.userId,
    kind: entry.kind,
    volunteerId: entry.volunteerId ?? null,
    provinceCode: entry.provinceCode ?? null,
    regencyCode: entry.regencyCode ?? null,
    filter,
    rows: entry.rows ?? null,
    createdAt: now,
  });
}

/** The filter a list was asked with, without its paging: what the access record keeps. */
export function listFilter(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(query).filter(
      ([key, value]) => value !== undefined && !['page', 'pageSize', 'sort', 'dir'].includes(key),
    ),
  );
}

/** The province (and kabupaten) a list read falls in: the actor's scope, else what the filter asked. */
export function listPlace(actor: Actor, query: { provinceCode?: string; regencyCode?: string }): Place | null {
  if (actor.role === 'coordinator' || actor.role === 'leader') {
    return { provinceCode: actor.scope.provinceCode, regencyCode: query.regencyCode ?? actor.scope.regencyCode };
  }
  const provinceCode = query.provinceCode ?? query.regencyCode?.slice(0, 2);
  return provinceCode ? { provinceCode, regencyCode: query.regencyCode ?? null } : null;
}

/**
 * A volunteer's phone as this reader may see it: whole for admins, for coordinators whose scope holds the
 * volunteer's home or the incident (`alsoIn`), and for the volunteer's own ketua regu; masked for leaders
 * and for coordinators elsewhere.
 */
export function visiblePhone(actor: Actor, phone: string, home: Place, alsoIn?: Place): string {
  if (actor.role === 'admin' || actor.role === 'volunteer') return phone;
  if (actor.role === 'coordinator' && (scopeCovers(actor, home) || (alsoIn && scopeCovers(actor, alsoIn)))) {
    return phone;
  }
  return maskPhone(phone);
}

/** A volunteer's home as a place: its kabupaten and the province the code begins with. */
export const homeOf = (regencyCode: string): Place => ({ provinceCode: regencyCode.slice(0, 2), regencyCode });

export interface AccessRecordEntry {
  id: number;
  kind: AccessKind;
  at: Date;
  actor: { id: string; name: string | null };
  volunteer: { id: string; name: string } | null;
  provinceCode: string | null;
  regencyCode: string | null;
  filter: Record<string, unknown>;
  rows: number | null;
}

/**
 * Admins read every access record; a coordinator those about volunteers whose home its scope holds, and
 * the lists and exports made inside its scope. Leaders and volunteers none.
 */
function accessScope(actor: Actor): SQL | undefined {
  if (actor.role === 'admin') return undefined;
  if (actor.role !== 'coordinator') {
    throw new DomainError('FORBIDDEN', 'Hanya koordinator dan admin yang dapat melihat catatan akses data pribadi.');
  }
  const { provinceCode, regencyCode } = actor.scope;
  const homes = regencyCode
    ? eq(volunteers.regencyCode, regencyCode)
    : inArray(
        volunteers.regencyCode,
        sql`(select ${regencies.code} from ${regencies} where ${regencies.provinceCode} = ${provinceCode})`,
      );
  const lists = regencyCode
    ? and(isNull(accessRecords.volunteerId), eq(accessRecords.regencyCode, regencyCode))
    : and(isNull(accessRecords.volunteerId), eq(accessRecords.provinceCode, provinceCode));
  return or(homes, lists);
}

/** Who looked at whom, newest first, a page at a time (keyset by id), inside the reader's scope. */
export async function accessRecordPage(
  db: Executor,
  actor: Actor,
  input: unknown,
): Promise<{ entries: AccessRecordEntry[]; nextBefore: number | null }> {
  const scope = accessScope(actor);
  const query = parseInput(AccessRecordsQuery, input);
  const filters: (SQL | undefined)[] = [scope];
  if (query.volunteerId) filters.push(eq(accessRecords.volunteerId, query.volunteerId));
  if (query.provinceCode) filters.push(eq(accessRecords.provinceCode, query.provinceCode));
  if (query.before) filters.push(lt(accessRecords.id, query.before));
  const rows = await db
    .select({
      record: accessRecords,
      actorName: users.displayName,
      volunteerName: volunteers.name,
    })
    .from(accessRecords)
    .leftJoin(users, eq(users.id, accessRecords.actorId))
    .leftJoin(volunteers, eq(volunteers.id, accessRecords.volunteerId))
    .where(and(...filters))
    .orderBy(desc(accessRecords.id))
    .limit(ACCESS_PAGE_SIZE + 1);
  const page = rows.slice(0, ACCESS_PAGE_SIZE);
  return {
    entries: page.map(({ record, actorName, volunteerName }) => ({
      id: record.id,
      kind: record.kind as AccessKind,
      at: record.createdAt,
      actor: { id: record.actorId, name: actorName },
      volunteer: record.volunteerId ? { id: record.volunteerId, name: volunteerName ?? '' } : null,
      provinceCode: record.provinceCode,
      regencyCode: record.regencyCode,
      filter: record.filter,
      rows: record.rows,
    })),
    nextBefore: rows.length > ACCESS_PAGE_SIZE ? page.at(-1)!.record.id : null,
  };
}
