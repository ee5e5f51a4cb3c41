import { and, eq, isNull } from 'drizzle-orm';
import { rollCallEntries, rollCalls } from '../../db/schema';
import { ROLL_CALL_EVENTS, RollCallRef } from '../../lib/roll-calls';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { askedEvent, findRollCall, personOfEntry } from './access';

/** Asks again everyone who has not answered a roll call yet (socket and Web Push, like the call itself). */
export async function remindRollCall({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ id: string; reminded: number }> {
  const { rollCallId } = parseInput(RollCallRef, input);
  const now = ctx.now();
  return commitWithEvents(ctx, async (tx) => {
    const rollCall = await findRollCall(tx, rollCallId);
    requireCoordinatorFor(ctx.actor, rollCall);
    const waiting = await tx
      .select()
      .from(rollCallEntries)
      .where(and(eq(rollCallEntries.rollCallId, rollCall.id), isNull(rollCallEntries.answer)))
      .for('no key update');
    if (waiting.length === 0) throw new DomainError('CONFLICT', 'Semua yang dipanggil sudah menjawab apel ini.');
    await tx.update(rollCalls).set({ remindedAt: now }).where(eq(rollCalls.id, rollCall.id));
    const people = await Promise.all(waiting.map((entry) => personOfEntry(tx, entry, rollCall.incidentId)));
    return {
      result: { id: rollCall.id, reminded: waiting.length },
      events: [
        {
          type: ROLL_CALL_EVENTS.reminded,
          provinceCode: rollCall.provinceCode,
          regencyCode: rollCall.regencyCode,
          incidentId: rollCall.incidentId,
          payload: { rollCallId: rollCall.id, reminded: waiting.length },
        },
        ...people.map((person) => askedEvent(rollCall.id, person, true)),
      ],
    };
  });
}
