import { and, eq } from 'drizzle-orm';
import { messageRecipients } from '../../db/schema';
import { MarkMessage, MESSAGE_EVENTS, MessageCopyState } from '../../lib/messaging';
import type { ActorContext } from '../auth/actor';
import { runPhoneCommand } from '../deployments/receipts';
import { DomainError, parseInput } from '../errors';
import { copyStateOf, lockOwnCopy, recipientScope } from './access';

/**
 * A recipient's phone says it received a message (`delivered`) or showed it (`read`, which implies
 * delivered). Each state is written and announced once; repeating it changes nothing.
 */
export async function markMessage({
  ctx,
  input,
  state,
}: {
  ctx: ActorContext;
  input: unknown;
  state: 'delivered' | 'read';
}): Promise<MessageCopyState> {
  const { idempotencyKey, messageId } = parseInput(MarkMessage, input);
  const actor = ctx.actor;
  if (actor.role !== 'volunteer') throw new DomainError('FORBIDDEN', 'Hanya penerima pesan yang dapat menandainya.');
  const now = ctx.now();
  return runPhoneCommand(
    ctx,
    { name: `message.${state}`, idempotencyKey, input: { messageId }, answer: MessageCopyState },
    async (tx) => {
      const { message, copy } = await lockOwnCopy(tx, messageId, actor.volunteerId);
      const already = state === 'delivered' ? copy.deliveredAt : copy.readAt;
      if (already) return { result: copyStateOf(copy), events: [] };
      const changes =
        state === 'delivered' ? { deliveredAt: now } : { readAt: now, deliveredAt: copy.deliveredAt ?? now };
      const [updated] = await tx
        .update(messageRecipients)
        .set(changes)
        .where(and(eq(messageRecipients.messageId, messageId), eq(messageRecipients.volunteerId, actor.volunteerId)))
        .returning();
      const scope = await recipientScope(tx, actor.volunteerId, message.incidentId);
      const events = [];
      if (!copy.deliveredAt) events.push({ type: MESSAGE_EVENTS.delivered, ...scope, payload: { messageId } });
      if (state === 'read') events.push({ type: MESSAGE_EVENTS.read, ...scope, payload: { messageId } });
      return { result: copyStateOf(updated!), events };
    },
  );
}
