import { eq } from 'drizzle-orm';
import { assignments, type Assignment, type NewAssignment, type NewEventRow } from '../../db/schema';
import { ASSIGNMENT_STATUS_LABELS } from '../../lib/assignment-state';
import { ASSIGNMENT_UNDONE, AssignmentAnswer, UNDO_WINDOW_MS, UndoStatus } from '../../lib/dispatch';
import type { AssignmentStatus } from '../../lib/domain';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { answerOf, assignmentEvent, lockAssignment, recordedBy, requireAnswerer, scopeOf } from './access';
import { activeAssignmentOf, lockVolunteer, markDeployed } from './duty';
import { runPhoneCommand } from './receipts';

type Reported = UndoStatus['status'];

/** Each report, the status it came from, when it was made, and the columns that undoing it clears. */
const REPORTS: Record<
  Reported,
  { back: AssignmentStatus; at: (a: Assignment) => Date | null; clear: Partial<NewAssignment> }
> = {
  en_route: { back: 'accepted', at: (a) => a.departedAt, clear: { departedAt: null } },
  on_site: {
    back: 'en_route',
    at: (a) => a.arrivedAt,
    clear: { arrivedAt: null, arrivedLat: null, arrivedLng: null },
  },
  completed: { back: 'on_site', at: (a) => a.completedAt, clear: { completedAt: null } },
  returned: { back: 'relieved', at: (a) => a.returnedAt, clear: { returnedAt: null, restEndsAt: null } },
};

/**
 * "Urungkan": within 60 s of a status report the volunteer may take it back, one step, with its own
 * event; undoing "Selesai" or "Kembali" makes the volunteer "Bertugas" again (unless another assignment took them).
 */
export async function undoStatus({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<AssignmentAnswer> {
  const { idempotencyKey, ...command } = parseInput(UndoStatus, input);
  const now = ctx.now();

  return runPhoneCommand(
    ctx,
    { name: 'assignment.undo_status', idempotencyKey, input: command, answer: AssignmentAnswer },
    async (tx) => {
      const locked = await lockAssignment(tx, command.assignmentId);
      requireAnswerer(ctx.actor, locked);
      const { assignment } = locked;
      const label = ASSIGNMENT_STATUS_LABELS[command.status];
      if (assignment.status !== command.status) {
        throw new DomainError(
          'CONFLICT',
          `Laporan "${label}" tidak dapat diurungkan: status penugasan sekarang "${ASSIGNMENT_STATUS_LABELS[assignment.status]}".`,
        );
      }
      const report = REPORTS[command.status];
      const reportedAt = report.at(assignment);
      if (!reportedAt || now.getTime() - reportedAt.getTime() > UNDO_WINDOW_MS) {
        throw new DomainError(
          'CONFLICT',
          `Laporan "${label}" hanya dapat diurungkan dalam 60 detik; hubungi koordinator untuk membetulkannya.`,
        );
      }

      const scope = scopeOf(locked);
      const events: NewEventRow[] = [];
      if (command.status === 'completed' || command.status === 'returned') {
        // Completion released the volunteer (back home, resting); taking it back puts them on duty again, if still free.
        const availability = await lockVolunteer(tx, scope.volunteerId);
        const other = await activeAssignmentOf(tx, scope.volunteerId);
        if (other) {
          throw new DomainError(
            'CONFLICT',
            `Laporan "${label}" tidak dapat diurungkan: Anda sudah menerima tugas lain (${other.incidentTitle}).`,
          );
        }
        const deployed = await markDeployed(tx, scope, availability, now);
        if (deployed) events.push(deployed);
      }
      const [undone] = await tx
        .update(assignments)
        .set({ ...report.clear, status: report.back, updatedAt: now })
        .where(eq(assignments.id, assignment.id))
        .returning();
      events.unshift(
        assignmentEvent(scope, ASSIGNMENT_UNDONE, {
          requestId: locked.request.id,
          assignmentId: assignment.id,
          from: command.status,
          to: report.back,
          ...recordedBy(ctx.actor),
        }),
      );
      return { result: answerOf(undone!, locked.request), events };
    },
  );
}
