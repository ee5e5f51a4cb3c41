import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { incidents, messageRecipients, messages, volunteers, type Message } from '../../db/schema';
import { MessageRef, type MessageView, type OwnMessage } from '../../lib/messaging';
import type { ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { requireIncidentViewer } from '../incidents/queries';
import { copyStateOf, findMessage } from './access';

async function viewsOf(db: Executor, list: Message[]): Promise<MessageView[]> {
  if (list.length === 0) return [];
  const ids = list.map((message) => message.id);
  const [copies, writers] = await Promise.all([
    db
      .select({ copy: messageRecipients, name: volunteers.name, regencyCode: volunteers.regencyCode })
      .from(messageRecipients)
      .innerJoin(volunteers, eq(volunteers.id, messageRecipients.volunteerId))
      .where(inArray(messageRecipients.messageId, ids))
      .orderBy(volunteers.name, volunteers.id),
    db
      .select({ id: volunteers.id, name: volunteers.name })
      .from(volunteers)
      .where(
        inArray(volunteers.id, [
          ...new Set(list.flatMap((message) => (message.senderVolunteerId ? [message.senderVolunteerId] : []))),
          // inArray needs one value at least; no volunteer has the nil id.
          '00000000-0000-0000-0000-000000000000',
        ]),
      ),
  ]);
  const writerName = new Map(writers.map((row) => [row.id, row.name]));
  return list.map((message) => {
    const own = copies.filter((row) => row.copy.messageId === message.id);
    return {
      id: message.id,
      incidentId: message.incidentId,
      requestId: message.requestId,
      audience: message.audience,
      body: message.body,
      sentAt: message.createdAt.toISOString(),
      senderName: message.senderName,
      fromVolunteer: message.senderVolunteerId
        ? { id: message.senderVolunteerId, name: writerName.get(message.senderVolunteerId) ?? '' }
        : null,
      delivered: own.filter((row) => row.copy.deliveredAt).length,
      read: own.filter((row) => row.copy.readAt).length,
      replied: own.filter((row) => row.copy.repliedAt).length,
      recipients: own.map(({ copy, name, regencyCode }) => ({ ...copyStateOf(copy), name, regencyCode })),
    };
  });
}

/** A message with each recipient's state, for staff who may see its province. */
export async function messageView({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<MessageView> {
  const { messageId } = parseInput(MessageRef, input);
  const message = await findMessage(ctx.db, messageId);
  requireIncidentViewer(ctx.actor, message.provinceCode);
  const [view] = await viewsOf(ctx.db, [message]);
  return view!;
}

/** An incident's messages both ways, newest first (the incident page's panel). */
export async function incidentMessages(db: Executor, incidentId: string, limit = 20): Promise<MessageView[]> {
  const list = await db
    .select()
    .from(messages)
    .where(eq(messages.incidentId, incidentId))
    .orderBy(desc(messages.createdAt))
    .limit(limit);
  return viewsOf(db, list);
}

const OWN_MESSAGE_DAYS = 7;

/** The messages a volunteer received in the last week, newest first. */
export async function ownMessages(db: Executor, volunteerId: string, now: Date): Promise<OwnMessage[]> {
  const rows = await db
    .select({ message: messages, copy: messageRecipients, incidentTitle: incidents.title })
    .from(messageRecipients)
    .innerJoin(messages, eq(messages.id, messageRecipients.messageId))
    .leftJoin(incidents, eq(incidents.id, messages.incidentId))
    .where(
      and(
        eq(messageRecipients.volunteerId, volunteerId),
        gt(messages.createdAt, new Date(now.getTime() - OWN_MESSAGE_DAYS * 24 * 3_600_000)),
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(30);
  return rows.map(({ message, copy, incidentTitle }) => {
    const state = copyStateOf(copy);
    return {
      id: message.id,
      body: message.body,
      senderName: message.senderName,
      incidentTitle,
      sentAt: message.createdAt.toISOString(),
      deliveredAt: state.deliveredAt,
      readAt: state.readAt,
      repliedAt: state.repliedAt,
      quickReply: state.quickReply,
      reply: state.reply,
    };
  });
}
