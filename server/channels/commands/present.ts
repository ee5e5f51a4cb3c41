import { and, desc, eq, gt } from 'drizzle-orm';
import { rollCallEntries, rollCalls } from '../../../db/schema';
import { fitSms } from '../../../lib/gsm';
import { answerRollCall } from '../../roll-calls/answer-roll-call';
import { OWN_ROLL_CALL_HOURS } from '../../roll-calls/queries';
import { replyOrRefusal, type CommandHandler } from './context';

/**
 * HADIR [catatan]: "Hadir/aman" to the newest roll call the sender was called to (of the last day, as the
 * phone's card lists them); a later HADIR replaces an earlier answer, as a second tap on the phone does.
 */
export const presentByText: CommandHandler<'present'> = (command, { note }) =>
  replyOrRefusal(async () => {
    const { ctx } = command;
    const since = new Date(ctx.now().getTime() - OWN_ROLL_CALL_HOURS * 3_600_000);
    const [open] = await ctx.db
      .select({ rollCallId: rollCallEntries.rollCallId })
      .from(rollCallEntries)
      .innerJoin(rollCalls, eq(rollCalls.id, rollCallEntries.rollCallId))
      .where(and(eq(rollCallEntries.volunteerId, ctx.actor.volunteerId), gt(rollCalls.createdAt, since)))
      .orderBy(desc(rollCalls.createdAt))
      .limit(1);
    if (!open) return 'Posko: tidak ada apel yang menunggu jawaban Anda.';
    await answerRollCall({
      ctx,
      input: {
        rollCallId: open.rollCallId,
        answer: 'present',
        ...(note ? { note } : {}),
        answeredAt: ctx.now().toISOString(),
        idempotencyKey: command.idempotencyKey,
      },
    });
    return fitSms('Posko: HADIR dicatat untuk apel. Terima kasih. Bila butuh bantuan balas BANTUAN.');
  });
