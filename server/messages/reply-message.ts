import { and, eq } from 'drizzle-orm';
import { messageRecipients, type NewEventRow } from '../../db/schema';
import { MESSAGE_EVENTS, MessageCopyState, ReplyMessage } from '../../lib/messaging';
import type { ActorContext } from '../auth/actor';
import { runPhoneCommand } from '../deployments/receipts';
import { DomainError, parseInput } from '../errors';
import { copyStateOf, lockOwnCopy, recipientScope } from './access';

/**
 * A recipient replies with a quick answer ("Siap", "Tidak bisa", "Butuh info") and/or a short text,
 * timed by the phone (a reply made offline arrives later); a reply also counts as delivered and read.
 */
export async function replyMessage({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<MessageCopyState> {
  const { idempotencyKey, ...command } = parseInput(ReplyMessage, input);
  const actor = ctx.actor;
  if (actor.role !== 'volunteer') throw new DomainError('FORBIDDEN', 'Hanya penerima pesan yang dapat membalasnya.');
  const now = ctx.now();
  return runPhoneCommand(
    ctx,
    { name: 'message.reply', idempotencyKey, input: command, answer: MessageCopyState },
    async (tx) => {
      const { message, copy } = await lockOwnCopy(tx, command.messageId, actor.volunteerId);
      const repliedAt = new Date(
        Math.min(now.getTime(), Math.max(message.createdAt.getTime(), command.repliedAt.getTime())),
      );
      const [updated] = await tx
        .update(messageRecipients)
        .set({
          deliveredAt: copy.deliveredAt ?? now,
          readAt: copy.readAt ?? now,
          repliedAt,
          quickReply: command.quickReply ?? null,
          reply: command.text ?? null,
        })
        .where(
          and(eq(messageRecipients.messageId, command.messageId), eq(messageRecipients.volunteerId, actor.volunteerId)),
        )
        .returning();
      const scope = await recipientScope(tx, actor.volunteerId, message.incidentId);
      const events: NewEventRow[] = [];
      if (!copy.deliveredAt)
        events.push({ type: MESSAGE_EVENTS.delivered, ...scope, payload: { messageId: message.id } });
      if (!copy.readAt) events.push({ type: MESSAGE_EVENTS.read, ...scope, payload: { messageId: message.id } });
      events.push({
        type: MESSAGE_EVENTS.replied,
        ...scope,
        payload: {
          messageId: message.id,
          repliedAt: repliedAt.toISOString(),
          ...(command.quickReply ? { quickReply: command.quickReply } : {}),
          ...(command.text ? { text: command.text } : {}),
        },
      });
      return { result: copyStateOf(updated!), events };
    },
  );
}
