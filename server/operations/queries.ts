import { homeOf, visiblePhone } from '../privacy/access';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { assignments, checkInWatches, deploymentRequests, incidents, volunteers } from '../../db/schema';
import { IncidentRef } from '../../lib/dispatch';
import type { AssignmentStatus } from '../../lib/domain';
import type { CheckInStatus } from '../../lib/operations';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { requireIncidentViewer } from '../incidents/queries';
import { checkInStatusOf, watchedAssignment } from './watch';
import { membersOfLedTeam } from '../teams/queries';

/** One watched person on an incident page (or a ketua regu's phone). */
export interface CheckInEntry extends CheckInStatus {
  requestId: string;
  incidentId: string;
  incidentTitle: string;
  name: string;
  phone: string;
  regencyCode: string;
  pillarCode: string;
  status: AssignmentStatus;
}

const SEVERITY: Record<CheckInStatus['state'], number> = { help: 0, critical: 1, late: 2, ok: 3 };

async function watchedEntries(db: Executor, where: ReturnType<typeof and>): Promise<CheckInEntry[]> {
  const rows = await db
    .select({
      watch: checkInWatches,
      requestId: deploymentRequests.id,
      incidentId: incidents.id,
      incidentTitle: incidents.title,
      status: assignments.status,
      volunteer: {
        id: volunteers.id,
        name: volunteers.name,
        phone: volunteers.phone,
        regencyCode: volunteers.regencyCode,
        pillarCode: volunteers.pillarCode,
      },
    })
    .from(checkInWatches)
    .innerJoin(assignments, eq(assignments.id, checkInWatches.assignmentId))
    .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
    .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
    .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
    .where(and(watchedAssignment, where))
    .orderBy(asc(checkInWatches.dueAt), asc(volunteers.name));
  return rows
    .map(({ watch, volunteer, ...row }) => ({
      ...checkInStatusOf(watch, volunteer.id),
      ...row,
      name: volunteer.name,
      phone: volunteer.phone,
      regencyCode: volunteer.regencyCode,
      pillarCode: volunteer.pillarCode,
    }))
    .sort((a, b) => SEVERITY[a.state] - SEVERITY[b.state]);
}

/**
 * `GET /api/incidents/{id}/check-ins`: each assignment under way with its next due time, its state and
 * its last shared position, alarms first. Completed or cancelled assignments are not watched, so not listed.
 */
export async function incidentCheckIns({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ incidentId: string; entries: CheckInEntry[] }> {
  const { incidentId } = parseInput(IncidentRef, input);
  const [incident] = await ctx.db.select().from(incidents).where(eq(incidents.id, incidentId)).limit(1);
  if (!incident) throw new DomainError('NOT_FOUND', 'Kejadian tidak ditemukan.');
  requireIncidentViewer(ctx.actor, incident.provinceCode);
  const entries = await watchedEntries(ctx.db, and(eq(incidents.id, incidentId)));
  // Leaders, and coordinators of neither the volunteer's home nor the incident, see the number masked.
  const site = { provinceCode: incident.provinceCode, regencyCode: incident.regencyCode };
  return {
    incidentId,
    entries: entries.map((entry) => ({
      ...entry,
      phone: visiblePhone(ctx.actor, entry.phone, homeOf(entry.regencyCode), site),
    })),
  };
}

/**
 * For a ketua regu's phone: the members under way of the regu they lead, or without a named regu the
 * team of old (same kabupaten and pillar), alarms first.
 */
export async function teamCheckIns(
  db: Executor,
  leader: { volunteerId: string; regencyCode: string; pillarCode: string },
): Promise<CheckInEntry[]> {
  const members = await membersOfLedTeam(db, leader.volunteerId);
  if (members) {
    const others = members.filter((id) => id !== leader.volunteerId);
    return others.length === 0 ? [] : watchedEntries(db, inArray(volunteers.id, others));
  }
  return watchedEntries(
    db,
    and(
      eq(volunteers.regencyCode, leader.regencyCode),
      eq(volunteers.pillarCode, leader.pillarCode),
      ne(volunteers.id, leader.volunteerId),
    ),
  );
}

/** `GET /api/check-ins/team`: a ketua regu's phone reads its team's check-ins; nobody else. */
export async function teamCheckInsFor({ ctx }: { ctx: ActorContext }): Promise<{ entries: CheckInEntry[] }> {
  const { actor } = ctx;
  if (actor.role !== 'volunteer' || !actor.isTeamLeader) {
    throw new DomainError('FORBIDDEN', 'Lapor aman regu hanya untuk ketua regu.');
  }
  return { entries: await teamCheckIns(ctx.db, actor) };
}

/** The phone's own watches, by assignment. */
export async function ownCheckIns(db: Executor, assignmentIds: string[]): Promise<Map<string, CheckInStatus>> {
  if (assignmentIds.length === 0) return new Map();
  const rows = await db
    .select({ watch: checkInWatches, volunteerId: assignments.volunteerId })
    .from(checkInWatches)
    .innerJoin(assignments, eq(assignments.id, checkInWatches.assignmentId))
    .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
    .where(and(inArray(checkInWatches.assignmentId, assignmentIds), watchedAssignment));
  return new Map(rows.map(({ watch, volunteerId }) => [watch.assignmentId, checkInStatusOf(watch, volunteerId)]));
}
