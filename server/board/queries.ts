import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { assignments, deploymentRequests, events, incidents, regencies, volunteers } from '../../db/schema';
import type { RegencyAvailability } from '../../lib/availability';
import {
  BoardQuery,
  MEDIAN_WINDOW_HOURS,
  TIMELINE_HOURS,
  TIMELINE_LINES,
  type BoardFigures,
  type BoardTimelineLine,
  type CompareHours,
  type CountFigure,
  type MedianFigure,
} from '../../lib/board';
import { SLOT_TAKING_STATUSES } from '../../lib/assignment-state';
import { reliefCounts, type ReliefCounts } from './relief-counts';
import { ASSIGNMENT_EVENTS, REQUEST_EVENTS } from '../../lib/dispatch';
import type { CommandIncident, DeploymentLine } from '../../lib/command-centre';
import type { TimeZone } from '../../lib/domain';
import type { ActorContext } from '../auth/actor';
import { readLive } from '../command-centre/queries';
import { runningDeployments, type BoardRequest } from '../deployments/board';
import { DomainError, parseInput } from '../errors';
import { latestEventId } from '../events/queries';
import { requireIncidentViewer } from '../incidents/queries';
import { availabilityByRegency, findProvince } from '../regencies/queries';
import { AVAILABILITY_CHANGED } from '../volunteers/set-availability';

const HOUR_MS = 3_600_000;
// An event's time is its transaction's start, a little before it commits and takes its id.
const CLOCK_SKEW_MS = 60_000;

/**
 * A lower bound on the ids of events written after `at`: ids follow commit order, so a binary search
 * on the primary key finds it in a few lookups, and the log is then read from there on its indexes.
 */
async function firstIdAfter(db: Executor, at: Date): Promise<number> {
  const before = new Date(at.getTime() - CLOCK_SKEW_MS);
  const [last] = await db.select({ id: events.id }).from(events).orderBy(desc(events.id)).limit(1);
  let low = 0;
  let high = last?.id ?? 0;
  // Invariant: every event with an id above `high` is newer than `before`; none at or below `low` is.
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const [row] = await db
      .select({ id: events.id, createdAt: events.createdAt })
      .from(events)
      .where(gt(events.id, middle))
      .orderBy(events.id)
      .limit(1);
    if (!row || row.createdAt > before) high = middle;
    else low = row.id;
  }
  return low;
}

export interface BoardData {
  province: { code: string; name: string; timeZone: TimeZone };
  /** The moment the figures describe (ISO). */
  at: string;
  /** The event-log position read before the figures: every later change reaches the page live. */
  position: number;
  compareHours: CompareHours;
  figures: BoardFigures;
  /** Every kabupaten/kota of the province, by official code. */
  regencies: RegencyAvailability[];
  timeline: BoardTimelineLine[];
  requests: BoardRequest[];
  /** The map's running incidents and the lines from their source kabupaten, as the command centre draws them. */
  incidents: CommandIncident[];
  lines: DeploymentLine[];
  /** People on duty, relieved today and back home today. */
  relief: ReliefCounts;
}

/**
 * The leaders' board of one province: each figure now and `compareHours` earlier (counts from the rows
 * now, rebuilt for the earlier moment from the event log and row timestamps), volunteers per
 * kabupaten/kota, the timeline of the last hours and the running deployments. Read-only.
 */
