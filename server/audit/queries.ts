import { and, desc, eq, gte, inArray, isNull, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { events, incidents, provinces, users, volunteers } from '../../db/schema';
import { AUDIT_KINDS, AUDIT_PAGE_SIZE, AuditQuery } from '../../lib/audit';
import type { TimeZone } from '../../lib/domain';
import type { Actor } from '../../lib/roles';
import { DomainError, parseInput } from '../errors';

const ZONE_OFFSET: Record<TimeZone, string> = {
  'Asia/Jakarta': '+07:00',
  'Asia/Makassar': '+08:00',
  'Asia/Jayapura': '+09:00',
};

export interface AuditEntry {
  id: number;
  type: string;
  at: Date;
  provinceCode: string;
  timeZone: TimeZone;
  /** Null for timed work and the demo: shown as "sistem". */
  actor: { id: string; name: string } | null;
  volunteer: { id: string; name: string } | null;
  incident: { id: string; title: string } | null;
  payload: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** The `before` of the next (older) page; null on the last page. */
  nextBefore: number | null;
  query: AuditQuery;
}

/** Coordinators read their scope's log, admins every province's; leaders and volunteers do not. */
function requireAuditor(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'coordinator') {
    throw new DomainError('FORBIDDEN', 'Hanya koordinator dan admin yang dapat melihat riwayat perubahan.');
  }
}

/** A kabupaten coordinator: its kabupaten's events and those of incidents in it; a province's: the province. */
function auditScope(actor: Actor): SQL | undefined {
  if (actor.role !== 'coordinator') return undefined;
  if (!actor.scope.regencyCode) return eq(events.provinceCode, actor.scope.provinceCode);
  return or(
    eq(events.regencyCode, actor.scope.regencyCode),
    sql`${events.incidentId} in (select ${incidents.id} from ${incidents} where ${incidents.regencyCode} = ${actor.scope.regencyCode})`,
  );
}

/** Who changed what and when, newest first, a page at a time by event id (keyset), inside the scope. */
export async function auditPage(db: Executor, actor: Actor, input: unknown, timeZone: TimeZone): Promise<AuditPage> {
  requireAuditor(actor);
  const query = parseInput(AuditQuery, input);
  const offset = ZONE_OFFSET[timeZone];
  const filters: (SQL | undefined)[] = [auditScope(actor)];
  if (query.provinceCode) filters.push(eq(events.provinceCode, query.provinceCode));
  if (query.actorId) filters.push(eq(events.actorId, query.actorId));
  if (query.volunteerId) filters.push(eq(events.volunteerId, query.volunteerId));
  if (query.incidentId) filters.push(eq(events.incidentId, query.incidentId));
  if (query.kind) filters.push(or(...AUDIT_KINDS[query.kind].map((prefix) => like(events.type, `${prefix}%`))));
  if (query.from) filters.push(gte(events.createdAt, new Date(`${query.from}T00:00:00${offset}`)));
  if (query.to) {
    const end = new Date(`${query.to}T00:00:00${offset}`);
    filters.push(lt(events.createdAt, new Date(end.getTime() + 86_400_000)));
  }
  if (query.before) filters.push(lt(events.id, query.before));
  const rows = await db
    .select({
      id: events.id,
      type: events.type,
      at: events.createdAt,
      provinceCode: events.provinceCode,
      timeZone: provinces.timeZone,
      actorId: events.actorId,
      actorName: users.displayName,
      volunteerId: events.volunteerId,
      volunteerName: volunteers.name,
      incidentId: events.incidentId,
      incidentTitle: incidents.title,
      payload: events.payload,
    })
    .from(events)
    .innerJoin(provinces, eq(provinces.code, events.provinceCode))
    .leftJoin(users, eq(users.id, events.actorId))
    .leftJoin(volunteers, eq(volunteers.id, events.volunteerId))
    .leftJoin(incidents, eq(incidents.id, events.incidentId))
    .where(and(...filters))
    .orderBy(desc(events.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    entries: page.map((row) => ({
      id: row.id,
      type: row.type,
      at: row.at,
      provinceCode: row.provinceCode,
      timeZone: row.timeZone,
      actor: row.actorId ? { id: row.actorId, name: row.actorName ?? 'akun terhapus' } : null,
      volunteer: row.volunteerId ? { id: row.volunteerId, name: row.volunteerName ?? '' } : null,
      incident: row.incidentId ? { id: row.incidentId, title: row.incidentTitle ?? '' } : null,
      payload: row.payload,
    })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? page.at(-1)!.id : null,
    query,
  };
}

/** The accounts the person filter offers: staff of the viewer's scope and the admins. */
export async function auditActors(db: Executor, actor: Actor): Promise<{ id: string; name: string }[]> {
  requireAuditor(actor);
  const staff = inArray(users.role, ['admin', 'coordinator']);
  const scope =
    actor.role === 'coordinator'
      ? or(eq(users.role, 'admin'), eq(users.provinceCode, actor.scope.provinceCode))
      : undefined;
  return db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(staff, scope, isNull(users.volunteerId)))
    .orderBy(users.displayName)
    .limit(500);
}
