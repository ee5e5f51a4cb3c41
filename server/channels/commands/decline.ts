import { declineOffer } from '../../deployments/decline-offer';
import { replyOrRefusal, resolveItem, type CommandHandler } from './context';

/** TOLAK <kode> [alasan]: the offer is turned down, with the reason as typed. */
export const declineByText: CommandHandler<'decline'> = (command, { code, reason }) =>
  replyOrRefusal(async () => {
    const item = await resolveItem(command, code, 'offer', 'TOLAK');
    if (!item.ok) return item.reply;
    await declineOffer({
      ctx: command.ctx,
      input: {
        assignmentId: item.assignmentId,
        ...(reason && { reason: reason.slice(0, 500) }),
        idempotencyKey: command.idempotencyKey,
      },
    });
    return `Posko: tawaran ${item.code} DITOLAK. Terima kasih sudah menjawab.`;
  });