export async function loadBoard({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<BoardData> {
  const { provinceCode, compareHours } = parseInput(BoardQuery, input);
  requireIncidentViewer(ctx.actor, provinceCode);
  const province = await findProvince(ctx.db, provinceCode);
  if (!province) throw new DomainError('NOT_FOUND', `Provinsi ${provinceCode} tidak dikenal.`);

  const position = await latestEventId(ctx.db);
  const now = ctx.now();
  const then = new Date(now.getTime() - compareHours * HOUR_MS);
  const db = ctx.db;
  const afterThen = await firstIdAfter(db, then);
  const afterTimelineStart = await firstIdAfter(db, new Date(now.getTime() - TIMELINE_HOURS * HOUR_MS));
  const [regencyCounts, volunteersThen, incidentCounts, unfilledNow, unfilledThen, requestToFull, acceptToArrival] =
    await Promise.all([
      availabilityByRegency(db, provinceCode),
      availabilityAt(db, provinceCode, then, afterThen),
      openIncidents(db, provinceCode, then),
      unfilledRequestsNow(db, provinceCode),
      unfilledRequestsAt(db, provinceCode, then, afterThen),
      medianRequestToFull(db, provinceCode, now, then),
      medianAcceptToArrival(db, provinceCode, now, then),
    ]);
  const [timeline, requests, live, relief] = await Promise.all([
    boardTimeline(db, provinceCode, now, afterTimelineStart),
    runningDeployments(db, provinceCode),
    readLive(db, ctx.actor, { kind: 'province', provinceCode }, now),
    reliefCounts(db, provinceCode, province.timeZone, now),
  ]);

  const total = (key: 'available' | 'deployed') => regencyCounts.reduce((sum, regency) => sum + regency[key], 0);
  return {
    province: { code: province.code, name: province.name, timeZone: province.timeZone },
    at: now.toISOString(),
    position,
    compareHours,
    figures: {
      available: { now: total('available'), then: volunteersThen.available },
      deployed: { now: total('deployed'), then: volunteersThen.deployed },
      openIncidents: incidentCounts,
      unfilledRequests: { now: unfilledNow.requests, then: unfilledThen, missingVolunteers: unfilledNow.missing },
      requestToFull,
      acceptToArrival,
    },
    regencies: regencyCounts,
    timeline,
    requests,
    incidents: live.incidents,
    lines: live.lines,
    relief,
  };
}

/**
 * Volunteers per availability at a past moment: one whose availability has not changed since then was
 * in its state now; for the others, the `from` of their first availability change after that moment
 * (looked up per volunteer through the log's volunteer index). Volunteers who joined later are left out.
 */
async function availabilityAt(
  db: Executor,
  provinceCode: string,
  at: Date,
  afterId: number,
): Promise<{ available: number; deployed: number }> {
  const since = sql`${at.toISOString()}::timestamptz`;
  const firstFrom = sql`(select ${events.payload}->>'from' from ${events}
    where ${events.volunteerId} = ${volunteers.id} and ${events.id} > ${afterId}
      and ${events.type} = ${AVAILABILITY_CHANGED} and ${events.createdAt} > ${since}
    order by ${events.id} limit 1)`;
  const state = sql<string>`case when ${volunteers.availabilityChangedAt} > ${since}
    then coalesce(${firstFrom}, ${volunteers.availability}::text) else ${volunteers.availability}::text end`;
  const perVolunteer = db
    .select({ state: state.as('state') })
    .from(volunteers)
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(
      and(
        eq(regencies.provinceCode, provinceCode),
        lte(volunteers.createdAt, at),
        // Volunteers retired since then were still counted then.
        or(isNull(volunteers.retiredAt), gt(volunteers.retiredAt, at)),
      ),
    )
    .as('per_volunteer');
  const rows = await db
    .select({ state: perVolunteer.state, n: sql<number>`count(*)::int` })
    .from(perVolunteer)
    .groupBy(perVolunteer.state);
  const count = (wanted: string) => rows.find((row) => row.state === wanted)?.n ?? 0;
  return { available: count('available'), deployed: count('deployed') };
}

/**
 * The province's incidents still open at `since` (or opened later): only their requests can have been
 * open then or filled since, so the log is read through its incident index for those alone.
 */
function incidentsOpenSince(db: Executor, provinceCode: string, since: Date) {
  return db
    .select({ id: incidents.id })
    .from(incidents)
    .where(
      and(eq(incidents.provinceCode, provinceCode), or(isNull(incidents.closedAt), gt(incidents.closedAt, since))),
    );
}

/** Incidents not closed: now by phase, then by when they were registered and closed. */
async function openIncidents(db: Executor, provinceCode: string, then: Date): Promise<CountFigure> {
  const [row] = await db
    .select({
      now: sql<number>`count(*) filter (where ${incidents.phase} <> 'closed')::int`,
      then: sql<number>`count(*) filter (where ${incidents.createdAt} <= ${then.toISOString()}::timestamptz
        and (${incidents.closedAt} is null or ${incidents.closedAt} > ${then.toISOString()}::timestamptz))::int`,
    })
    .from(incidents)
    .where(eq(incidents.provinceCode, provinceCode));
  return { now: row?.now ?? 0, then: row?.then ?? 0 };
}

async function unfilledRequestsNow(db: Executor, provinceCode: string): Promise<{ requests: number; missing: number }> {
  const [row] = await db
    .select({
      requests: sql<number>`count(*)::int`,
      missing: sql<number>`coalesce(sum(${deploymentRequests.slots} - ${deploymentRequests.acceptedCount}), 0)::int`,
    })
    .from(deploymentRequests)
    .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
    .where(and(eq(incidents.provinceCode, provinceCode), eq(deploymentRequests.status, 'open')));
  return { requests: row?.requests ?? 0, missing: row?.missing ?? 0 };
}

/** The request events that set a request's status, and the status each one leaves it in. */
const STATUS_AFTER: Record<string, string> = {
  [REQUEST_EVENTS.created]: 'open',
  [REQUEST_EVENTS.reopened]: 'open',
  [REQUEST_EVENTS.filled]: 'filled',
  [REQUEST_EVENTS.expired]: 'expired',
  [REQUEST_EVENTS.cancelled]: 'cancelled',
  [REQUEST_EVENTS.closed]: 'closed',
};

/** The status a request had just before each status event (null: either open or filled). */
const STATUS_BEFORE: Record<string, string | null> = {
  [REQUEST_EVENTS.filled]: 'open',
  [REQUEST_EVENTS.expired]: 'open',
  [REQUEST_EVENTS.reopened]: 'filled',
  [REQUEST_EVENTS.cancelled]: null,
};

/**
 * Requests open at a past moment. A request not touched since then (every status change stamps
 * `updatedAt`) still has the status it had; for the others, the first status event after then says
 * what it was before; only a cancellation leaves it open to doubt, and then the last status event up
 * to that moment decides.
 */
async function unfilledRequestsAt(db: Executor, provinceCode: string, at: Date, afterId: number): Promise<number> {
  const requests = await db
    .select({ id: deploymentRequests.id, status: deploymentRequests.status, updatedAt: deploymentRequests.updatedAt })
    .from(deploymentRequests)
    .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
    .where(
      and(
        eq(incidents.provinceCode, provinceCode),
        lte(deploymentRequests.createdAt, at),
        // Closing an incident closes its requests: those of incidents closed before then were not open.
        or(isNull(incidents.closedAt), gt(incidents.closedAt, at)),
      ),
    );
  const changed = requests.filter((request) => request.updatedAt > at);
  let open = requests.filter((request) => request.updatedAt <= at && request.status === 'open').length;
  if (changed.length === 0) return open;

  const requestId = sql<string>`${events.payload}->>'requestId'`;
  const firstAfter = await db
    .selectDistinctOn([requestId], {
      requestId,
      type: events.type,
      from: sql<string | null>`${events.payload}->>'from'`,
    })
    .from(events)
    .where(
      and(
        eq(events.provinceCode, provinceCode),
        gt(events.id, afterId),
        gt(events.createdAt, at),
        inArray(events.type, [...Object.keys(STATUS_BEFORE), REQUEST_EVENTS.closed]),
        inArray(
          requestId,
          changed.map((request) => request.id),
        ),
      ),
    )
    .orderBy(requestId, asc(events.id));
  const firstOf = new Map(firstAfter.map((event) => [event.requestId, event]));
  const doubtful: string[] = [];
  for (const request of changed) {
    const first = firstOf.get(request.id);
    const before = !first
      ? request.status
      : first.type === REQUEST_EVENTS.closed
        ? first.from
        : STATUS_BEFORE[first.type];
    if (before === null || before === undefined) doubtful.push(request.id);
    else if (before === 'open') open += 1;
  }
  if (doubtful.length === 0) return open;
  const lastBefore = await db
    .selectDistinctOn([requestId], { type: events.type })
    .from(events)
    .where(
      and(
        eq(events.provinceCode, provinceCode),
        inArray(events.incidentId, incidentsOpenSince(db, provinceCode, at)),
        inArray(requestId, doubtful),
        inArray(events.type, Object.keys(STATUS_AFTER)),
        lte(events.createdAt, at),
      ),
    )
    .orderBy(requestId, desc(events.id));
  return open + lastBefore.filter((event) => STATUS_AFTER[event.type] === 'open').length;
}

const windowStart = (end: Date) => new Date(end.getTime() - MEDIAN_WINDOW_HOURS * HOUR_MS);

/** Median seconds over the cases that finished in the window before `now`, and before `then`. */
function medianColumns(finishedAt: unknown, seconds: unknown, now: Date, then: Date) {
  const inWindow = (end: Date) =>
    sql`${finishedAt} > ${windowStart(end).toISOString()}::timestamptz and ${finishedAt} <= ${end.toISOString()}::timestamptz`;
  return {
    now: sql<number | null>`percentile_cont(0.5) within group (order by ${seconds}) filter (where ${inWindow(now)})`,
    nowCases: sql<number>`count(*) filter (where ${inWindow(now)})::int`,
    then: sql<number | null>`percentile_cont(0.5) within group (order by ${seconds}) filter (where ${inWindow(then)})`,
    thenCases: sql<number>`count(*) filter (where ${inWindow(then)})::int`,
  };
}

function medianFigure(row: MedianFigure | undefined): MedianFigure {
  const seconds = (value: number | null | undefined) => (value === null || value === undefined ? null : Number(value));
  return {
    now: row?.nowCases ? seconds(row.now) : null,
    nowCases: row?.nowCases ?? 0,
    then: row?.thenCases ? seconds(row.then) : null,
    thenCases: row?.thenCases ?? 0,
  };
}

/**
 * Request created → full: a full request's last place was taken when the latest of its current slot
 * holders accepted (taking that place also stamped the request's `updatedAt`, which narrows the search).
 */
async function medianRequestToFull(db: Executor, provinceCode: string, now: Date, then: Date): Promise<MedianFigure> {
  const fills = db
    .select({
      createdAt: deploymentRequests.createdAt,
      filledAt: sql<Date>`max(${assignments.respondedAt})`.as('filled_at'),
    })
    .from(deploymentRequests)
    .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
    .innerJoin(
      assignments,
      and(eq(assignments.requestId, deploymentRequests.id), inArray(assignments.status, [...SLOT_TAKING_STATUSES])),
    )
    .where(
      and(
        eq(incidents.provinceCode, provinceCode),
        eq(deploymentRequests.acceptedCount, deploymentRequests.slots),
        gt(deploymentRequests.updatedAt, windowStart(then)),
      ),
    )
    .groupBy(deploymentRequests.id)
    .as('fills');
  const seconds = sql`extract(epoch from ${fills.filledAt} - ${fills.createdAt})::float8`;
  const [row] = await db.select(medianColumns(fills.filledAt, seconds, now, then)).from(fills);
  return medianFigure(row);
}

/** Accept → arrival, from the assignments' own timestamps. */
async function medianAcceptToArrival(db: Executor, provinceCode: string, now: Date, then: Date): Promise<MedianFigure> {
  const seconds = sql`extract(epoch from ${assignments.arrivedAt} - ${assignments.respondedAt})::float8`;
  const [row] = await db
    .select(medianColumns(assignments.arrivedAt, seconds, now, then))
    .from(assignments)
    .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
    .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
    .where(
      and(
        eq(incidents.provinceCode, provinceCode),
        isNotNull(assignments.arrivedAt),
        isNotNull(assignments.respondedAt),
        gt(assignments.arrivedAt, windowStart(then)),
      ),
    );
  return medianFigure(row);
}

/** Answers that come in bursts (an expiry sweep, a cancelled request): one line per burst. */
const BURSTS = new Set<string>([ASSIGNMENT_EVENTS.expired, ASSIGNMENT_EVENTS.cancelled, ASSIGNMENT_EVENTS.declined]);
/** Availability repeats the assignment event beside it; offers are counted on the request's own line. */
const UNSHOWN = [AVAILABILITY_CHANGED, ASSIGNMENT_EVENTS.offered];
// Enough raw events that bursts folded together still leave a full timeline.
const TIMELINE_SCAN = 400;

/** What happened in the province in the last hours, newest first, from the event log. */
async function boardTimeline(
  db: Executor,
  provinceCode: string,
  now: Date,
  afterId: number,
): Promise<BoardTimelineLine[]> {
  const rows = await db
    .select({
      id: events.id,
      type: events.type,
      at: events.createdAt,
      payload: events.payload,
      incidentId: events.incidentId,
      incidentTitle: incidents.title,
      volunteerName: volunteers.name,
    })
    .from(events)
    .leftJoin(incidents, eq(incidents.id, events.incidentId))
    .leftJoin(volunteers, eq(volunteers.id, events.volunteerId))
    .where(
      and(
        eq(events.provinceCode, provinceCode),
        gt(events.id, afterId),
        gt(events.createdAt, new Date(now.getTime() - TIMELINE_HOURS * HOUR_MS)),
        notInArray(events.type, UNSHOWN),
      ),
    )
    .orderBy(desc(events.id))
    .limit(TIMELINE_SCAN);
  const lines: BoardTimelineLine[] = [];
  for (const row of rows) {
    const previous = lines.at(-1);
    if (
      previous &&
      BURSTS.has(row.type) &&
      previous.type === row.type &&
      previous.payload.requestId === row.payload.requestId
    ) {
      previous.count += 1;
      continue;
    }
    if (lines.length === TIMELINE_LINES) break;
    lines.push({ ...row, at: row.at.toISOString(), count: 1 });
  }
  return lines;
}
