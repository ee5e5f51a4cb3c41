import { eq } from 'drizzle-orm';
import { checkInWatches } from '../../db/schema';
import { CHECK_IN_EVENTS, CheckInStatus, ReportCheckIn, checkInStateAt } from '../../lib/operations';
import type { ActorContext } from '../auth/actor';
import { lockAssignment, requireAnswerer, scopeOf } from '../deployments/access';
import { runPhoneCommand } from '../deployments/receipts';
import { DomainError, parseInput } from '../errors';
import { consentedPosition } from '../privacy/set-consent';
import { checkInEvent, checkInIntervalMs, checkInStatusOf, graceMs, requireWatch } from './watch';

/** A check-in made offline may be this old when it arrives; older ones count from when they arrive. */
const MAX_CLIENT_AGE_MS = 24 * 3_600_000;
/** A phone's clock may run this far ahead. */
const MAX_CLIENT_AHEAD_MS = 5 * 60_000;

/**
 * "Saya aman" moves the next check-in one interval past the moment the volunteer tapped (the phone's own
 * time when it was sent later from the outbox); "Butuh bantuan" is red at once until a coordinator resolves it.
 */
export async function reportCheckIn({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<CheckInStatus> {
  const { idempotencyKey, ...command } = parseInput(ReportCheckIn, input);
  const now = ctx.now();

  return runPhoneCommand(
    ctx,
    { name: 'checkin.report', idempotencyKey, input: command, answer: CheckInStatus },
    async (tx) => {
      const locked = await lockAssignment(tx, command.assignmentId);
      requireAnswerer(ctx.actor, locked);
      const watch = await requireWatch(tx, locked);
      const clientAt = command.clientAt;
      if (clientAt && clientAt.getTime() > now.getTime() + MAX_CLIENT_AHEAD_MS) {
        throw new DomainError('INVALID', 'Jam ponsel Anda lebih cepat dari jam server; periksa pengaturan jam.', {
          clientAt: ['Waktu lapor tidak boleh di masa depan.'],
        });
      }
      // The volunteer was safe when they tapped; a tap older than the last check-in changes nothing but the log.
      const at = clientAt && now.getTime() - clientAt.getTime() <= MAX_CLIENT_AGE_MS ? clientAt : now;
      const stale = watch.lastCheckInAt !== null && at < watch.lastCheckInAt;

      const grace = graceMs(locked.request);
      const dueAt =
        command.kind === 'safe' && !stale
          ? new Date(at.getTime() + checkInIntervalMs(locked.request, locked.incident.type))
          : watch.dueAt;
      const state =
        command.kind === 'help'
          ? 'help'
          : watch.state === 'help'
            ? 'help'
            : checkInStateAt({ state: 'ok', dueAt, graceMs: grace }, now);
      // No position is kept without the volunteer's consent, whatever the phone sent.
      const place = stale ? null : consentedPosition(locked.volunteer, command);
      const [updated] = await tx
        .update(checkInWatches)
        .set({
          dueAt,
          state,
          stateChangedAt: state === watch.state ? watch.stateChangedAt : now,
          ...(stale ? {} : { lastCheckInAt: at, lastNote: command.note ?? null }),
          ...(place ? { lastLat: place.lat, lastLng: place.lng, lastPositionAt: at } : {}),
          updatedAt: now,
        })
        .where(eq(checkInWatches.assignmentId, watch.assignmentId))
        .returning();
      const event = await checkInEvent(tx, scopeOf(locked), CHECK_IN_EVENTS.reported, {
        requestId: locked.request.id,
        assignmentId: watch.assignmentId,
        kind: command.kind,
        ...(command.note ? { note: command.note } : {}),
        at: at.toISOString(),
        ...(place ?? {}),
        dueAt: dueAt.toISOString(),
        from: watch.state,
        state,
      });
      return { result: checkInStatusOf(updated!, locked.volunteer.id), events: [event] };
    },
  );
}
