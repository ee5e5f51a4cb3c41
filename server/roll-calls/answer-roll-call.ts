import { and, eq } from 'drizzle-orm';
import { rollCallEntries } from '../../db/schema';
import { AnswerRollCall, ROLL_CALL_EVENTS, RollCallAnswered } from '../../lib/roll-calls';
import type { ActorContext } from '../auth/actor';
import { runPhoneCommand } from '../deployments/receipts';
import { DomainError, parseInput } from '../errors';
import { findRollCall, lockOwnEntry, personOfEntry } from './access';

/** The phone's clock, kept between the call and the moment the server hears the answer. */
function answerTime(told: Date, calledAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime(), Math.max(calledAt.getTime(), told.getTime())));
}

/**
 * A called volunteer answers "hadir/aman" or "butuh bantuan" with the time they tapped; a later answer
 * replaces an earlier one, an answer tapped before the one already recorded changes nothing.
 */
export async function answerRollCall({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<RollCallAnswered> {
  const { idempotencyKey, ...command } = parseInput(AnswerRollCall, input);
  const actor = ctx.actor;
  if (actor.role !== 'volunteer') {
    throw new DomainError('FORBIDDEN', 'Hanya relawan yang dipanggil yang dapat menjawab apel.');
  }
  const now = ctx.now();

  return runPhoneCommand(
    ctx,
    { name: 'rollcall.answer', idempotencyKey, input: command, answer: RollCallAnswered },
    async (tx) => {
      const entry = await lockOwnEntry(tx, command.rollCallId, actor.volunteerId);
      const rollCall = await findRollCall(tx, command.rollCallId);
      const answeredAt = answerTime(command.answeredAt, rollCall.createdAt, now);
      if (entry.answeredAt && entry.answeredAt > answeredAt) {
        return { result: answeredOf(entry, entry.answeredAt, entry.receivedAt ?? now), events: [] };
      }
      const [updated] = await tx
        .update(rollCallEntries)
        .set({ answer: command.answer, answeredAt, receivedAt: now, note: command.note ?? null })
        .where(
          and(eq(rollCallEntries.rollCallId, entry.rollCallId), eq(rollCallEntries.volunteerId, entry.volunteerId)),
        )
        .returning();
      const person = await personOfEntry(tx, entry, rollCall.incidentId);
      return {
        result: answeredOf(updated!, answeredAt, now),
        events: [
          {
            type: ROLL_CALL_EVENTS.answered,
            ...person,
            payload: {
              rollCallId: rollCall.id,
              answer: command.answer,
              answeredAt: answeredAt.toISOString(),
              // The deployment the volunteer was called on: "butuh bantuan" then alerts as a check-in's would.
              ...(entry.assignmentId ? { assignmentId: entry.assignmentId } : {}),
              ...(command.note ? { note: command.note } : {}),
            },
          },
        ],
      };
    },
  );
}

function answeredOf(
  entry: { rollCallId: string; volunteerId: string; answer: RollCallAnswered['answer'] | null },
  answeredAt: Date,
  receivedAt: Date,
): RollCallAnswered {
  return {
    rollCallId: entry.rollCallId,
    volunteerId: entry.volunteerId,
    answer: entry.answer!,
    answeredAt: answeredAt.toISOString(),
    receivedAt: receivedAt.toISOString(),
  };
}
