import { and, eq } from 'drizzle-orm';
import type { Executor, Transaction } from '../../db/client';
import {
  messageRecipients,
  messages,
  regencies,
  volunteers,
  type Message,
  type MessageRecipient,
} from '../../db/schema';
import type { MessageCopyState } from '../../lib/messaging';
import { DomainError } from '../errors';

export async function findMessage(db: Executor, messageId: string): Promise<Message> {
  const [message] = await db.select().from(messages).where(eq(messages.id, messageId)).limit(1);
  if (!message) throw new DomainError('NOT_FOUND', 'Pesan tidak ditemukan.');
  return message;
}

/** A recipient's own copy, locked; anyone else gets a FORBIDDEN. */
export async function lockOwnCopy(
  tx: Transaction,
  messageId: string,
  volunteerId: string,
): Promise<{ message: Message; copy: MessageRecipient }> {
  const message = await findMessage(tx, messageId);
  const [copy] = await tx
    .select()
    .from(messageRecipients)
    .where(and(eq(messageRecipients.messageId, messageId), eq(messageRecipients.volunteerId, volunteerId)))
    .for('no key update');
  if (!copy) throw new DomainError('FORBIDDEN', 'Pesan ini bukan untuk Anda.');
  return { message, copy };
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

export function copyStateOf(copy: MessageRecipient): MessageCopyState {
  return {
    messageId: copy.messageId,
    volunteerId: copy.volunteerId,
    deliveredAt: iso(copy.deliveredAt),
    readAt: iso(copy.readAt),
    repliedAt: iso(copy.repliedAt),
    quickReply: copy.quickReply,
    reply: copy.reply,
  };
}

/** Where a recipient's events go: their own feed and kabupaten, and the message's incident. */
export async function recipientScope(db: Executor, volunteerId: string, incidentId: string | null) {
  const [row] = await db
    .select({ provinceCode: regencies.provinceCode, regencyCode: volunteers.regencyCode })
    .from(volunteers)
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(eq(volunteers.id, volunteerId));
  return { volunteerId, provinceCode: row!.provinceCode, regencyCode: row!.regencyCode, incidentId };
}
