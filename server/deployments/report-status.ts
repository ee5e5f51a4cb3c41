import { eq } from 'drizzle-orm';
import { assignments, type NewAssignment, type NewEventRow } from '../../db/schema';
import { ASSIGNMENT_EVENTS, AssignmentAnswer, ReportStatus } from '../../lib/dispatch';
import type { ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { answerOf, assertMove, assignmentEvent, lockAssignment, recordedBy, requireAnswerer, scopeOf } from './access';
import { releaseVolunteer } from './duty';
import { runPhoneCommand } from './receipts';

/**
 * A volunteer reports progress one step at a time: berangkat → tiba di lokasi (optionally where) →
 * selesai. Completion keeps the place counted and makes the volunteer "Siaga" again.
 */
export async function reportStatus({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<AssignmentAnswer> {
  const { idempotencyKey, ...command } = parseInput(ReportStatus, input);
  const now = ctx.now();

  return runPhoneCommand(
    ctx,
    { name: 'assignment.report_status', idempotencyKey, input: command, answer: AssignmentAnswer },
    async (tx) => {
      const locked = await lockAssignment(tx, command.assignmentId);
      requireAnswerer(ctx.actor, locked);
      assertMove(locked.assignment.status, command.status);

      const changes: Partial<NewAssignment> =
        command.status === 'en_route'
          ? { departedAt: now }
          : command.status === 'on_site'
            ? { arrivedAt: now, arrivedLat: command.lat ?? null, arrivedLng: command.lng ?? null }
            : { completedAt: now };
      const [assignment] = await tx
        .update(assignments)
        .set({ ...changes, status: command.status, updatedAt: now })
        .where(eq(assignments.id, locked.assignment.id))
        .returning();
      const scope = scopeOf(locked);
      const where =
        command.status === 'on_site' && command.lat !== undefined ? { lat: command.lat, lng: command.lng } : {};
      const events: NewEventRow[] = [
        assignmentEvent(scope, ASSIGNMENT_EVENTS[command.status], {
          requestId: locked.request.id,
          assignmentId: assignment!.id,
          ...where,
          ...recordedBy(ctx.actor),
        }),
      ];
      if (command.status === 'completed') {
        const released = await releaseVolunteer(tx, scope, now);
        if (released) events.push(released);
      }
      return { result: answerOf(assignment!, locked.request), events };
    },
  );
}
