import { messages } from '../../db/schema';
import { isFinalAssignment } from '../../lib/assignment-state';
import { MESSAGE_EVENTS, MessageWritten, WriteToPosko } from '../../lib/messaging';
import type { ActorContext } from '../auth/actor';
import { lockAssignment, scopeOf } from '../deployments/access';
import { runPhoneCommand } from '../deployments/receipts';
import { DomainError, parseInput } from '../errors';

/** A volunteer on an assignment writes to its posko; the message is kept with the incident's history. */
export async function writeToPosko({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<MessageWritten> {
  const { idempotencyKey, ...command } = parseInput(WriteToPosko, input);
  const actor = ctx.actor;
  if (actor.role !== 'volunteer')
    throw new DomainError('FORBIDDEN', 'Hanya relawan yang bertugas yang menulis dari penugasan.');
  const now = ctx.now();
  return runPhoneCommand(
    ctx,
    { name: 'message.write', idempotencyKey, input: command, answer: MessageWritten },
    async (tx) => {
      const locked = await lockAssignment(tx, command.assignmentId);
      if (locked.volunteer.id !== actor.volunteerId) throw new DomainError('FORBIDDEN', 'Ini bukan penugasan Anda.');
      if (locked.assignment.status === 'offered' || isFinalAssignment(locked.assignment.status)) {
        throw new DomainError('CONFLICT', 'Pesan ke posko dikirim dari penugasan yang sedang berjalan.');
      }
      const writtenAt = new Date(
        Math.min(now.getTime(), Math.max(locked.assignment.offeredAt.getTime(), command.writtenAt.getTime())),
      );
      const [message] = await tx
        .insert(messages)
        .values({
          provinceCode: locked.incident.provinceCode,
          regencyCode: locked.incident.regencyCode,
          incidentId: locked.incident.id,
          requestId: locked.request.id,
          audience: 'posko',
          senderUserId: actor.userId,
          senderName: actor.name,
          senderVolunteerId: actor.volunteerId,
          body: command.body,
          createdAt: writtenAt,
        })
        .returning();
      return {
        result: { messageId: message!.id, sentAt: writtenAt.toISOString() },
        events: [
          {
            type: MESSAGE_EVENTS.written,
            ...scopeOf(locked),
            payload: {
              messageId: message!.id,
              requestId: locked.request.id,
              assignmentId: locked.assignment.id,
              body: command.body,
              writtenAt: writtenAt.toISOString(),
            },
          },
        ],
      };
    },
  );
}
