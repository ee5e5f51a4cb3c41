import { homeOf, visiblePhone } from '../privacy/access';
import { and, asc, count, desc, eq, gt, inArray, or } from 'drizzle-orm';
import {
  assignments,
  deploymentRequests,
  districts,
  incidents,
  regencies,
  requestWaves,
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
import { requestTexts, type RequestTexts } from '../channels/queries';
import { requireIncidentViewer, statusCounts } from '../incidents/queries';
import type { CheckInStatus } from '../../lib/operations';
import { ownCheckIns } from '../operations/queries';
import { answerOf } from './access';
import { checkCriteria, deadlineDay, homeJoins, homePoint, matchesCriteria } from './matching';

export interface RegencyMatch {
  code: string;
  name: string;
  shortName: string;
  /** Siaga volunteers who would get an offer, in total and per pillar code. */
  available: number;
  byPillar: Record<string, number>;
  /**
   * From the incident (its point, or its kabupaten's point) to the nearest fitting volunteer's home
   * kecamatan (its centroid, else the kabupaten's point); with nobody fitting, to the kabupaten's point.
   */
  distanceKm: number | null;
}

/**
 * For a draft request: per kabupaten/kota of the incident's province, how many "Siaga" volunteers fit
 * (pillars, skill, training). Those that have any come first, the incident's own kabupaten leading them,
 * then nearest first; then the others.
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
      .select({
        regencyCode: volunteers.regencyCode,
        pillarCode: volunteers.pillarCode,
        ...homePoint,
        n: count(),
      })
      .from(volunteers)
      .innerJoin(regencies, homeJoins.regency)
      .leftJoin(districts, homeJoins.district)
      .where(and(eq(regencies.provinceCode, incident.provinceCode), matchesCriteria(criteria, validOn)))
      .groupBy(volunteers.regencyCode, volunteers.pillarCode, homePoint.homeLat, homePoint.homeLng),
  ]);

  const origin = originOf(incident, regencyRows);
  const matches = regencyRows.map(({ lat, lng, ...regency }): RegencyMatch => {
    const byPillar: Record<string, number> = {};
    let available = 0;
    let distance: number | null = null;
    for (const row of countRows) {
      if (row.regencyCode !== regency.code) continue;
      byPillar[row.pillarCode] = (byPillar[row.pillarCode] ?? 0) + row.n;
      available += row.n;
      const home = pointOf(row.homeLat, row.homeLng);
      if (origin && home) distance = Math.min(distance ?? Infinity, distanceKm(origin, home));
    }
    // Nobody fits there: how far the kabupaten itself lies.
    const point = pointOf(lat, lng);
    if (available === 0 && origin && point) distance = distanceKm(origin, point);
    return { ...regency, available, byPillar, distanceKm: distance === null ? null : Math.round(distance * 10) / 10 };
  });
  // The incident's own kabupaten leads: a large kabupaten's label point can lie farther from the site than
  // a neighbour's, yet its people are the ones already there.
  const own = (regency: RegencyMatch) => Number(regency.code === incident.regencyCode);
  matches.sort(
    (a, b) =>
      Number(b.available > 0) - Number(a.available > 0) ||
      own(b) - own(a) ||
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
  relievedAt: Date | null;
  returnedAt: Date | null;
  /** Whole minutes since the offer went out. */
  minutesSinceOffer: number;
}

export interface RequestProgress {
  request: DeploymentRequest;
  incidentTitle: string;
  counts: Record<AssignmentStatus, number>;
  /** Those who took a place first (earliest answer first), then offers still waiting, then the rest. */
  volunteers: ProgressEntry[];
  /** The request's texts by SMS/WhatsApp and how each went. */
  texts: RequestTexts;
  /** A request in waves: each wave's number, when it went out and how many it offered (else empty). */
  waves: { number: number; offeredAt: Date; offered: number }[];
}

/** How far a request has come: places taken of places asked, who, in which status, since when. */
export async function requestProgress({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<RequestProgress> {
  const { requestId } = parseInput(RequestRef, input);
  const [found] = await ctx.db
    .select({
      request: deploymentRequests,
      incidentTitle: incidents.title,
      provinceCode: incidents.provinceCode,
      regencyCode: incidents.regencyCode,
    })
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
      relievedAt: assignments.relievedAt,
      returnedAt: assignments.returnedAt,
    })
    .from(assignments)
    .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
    .where(eq(assignments.requestId, requestId))
    .orderBy(asc(assignments.respondedAt), asc(assignments.offeredAt), asc(volunteers.name));
  const now = ctx.now().getTime();
  const rank = (status: AssignmentStatus) => (takesSlot(status) ? 0 : status === 'offered' ? 1 : 2);
  // Leaders, and coordinators of neither the volunteer's home nor the incident, see the number masked.
  const site = { provinceCode: found.provinceCode, regencyCode: found.regencyCode };
  const entries = rows
    .map((row) => ({
      ...row,
      phone: visiblePhone(ctx.actor, row.phone, homeOf(row.regencyCode), site),
      minutesSinceOffer: Math.max(0, Math.floor((now - row.offeredAt.getTime()) / 60_000)),
    }))
    .sort((a, b) => rank(a.status) - rank(b.status));
  const counts = statusCounts(rows.map((row) => ({ status: row.status, n: 1 })));
  const texts = await requestTexts(ctx.db, requestId);
  const waves = await ctx.db
    .select({ number: requestWaves.number, offeredAt: requestWaves.offeredAt, offered: requestWaves.offered })
    .from(requestWaves)
    .where(eq(requestWaves.requestId, requestId))
    .orderBy(asc(requestWaves.number));
  return { request: found.request, incidentTitle: found.incidentTitle, counts, volunteers: entries, texts, waves };
}

export interface VolunteerAssignment extends AssignmentAnswer {
  request: AssignmentAnswer['request'] & {
    deadline: string;
    meetingPoint: string;
    meetingLat: number | null;
    meetingLng: number | null;
    bring: string;
    skill: string | null;
    /** The team's planned end of shift, if the coordinator set one. */
    shiftEndsAt: string | null;
  };
  incident: {
    id: string;
    type: Incident['type'];
    title: string;
    severity: number;
    regencyCode: string;
    regencyName: string;
    description: string;
    needs: string;
  };
  /** From the volunteer's home kecamatan (else kabupaten) to the incident (its point, or its kabupaten's); null if unknown. */
  distanceKm: number | null;
  /** What the phone may offer as buttons now. */
  nextStatuses: AssignmentStatus[];
  /** The safety watch while the assignment is under way (on site, or en route when asked); else null. */
  checkIn: CheckInStatus | null;
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
      ...homePoint,
    })
    .from(volunteers)
    .innerJoin(regencies, homeJoins.regency)
    .leftJoin(districts, homeJoins.district)
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
  const watches = await ownCheckIns(
    ctx.db,
    rows.map((row) => row.assignment.id),
  );
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
        bring: request.bring,
        skill: request.skill,
        shiftEndsAt: request.shiftEndsAt?.toISOString() ?? null,
      },
      incident: {
        id: incident.id,
        type: incident.type,
        title: incident.title,
        severity: incident.severity,
        regencyCode: incident.regencyCode,
        regencyName: place.name,
        description: incident.description,
        needs: incident.needs,
      },
      distanceKm: home && site ? Math.round(distanceKm(home, site)) : null,
      nextStatuses: nextAssignmentStatuses(assignment.status, 'volunteer'),
      checkIn: watches.get(assignment.id) ?? null,
    };
  });
}
