import { and, asc, count, desc, eq, gt, inArray, or } from 'drizzle-orm';
import {
  assignments,
  deploymentRequests,
  incidents,
  regencies,
  volunteers,
  type DeploymentRequest,
  type Incident,
} from '../../db/schema';
import { ACTIVE_ASSIGNMENT_STATUSES, nextAssignmentStatuses, takesSlot } from '../../lib/assignment-state';
import { MatchVolunteers, RequestRef, VolunteerAssignmentsQuery, type AssignmentAnswer } from '../../lib/dispatch';
import type { AssignmentStatus, Availability } from '../../lib/domain';
import { distanceKm, pointOf, type Point } from '../../lib/geo';
import { requireCoordinatorFor, requireSelfOrCoordinator, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { requireIncidentViewer, statusCounts } from '../incidents/queries';
import { answerOf } from './access';
import { checkCriteria, deadlineDay, matchesCriteria } from './matching';

export interface RegencyMatch {
  code: string;
  name: string;
  shortName: string;
  /** Siaga volunteers who would get an offer, in total and per pillar code. */
  available: number;
  byPillar: Record<string, number>;
  /** From the incident (its point, or its kabupaten's point); null when either point is unknown. */
  distanceKm: number | null;
}

/**
 * For a draft request: per kabupaten/kota of the incident's province, how many "Siaga" volunteers fit
 * (pillars, skill, training). Those that have any come first, nearest first; then the others.
 */
export async function matchVolunteers({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ origin: Point | null; regencies: RegencyMatch[] }> {
  const criteria = parseInput(MatchVolunteers, input);
  const [incident] = await ctx.db.select().from(incidents).where(eq(incidents.id, criteria.incidentId)).limit(1);
  if (!incident) throw new DomainError('NOT_FOUND', 'Kejadian tidak ditemukan.');
  requireCoordinatorFor(ctx.actor, incident);
  await checkCriteria(ctx.db, criteria, incident.provinceCode);
  // The draft's deadline when the composer has one, as the request will be matched; else today.
  const validOn = criteria.trainingId
    ? await deadlineDay(ctx.db, incident.provinceCode, criteria.deadline ?? ctx.now())
    : '';

  const [regencyRows, countRows] = await Promise.all([
    ctx.db
      .select({
        code: regencies.code,
        name: regencies.name,
        shortName: regencies.shortName,
        lat: regencies.lat,
        lng: regencies.lng,
      })
      .from(regencies)
      .where(eq(regencies.provinceCode, incident.provinceCode))
      .orderBy(asc(regencies.code)),
    ctx.db
      .select({ regencyCode: volunteers.regencyCode, pillarCode: volunteers.pillarCode, n: count() })
      .from(volunteers)
      .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
      .where(and(eq(regencies.provinceCode, incident.provinceCode), matchesCriteria(criteria, validOn)))
      .groupBy(volunteers.regencyCode, volunteers.pillarCode),
  ]);

  const origin = originOf(incident, regencyRows);
  const matches = regencyRows.map(({ lat, lng, ...regency }): RegencyMatch => {
    const byPillar: Record<string, number> = {};
    let available = 0;
    for (const row of countRows) {
      if (row.regencyCode !== regency.code) continue;
      byPillar[row.pillarCode] = row.n;
      available += row.n;
    }
    const point = pointOf(lat, lng);
    const distance = origin && point ? distanceKm(origin, point) : null;
    return { ...regency, available, byPillar, distanceKm: distance === null ? null : Math.round(distance * 10) / 10 };
  });
  matches.sort(
    (a, b) =>
      Number(b.available > 0) - Number(a.available > 0) ||
      (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) ||
      a.code.localeCompare(b.code),
  );
  return { origin, regencies: matches };
}

function originOf(incident: Incident, regencyRows: { code: string; lat: number | null; lng: number | null }[]) {
  const site = pointOf(incident.lat, incident.lng);
  if (site) return site;
  const home = regencyRows.find((regency) => regency.code === incident.regencyCode);
  return home ? pointOf(home.lat, home.lng) : null;
}

export interface ProgressEntry {
  assignmentId: string;
  volunteerId: string;
  name: string;
  phone: string;
  regencyCode: string;
  pillarCode: string;
  availability: Availability;
  status: AssignmentStatus;
  offeredAt: Date;
  respondedAt: Date | null;
  departedAt: Date | null;
  arrivedAt: Date | null;
  completedAt: Date | null;
  /** Whole minutes since the offer went out. */
  minutesSinceOffer: number;
}

export interface RequestProgress {
  request: DeploymentRequest;
  incidentTitle: string;
  counts: Record<AssignmentStatus, number>;
  /** Those who took a place first (earliest answer first), then offers still waiting, then the rest. */
  volunteers: ProgressEntry[];
}

/** How far a request has come: places taken of places asked, who, in which status, since when. */
export async function requestProgress({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<RequestProgress> {
  const { requestId } = parseInput(RequestRef, input);
  const [found] = await ctx.db
    .select({ request: deploymentRequests, incidentTitle: incidents.title, provinceCode: incidents.provinceCode })
    .from(deploymentRequests)
    .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
    .where(eq(deploymentRequests.id, requestId))
    .limit(1);
  if (!found) throw new DomainError('NOT_FOUND', 'Permintaan penugasan tidak ditemukan.');
  requireIncidentViewer(ctx.actor, found.provinceCode);

  const rows = await ctx.db
    .select({
      assignmentId: assignments.id,
      volunteerId: volunteers.id,
      name: volunteers.name,
      phone: volunteers.phone,
      regencyCode: volunteers.regencyCode,
      pillarCode: volunteers.pillarCode,
      availability: volunteers.availability,
      status: assignments.status,
      offeredAt: assignments.offeredAt,
      respondedAt: assignments.respondedAt,
      departedAt: assignments.departedAt,
      arrivedAt: assignments.arrivedAt,
      completedAt: assignments.completedAt,
    })
    .from(assignments)
    .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
    .where(eq(assignments.requestId, requestId))
    .orderBy(asc(assignments.respondedAt), asc(assignments.offeredAt), asc(volunteers.name));
  const now = ctx.now().getTime();
  const rank = (status: AssignmentStatus) => (takesSlot(status) ? 0 : status === 'offered' ? 1 : 2);
  const entries = rows
    .map((row) => ({ ...row, minutesSinceOffer: Math.max(0, Math.floor((now - row.offeredAt.getTime()) / 60_000)) }))
    .sort((a, b) => rank(a.status) - rank(b.status));
  const counts = statusCounts(rows.map((row) => ({ status: row.status, n: 1 })));
  return { request: found.request, incidentTitle: found.incidentTitle, counts, volunteers: entries };
}

export interface VolunteerAssignment extends AssignmentAnswer {
  request: AssignmentAnswer['request'] & {
    deadline: string;
    meetingPoint: string;
    meetingLat: number | null;
    meetingLng: number | null;
    skill: string | null;
  };
  incident: {
    id: string;
    type: Incident['type'];
    title: string;
    severity: number;
    regencyCode: string;
    regencyName: string;
  };
  /** From the volunteer's home kabupaten to the incident (its point, or its kabupaten's); null if unknown. */
  distanceKm: number | null;
  /** What the phone may offer as buttons now. */
  nextStatuses: AssignmentStatus[];
}

const RECENT_MS = 7 * 24 * 3_600_000;

/**
 * A phone's list: offers waiting, the assignment under way, and what ended in the last seven days,
 * newest offer first. A volunteer sees their own; a coordinator in scope may look at a volunteer's.
 */
export async function volunteerAssignments({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<VolunteerAssignment[]> {
  const query = parseInput(VolunteerAssignmentsQuery, input);
  const volunteerId = query.volunteerId ?? (ctx.actor.role === 'volunteer' ? ctx.actor.volunteerId : undefined);
  if (!volunteerId) {
    throw new DomainError('INVALID', 'Sebutkan relawan yang ingin dilihat.', { volunteerId: ['Pilih relawan.'] });
  }
  const [volunteer] = await ctx.db
    .select({
      id: volunteers.id,
      regencyCode: volunteers.regencyCode,
      provinceCode: regencies.provinceCode,
      homeLat: regencies.lat,
      homeLng: regencies.lng,
    })
    .from(volunteers)
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(eq(volunteers.id, volunteerId))
    .limit(1);
  if (!volunteer) throw new DomainError('NOT_FOUND', 'Relawan tidak ditemukan.');
  requireSelfOrCoordinator(ctx.actor, volunteer);

  const since = new Date(ctx.now().getTime() - RECENT_MS);
  const rows = await ctx.db
    .select({
      assignment: assignments,
      request: deploymentRequests,
      incident: incidents,
      place: { name: regencies.name, lat: regencies.lat, lng: regencies.lng },
    })
    .from(assignments)
    .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
    .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
    .innerJoin(regencies, eq(regencies.code, incidents.regencyCode))
    .where(
      and(
        eq(assignments.volunteerId, volunteerId),
        or(inArray(assignments.status, ['offered', ...ACTIVE_ASSIGNMENT_STATUSES]), gt(assignments.updatedAt, since)),
      ),
    )
    .orderBy(desc(assignments.offeredAt));
  const home = pointOf(volunteer.homeLat, volunteer.homeLng);
  return rows.map(({ assignment, request, incident, place }) => {
    const answer = answerOf(assignment, request);
    const site = pointOf(incident.lat, incident.lng) ?? pointOf(place.lat, place.lng);
    return {
      assignment: answer.assignment,
      request: {
        ...answer.request,
        deadline: request.deadline.toISOString(),
        meetingPoint: request.meetingPoint,
        meetingLat: request.meetingLat,
        meetingLng: request.meetingLng,
        skill: request.skill,
      },
      incident: {
        id: incident.id,
        type: incident.type,
        title: incident.title,
        severity: incident.severity,
        regencyCode: incident.regencyCode,
        regencyName: place.name,
      },
      distanceKm: home && site ? Math.round(distanceKm(home, site)) : null,
      nextStatuses: nextAssignmentStatuses(assignment.status, 'volunteer'),
    };
  });
}
