import { dayIn } from '../../lib/trainings';
import { provinceTimeZone } from '../trainings/access';
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  assignments,
  deploymentRequests,
  events,
  incidents,
  provinces,
  regencies,
  trainings,
  volunteers,
} from '../../db/schema';
import { ACTIVE_ASSIGNMENT_STATUSES } from '../../lib/assignment-state';
import {
  CommandCentreScope,
  FilteredAvailabilityQuery,
  NATIONAL,
  type ActivityEntry,
  type CommandCentreLive,
  type CommandIncident,
  type CommandRequest,
  type DeploymentLine,
  type FilteredAvailability,
  type LongOnSite,
} from '../../lib/command-centre';
import { LONG_ON_SITE_MS } from '../../lib/relief';
import { ASSIGNMENT_EVENTS } from '../../lib/dispatch';
import { canViewProvince, type Actor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { latestEventId } from '../events/queries';
import { availabilityByRegency } from '../regencies/queries';
import { computeFigures } from '../assessments/figures';

/** One province, or (admins only) every province. */
export type CommandCentreTarget = { kind: 'province'; provinceCode: string } | { kind: 'national' };

/** Where the actor's view narrows to one kabupaten/kota (a kabupaten coordinator or leader). */
export const emphasisOf = (actor: Actor): string | null =>
  actor.role === 'coordinator' || actor.role === 'leader' ? actor.scope.regencyCode : null;

/** The command centre is for staff: admins see every province and the country, others their own province. */
export function commandCentreTarget(actor: Actor, wilayah: string): CommandCentreTarget {
  if (actor.role === 'volunteer') {
    throw new DomainError(
      'FORBIDDEN',
      'Pusat komando untuk koordinator dan pimpinan; relawan melihat tugasnya di /tugas.',
    );
  }
  if (wilayah === NATIONAL) {
    if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Tampilan nasional hanya untuk admin.');
    return { kind: 'national' };
  }
  if (!canViewProvince(actor, wilayah)) throw new DomainError('FORBIDDEN', 'Provinsi ini di luar wilayah tugas Anda.');
  return { kind: 'province', provinceCode: wilayah };
}

/** Provinces the actor may open in the command centre, in code order. */
export async function viewableProvinces(db: Executor, actor: Actor): Promise<{ code: string; name: string }[]> {
  const rows = await db
    .select({ code: provinces.code, name: provinces.name })
    .from(provinces)
    .orderBy(asc(provinces.code));
  return rows.filter((province) => canViewProvince(actor, province.code));
}

/** National trainings and, for a province, its own; newest first. */
export async function trainingChoices(db: Executor, target: CommandCentreTarget) {
  return db
    .select({
      id: trainings.id,
      name: trainings.name,
      startsOn: trainings.startsOn,
      provinceCode: trainings.provinceCode,
    })
    .from(trainings)
    .where(
      target.kind === 'province'
        ? or(isNull(trainings.provinceCode), eq(trainings.provinceCode, target.provinceCode))
        : undefined,
    )
    .orderBy(desc(trainings.startsOn), asc(trainings.name))
    .limit(300);
}

/** Volunteer counts per kabupaten/kota counting only those the filter keeps, straight from the database. */
export async function filteredAvailability({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<FilteredAvailability> {
  const { wilayah, pillarCode, trainingId } = parseInput(FilteredAvailabilityQuery, input);
  const target = commandCentreTarget(ctx.actor, wilayah);
  const position = await latestEventId(ctx.db);
  const regencyRows = await availabilityByRegency(
    ctx.db,
    target.kind === 'province' ? target.provinceCode : null,
    undefined,
    // A training counts as it would for a request sent now: with a certificate valid today.
    {
      pillarCode,
      trainingId,
      validOn: dayIn(
        ctx.now(),
        target.kind === 'province' ? await provinceTimeZone(ctx.db, target.provinceCode) : 'Asia/Jakarta',
      ),
    },
  );
  return { position, regencies: regencyRows };
}

/** Requests still asking for people, or past their deadline without enough, are what a coordinator follows. */
const RUNNING = sql`${deploymentRequests.status} in ('open', 'filled')`;
/** Past the deadline and not full: open ones the sweep has not reached yet, and those it marked expired. */
const overdueAt = (now: Date) =>
  sql`(${deploymentRequests.status} in ('open', 'expired') and ${deploymentRequests.deadline} <= ${now.toISOString()}::timestamptz and ${deploymentRequests.acceptedCount} < ${deploymentRequests.slots})`;
/** Expired requests stay on the list this long after their deadline. */
const OVERDUE_WINDOW_MS = 7 * 24 * 3_600_000;

/**
 * The incidents a view covers: not closed, in the province (or anywhere, nationally); for a kabupaten's
 * staff those in their kabupaten or drawing volunteers from it.
 */
function incidentScope(actor: Actor, target: CommandCentreTarget): SQL | undefined {
  const emphasis = emphasisOf(actor);
  return and(
    ne(incidents.phase, 'closed'),
    target.kind === 'province' ? eq(incidents.provinceCode, target.provinceCode) : undefined,
    emphasis
      ? or(
          eq(incidents.regencyCode, emphasis),
          sql`exists (select 1 from ${deploymentRequests} where ${deploymentRequests.incidentId} = ${incidents.id}
            and ${RUNNING} and ${deploymentRequests.sourceRegencyCodes} @> array[${emphasis}]::varchar[])`,
        )
      : undefined,
  );
}

/** The event log in the actor's scope: the same rule as the live fan-out (server/realtime/scope.ts). */
function activityScope(actor: Actor, target: CommandCentreTarget): SQL | undefined {
  const emphasis = emphasisOf(actor);
  if (emphasis) {
    return or(
      eq(events.regencyCode, emphasis),
      sql`${events.incidentId} in (select ${incidents.id} from ${incidents} where ${incidents.regencyCode} = ${emphasis})`,
    );
  }
  return target.kind === 'province' ? eq(events.provinceCode, target.provinceCode) : undefined;
}

const ACTIVITY_LIMIT = 40;
const REQUEST_LIMIT = 200;

/** Incidents, requests with their fill and what is overdue, deployment lines and the newest activity, at one position. */
export async function commandCentreLive({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<CommandCentreLive> {
  const { wilayah } = parseInput(CommandCentreScope, input);
  const target = commandCentreTarget(ctx.actor, wilayah);
  return readLive(ctx.db, ctx.actor, target, ctx.now());
}

export async function readLive(
  db: Executor,
  actor: Actor,
  target: CommandCentreTarget,
  now: Date,
): Promise<CommandCentreLive> {
  // The position first: anything committed after it arrives live and is read again.
  const position = await latestEventId(db);
  const scope = incidentScope(actor, target);
  const overdue = overdueAt(now);
  const [incidentRows, requestRows, activity] = await Promise.all([
    db
      .select({
        incident: {
          id: incidents.id,
          type: incidents.type,
          title: incidents.title,
          severity: incidents.severity,
          phase: incidents.phase,
          provinceCode: incidents.provinceCode,
          regencyCode: incidents.regencyCode,
          lat: incidents.lat,
          lng: incidents.lng,
          occurredAt: incidents.occurredAt,
        },
        regencyName: regencies.name,
        regencyLat: regencies.lat,
        regencyLng: regencies.lng,
        slots: sql<number>`coalesce(sum(${deploymentRequests.slots}) filter (where ${RUNNING}), 0)::int`,
        accepted: sql<number>`coalesce(sum(${deploymentRequests.acceptedCount}) filter (where ${RUNNING}), 0)::int`,
        overdue: sql<number>`count(${deploymentRequests.id}) filter (where ${overdue})::int`,
      })
      .from(incidents)
      .innerJoin(regencies, eq(regencies.code, incidents.regencyCode))
      .leftJoin(deploymentRequests, eq(deploymentRequests.incidentId, incidents.id))
      .where(scope)
      .groupBy(incidents.id, regencies.name, regencies.lat, regencies.lng)
      .orderBy(desc(incidents.severity), desc(incidents.occurredAt)),
    db
      .select({
        request: {
          id: deploymentRequests.id,
          incidentId: deploymentRequests.incidentId,
          status: deploymentRequests.status,
          slots: deploymentRequests.slots,
          acceptedCount: deploymentRequests.acceptedCount,
          deadline: deploymentRequests.deadline,
          pillarCodes: deploymentRequests.pillarCodes,
          sourceRegencyCodes: deploymentRequests.sourceRegencyCodes,
        },
        incidentTitle: incidents.title,
        incidentType: incidents.type,
        provinceCode: incidents.provinceCode,
        regencyName: regencies.name,
        overdue: sql<boolean>`${overdue}`,
      })
      .from(deploymentRequests)
      .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
      .innerJoin(regencies, eq(regencies.code, incidents.regencyCode))
      .where(
        and(
          scope,
          or(RUNNING, and(overdue, gt(deploymentRequests.deadline, new Date(now.getTime() - OVERDUE_WINDOW_MS)))),
        ),
      )
      .orderBy(desc(overdue), asc(deploymentRequests.deadline))
      .limit(REQUEST_LIMIT),
    recentActivity(db, actor, target),
  ]);

  const incidentList: CommandIncident[] = incidentRows.map(
    ({ incident, regencyName, regencyLat, regencyLng, ...requests }) => ({
      ...incident,
      regencyName,
      lat: incident.lat ?? regencyLat,
      lng: incident.lng ?? regencyLng,
      occurredAt: incident.occurredAt.toISOString(),
      ...requests,
      figures: null,
    }),
  );
  const requests: CommandRequest[] = requestRows.map(({ request, overdue: late, ...rest }) => ({
    ...request,
    ...rest,
    deadline: request.deadline.toISOString(),
    overdue: Boolean(late),
  }));
  const [lines, figures, longOnSite] = await Promise.all([
    deploymentLines(db, requests, incidentList),
    Promise.all(incidentList.map((incident) => computeFigures(db, incident.id))),
    longOnSiteIn(db, scope, now),
  ]);
  figures.forEach(({ totals, unverified, byDistrict }, i) => {
    incidentList[i]!.figures = byDistrict.length > 0 ? { totals, unverified } : null;
  });
  return { position, incidents: incidentList, requests, lines, activity, longOnSite };
}

/** From each source kabupaten of every running request to its incident, with how many from there took a place. */
async function deploymentLines(
  db: Executor,
  requests: CommandRequest[],
  incidentList: CommandIncident[],
): Promise<DeploymentLine[]> {
  const running = requests.filter((request) => request.status === 'open' || request.status === 'filled');
  if (running.length === 0) return [];
  const sourceCodes = [...new Set(running.flatMap((request) => request.sourceRegencyCodes))];
  const [points, active] = await Promise.all([
    db
      .select({ code: regencies.code, lat: regencies.lat, lng: regencies.lng })
      .from(regencies)
      .where(inArray(regencies.code, sourceCodes)),
    db
      .select({ requestId: assignments.requestId, regencyCode: volunteers.regencyCode, n: count() })
      .from(assignments)
      .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
      .where(
        and(
          inArray(
            assignments.requestId,
            running.map((request) => request.id),
          ),
          inArray(assignments.status, [...ACTIVE_ASSIGNMENT_STATUSES]),
        ),
      )
      .groupBy(assignments.requestId, volunteers.regencyCode),
  ]);
  const pointOf = new Map(points.map((point) => [point.code, point]));
  const incidentOf = new Map(incidentList.map((incident) => [incident.id, incident]));
  const activeOf = new Map(active.map((row) => [`${row.requestId} ${row.regencyCode}`, row.n]));
  const lines: DeploymentLine[] = [];
  for (const request of running) {
    const incident = incidentOf.get(request.incidentId);
    if (incident?.lat == null || incident.lng == null) continue;
    for (const code of request.sourceRegencyCodes) {
      const from = pointOf.get(code);
      if (from?.lat == null || from.lng == null) continue;
      lines.push({
        requestId: request.id,
        incidentId: request.incidentId,
        sourceRegencyCode: code,
        from: { lat: from.lat, lng: from.lng },
        to: { lat: incident.lat, lng: incident.lng },
        active: activeOf.get(`${request.id} ${code}`) ?? 0,
      });
    }
  }
  return lines;
}

/** The newest events of the view, newest first, with the names they refer to; single offers are left out (the request's line counts them). */
async function recentActivity(db: Executor, actor: Actor, target: CommandCentreTarget): Promise<ActivityEntry[]> {
  const rows = await db
    .select({
      id: events.id,
      type: events.type,
      at: events.createdAt,
      provinceCode: events.provinceCode,
      regencyName: regencies.name,
      volunteerName: volunteers.name,
      incidentTitle: incidents.title,
      payload: events.payload,
    })
    .from(events)
    .leftJoin(regencies, eq(regencies.code, events.regencyCode))
    .leftJoin(volunteers, eq(volunteers.id, events.volunteerId))
    .leftJoin(incidents, eq(incidents.id, events.incidentId))
    .where(and(activityScope(actor, target), ne(events.type, ASSIGNMENT_EVENTS.offered)))
    .orderBy(desc(events.id))
    .limit(ACTIVITY_LIMIT);
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}

const LONG_ON_SITE_LIMIT = 100;

/** Who has been on site longer than LONG_ON_SITE_MS, longest first (shown in amber). */
async function longOnSiteIn(db: Executor, scope: SQL | undefined, now: Date): Promise<LongOnSite[]> {
  const rows = await db
    .select({
      assignmentId: assignments.id,
      name: volunteers.name,
      incidentId: incidents.id,
      incidentTitle: incidents.title,
      arrivedAt: assignments.arrivedAt,
    })
    .from(assignments)
    .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
    .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
    .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
    .where(
      and(
        scope,
        eq(assignments.status, 'on_site'),
        lt(assignments.arrivedAt, new Date(now.getTime() - LONG_ON_SITE_MS)),
      ),
    )
    .orderBy(asc(assignments.arrivedAt))
    .limit(LONG_ON_SITE_LIMIT);
  return rows.map((row) => ({ ...row, arrivedAt: row.arrivedAt!.toISOString() }));
}
