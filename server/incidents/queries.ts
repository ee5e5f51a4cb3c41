import { and, asc, count, desc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  assignments,
  deploymentRequests,
  districts,
  events,
  incidents,
  regencies,
  volunteers,
  type DeploymentRequest,
  type Incident,
} from '../../db/schema';
import { IncidentRef, IncidentTimelineQuery, ListIncidents } from '../../lib/dispatch';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../../lib/domain';
import { canViewProvince, type Actor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { AVAILABILITY_CHANGED } from '../volunteers/set-availability';

/** Incidents, requests and timelines are for coordinators and leaders of the province (and admins). */
export function requireIncidentViewer(actor: Actor, provinceCode: string): void {
  if (actor.role === 'volunteer') {
    throw new DomainError(
      'FORBIDDEN',
      'Halaman ini untuk koordinator dan pimpinan; relawan melihat tawarannya di /tugas.',
    );
  }
  if (!canViewProvince(actor, provinceCode)) throw new DomainError('FORBIDDEN', 'Ini di luar wilayah tugas Anda.');
}

/** The incident with that id, or NOT_FOUND. */
export async function findIncident(db: Executor, incidentId: string): Promise<Incident> {
  const [incident] = await db.select().from(incidents).where(eq(incidents.id, incidentId)).limit(1);
  if (!incident) throw new DomainError('NOT_FOUND', 'Kejadian tidak ditemukan.');
  return incident;
}

export interface IncidentListItem extends Incident {
  regencyName: string;
  /** Requests still open or filled: how many, places asked and places taken. */
  requests: { running: number; slots: number; accepted: number };
}

/** A province's incidents, most severe and most recent first; closed ones only when asked. */
export async function listIncidents({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<IncidentListItem[]> {
  const { provinceCode, includeClosed } = parseInput(ListIncidents, input);
  requireIncidentViewer(ctx.actor, provinceCode);
  const running = sql`${deploymentRequests.status} in ('open', 'filled')`;
  const rows = await ctx.db
    .select({
      incident: incidents,
      regencyName: regencies.name,
      running: sql<number>`count(${deploymentRequests.id}) filter (where ${running})::int`,
      slots: sql<number>`coalesce(sum(${deploymentRequests.slots}) filter (where ${running}), 0)::int`,
      accepted: sql<number>`coalesce(sum(${deploymentRequests.acceptedCount}) filter (where ${running}), 0)::int`,
    })
    .from(incidents)
    .innerJoin(regencies, eq(regencies.code, incidents.regencyCode))
    .leftJoin(deploymentRequests, eq(deploymentRequests.incidentId, incidents.id))
    .where(and(eq(incidents.provinceCode, provinceCode), includeClosed ? undefined : ne(incidents.phase, 'closed')))
    .groupBy(incidents.id, regencies.name)
    .orderBy(desc(incidents.severity), desc(incidents.occurredAt));
  return rows.map(({ incident, regencyName, ...requests }) => ({ ...incident, regencyName, requests }));
}

export interface RequestSummary extends DeploymentRequest {
  /** Assignments of the request by status (every status present, zero when none). */
  counts: Record<AssignmentStatus, number>;
}

export interface IncidentDetail {
  incident: Incident;
  regencyName: string;
  districtName: string | null;
  requests: RequestSummary[];
}

/** One incident with its deployment requests, newest first, and how far each has come. */
export async function getIncident({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<IncidentDetail> {
  const { incidentId } = parseInput(IncidentRef, input);
  const incident = await findIncident(ctx.db, incidentId);
  requireIncidentViewer(ctx.actor, incident.provinceCode);

  const [[regency], [district], requests, counts] = await Promise.all([
    ctx.db.select({ name: regencies.name }).from(regencies).where(eq(regencies.code, incident.regencyCode)),
    incident.districtCode
      ? ctx.db.select({ name: districts.name }).from(districts).where(eq(districts.code, incident.districtCode))
      : Promise.resolve([]),
    ctx.db
      .select()
      .from(deploymentRequests)
      .where(eq(deploymentRequests.incidentId, incident.id))
      .orderBy(desc(deploymentRequests.createdAt)),
    ctx.db
      .select({ requestId: assignments.requestId, status: assignments.status, n: count() })
      .from(assignments)
      .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
      .where(eq(deploymentRequests.incidentId, incident.id))
      .groupBy(assignments.requestId, assignments.status),
  ]);
  return {
    incident,
    regencyName: regency?.name ?? incident.regencyCode,
    districtName: district?.name ?? null,
    requests: requests.map((request) => ({
      ...request,
      counts: statusCounts(counts.filter((row) => row.requestId === request.id)),
    })),
  };
}

/** Assignments by status, every status present. */
export function statusCounts(rows: { status: AssignmentStatus; n: number }[]): Record<AssignmentStatus, number> {
  const counts = Object.fromEntries(ASSIGNMENT_STATUSES.map((status) => [status, 0])) as Record<
    AssignmentStatus,
    number
  >;
  for (const row of rows) counts[row.status] += row.n;
  return counts;
}

export interface TimelineEntry {
  id: number;
  type: string;
  at: Date;
  regencyCode: string | null;
  volunteerId: string | null;
  volunteerName: string | null;
  payload: Record<string, unknown>;
}

/**
 * What happened to an incident, oldest first, read from the event log: reports, phase changes, requests
 * and every answer. Availability changes are left out (each one repeats an assignment event beside it).
 */
export async function incidentTimeline({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ entries: TimelineEntry[]; lastId: number }> {
  const { incidentId, afterId, limit } = parseInput(IncidentTimelineQuery, input);
  const incident = await findIncident(ctx.db, incidentId);
  requireIncidentViewer(ctx.actor, incident.provinceCode);
  const entries = await ctx.db
    .select({
      id: events.id,
      type: events.type,
      at: events.createdAt,
      regencyCode: events.regencyCode,
      volunteerId: events.volunteerId,
      volunteerName: volunteers.name,
      payload: events.payload,
    })
    .from(events)
    .leftJoin(volunteers, eq(volunteers.id, events.volunteerId))
    .where(and(eq(events.incidentId, incident.id), gt(events.id, afterId), ne(events.type, AVAILABILITY_CHANGED)))
    .orderBy(asc(events.id))
    .limit(limit);
  return { entries, lastId: entries.at(-1)?.id ?? afterId };
}
