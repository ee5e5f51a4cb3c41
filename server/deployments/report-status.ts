import { eq } from 'drizzle-orm';
import { assignments, type NewAssignment, type NewEventRow } from '../../db/schema';
import { ASSIGNMENT_STATUS_LABELS } from '../../lib/assignment-state';
import { ASSIGNMENT_EVENTS, AssignmentAnswer, ReportStatus } from '../../lib/dispatch';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { answerOf, assertMove, assignmentEvent, lockAssignment, recordedBy, requireAnswerer, scopeOf } from './access';
import { lockVolunteer, releaseVolunteer, restVolunteer } from './duty';
import { runPhoneCommand } from './receipts';
import { checkInIntervalMs, isWatched, lockWatch, startWatch } from '../operations/watch';
import { consentedPosition } from '../privacy/set-consent';
import { relieveTeam } from '../operations/relieve-team';
import { restEndsAt } from '../operations/rest-period';

/**
 * A volunteer reports progress one step at a time: berangkat → tiba di lokasi (optionally where) →
 * selesai, each report naming the status it moves from, so a repeated tap never skips a step.
 * Completion keeps the place counted and makes the volunteer "Siaga" again. A relief volunteer's
 * arrival relieves the team it replaces ("diganti"); back home ("kembali") the volunteer rests.
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
      const current = locked.assignment.status;
      assertMove(current, command.status);
      if (current !== command.from) {
        throw new DomainError(
          'CONFLICT',
          `Laporan "${ASSIGNMENT_STATUS_LABELS[command.status]}" tidak dicatat: status penugasan sudah ` +
            `"${ASSIGNMENT_STATUS_LABELS[current]}", bukan "${ASSIGNMENT_STATUS_LABELS[command.from]}". ` +
            'Lihat status terbaru sebelum melapor lagi.',
          { from: [`Status sekarang "${ASSIGNMENT_STATUS_LABELS[current]}".`] },
        );
      }

      // No position is kept without the volunteer's consent, whatever the phone sent.
      const place = consentedPosition(locked.volunteer, command);
      const changes: Partial<NewAssignment> =
        command.status === 'en_route'
          ? { departedAt: now }
          : command.status === 'on_site'
            ? { arrivedAt: now, arrivedLat: place?.lat ?? null, arrivedLng: place?.lng ?? null }
            : command.status === 'returned'
              ? { returnedAt: now, restEndsAt: await restEndsAt(tx, locked.volunteer.provinceCode, now) }
              : { completedAt: now };
      const [assignment] = await tx
        .update(assignments)
        .set({ ...changes, status: command.status, updatedAt: now })
        .where(eq(assignments.id, locked.assignment.id))
        .returning();
      // Arriving (or leaving, when the request asks) starts the safety watch; a call for help stays.
      if (isWatched(command.status, locked.request)) {
        const watch = await lockWatch(tx, assignment!.id);
        if (watch?.state !== 'help') {
          const dueAt = new Date(now.getTime() + checkInIntervalMs(locked.request, locked.incident.type));
          await startWatch(tx, assignment!.id, dueAt, now, place);
        }
      }
      const scope = scopeOf(locked);
      const where = command.status === 'on_site' && place ? place : {};
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
      if (command.status === 'on_site')
        events.push(...(await relieveTeam(tx, { ...locked, assignment: assignment! }, now)));
      if (command.status === 'returned') {
        const resting = await restVolunteer(tx, scope, await lockVolunteer(tx, scope.volunteerId), now);
        if (resting) events.push(resting);
      }
      return { result: answerOf(assignment!, locked.request), events };
    },
  );
}
