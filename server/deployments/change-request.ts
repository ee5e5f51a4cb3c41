import { eq } from 'drizzle-orm';
import { deploymentRequests, type DeploymentRequest, type NewEventRow } from '../../db/schema';
import { ChangeRequest, REQUEST_EVENTS, REQUEST_STATUS_LABELS } from '../../lib/dispatch';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { incidentEvent } from '../incidents/access';
import { assertDeadline, lockRequest } from './access';

/**
 * A coordinator in the incident's scope raises or lowers the number of places (never below those
 * already taken) or extends the deadline of a request that is open or filled. Lowering to the places
 * taken fills it; raising a filled request opens it again for the offers still waiting. The team's
 * planned end of shift may be set, moved or cleared at the same time.
 */
export async function changeRequest({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<DeploymentRequest> {
  const data = parseInput(ChangeRequest, input);
  const now = ctx.now();

  return commitWithEvents(ctx, async (tx) => {
    const { request, incident } = await lockRequest(tx, data.requestId);
    requireCoordinatorFor(ctx.actor, incident);
    if (request.status !== 'open' && request.status !== 'filled') {
      throw new DomainError(
        'CONFLICT',
        `Permintaan ini sudah ${REQUEST_STATUS_LABELS[request.status].toLowerCase()}; jumlah dan batas waktunya tidak dapat diubah lagi.`,
      );
    }
    const slots = data.slots ?? request.slots;
    if (slots < request.acceptedCount) {
      const message = `Sudah ${request.acceptedCount} relawan menerima; jumlah tidak dapat kurang dari ${request.acceptedCount}. Batalkan penugasan satu per satu bila memang perlu.`;
      throw new DomainError('CONFLICT', message, { slots: [message] });
    }
    const deadline = data.deadline ?? request.deadline;
    if (data.deadline) {
      if (data.deadline <= request.deadline) {
        const message = 'Batas waktu hanya dapat diperpanjang, tidak dimajukan.';
        throw new DomainError('INVALID', message, { deadline: [message] });
      }
      assertDeadline(data.deadline, now);
    }
    const status = slots === request.acceptedCount ? 'filled' : 'open';
    if (status === 'open' && deadline <= now) {
      const message = 'Batas waktu permintaan ini sudah lewat; perpanjang batas waktunya juga untuk membukanya lagi.';
      throw new DomainError('CONFLICT', message, { deadline: [message] });
    }
    const shiftEndsAt = data.shiftEndsAt === undefined ? request.shiftEndsAt : data.shiftEndsAt;
    if (
      slots === request.slots &&
      deadline.getTime() === request.deadline.getTime() &&
      shiftEndsAt?.getTime() === request.shiftEndsAt?.getTime()
    ) {
      return { result: request, events: [] };
    }

    const [updated] = await tx
      .update(deploymentRequests)
      .set({ slots, deadline, shiftEndsAt, status, updatedAt: now })
      .where(eq(deploymentRequests.id, request.id))
      .returning();
    const changed = updated!;
    const events: NewEventRow[] = [
      incidentEvent(incident, REQUEST_EVENTS.changed, {
        requestId: changed.id,
        slots: changed.slots,
        acceptedCount: changed.acceptedCount,
        deadline: changed.deadline.toISOString(),
        shiftEndsAt: changed.shiftEndsAt?.toISOString() ?? null,
        by: ctx.actor.userId,
      }),
    ];
    if (status !== request.status) {
      events.push(
        status === 'filled'
          ? incidentEvent(incident, REQUEST_EVENTS.filled, { requestId: changed.id, slots: changed.slots })
          : incidentEvent(incident, REQUEST_EVENTS.reopened, {
              requestId: changed.id,
              slots: changed.slots,
              acceptedCount: changed.acceptedCount,
            }),
      );
    }
    return { result: changed, events };
  });
}
