import { acceptOffer } from '../../deployments/accept-offer';
import { replyOrRefusal, resolveItem, type CommandHandler } from './context';

/** TERIMA <kode>: the same accept as the tap on /tugas; the reply says what to do next. */
export const acceptByText: CommandHandler<'accept'> = (command, { code }) =>
  replyOrRefusal(async () => {
    const item = await resolveItem(command, code, 'offer', 'TERIMA');
    if (!item.ok) return item.reply;
    const answer = await acceptOffer({
      ctx: command.ctx,
      input: { assignmentId: item.assignmentId, idempotencyKey: command.idempotencyKey },
    });
    return `Posko: ${item.code} DITERIMA (${answer.request.acceptedCount}/${answer.request.slots}). Saat berangkat balas BERANGKAT ${item.code}.`;
  });
