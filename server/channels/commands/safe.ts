import { fitSms } from '../../../lib/gsm';
import { reportCheckIn } from '../../operations/report-check-in';
import { assignmentFacts } from '../facts';
import { shortWhen } from '../texts';
import { replyOrRefusal, resolveItem, type CommandHandler } from './context';

/**
 * AMAN [catatan]: "Saya aman" for the running assignment, the same check-in as the phone's button; the
 * reply says by when to report again, in the incident province's own time.
 */
export const safeByText: CommandHandler<'safe'> = (command, { note }) =>
  replyOrRefusal(async () => {
    const item = await resolveItem(command, null, 'active', 'AMAN');
    if (!item.ok) return item.reply;
    const status = await reportCheckIn({
      ctx: command.ctx,
      input: {
        assignmentId: item.assignmentId,
        kind: 'safe',
        ...(note ? { note } : {}),
        idempotencyKey: command.idempotencyKey,
      },
    });
    const facts = await assignmentFacts(command.ctx.db, item.assignmentId);
    const next = facts ? ` Lapor AMAN lagi sblm ${shortWhen(new Date(status.dueAt), facts.timeZone)}.` : '';
    return fitSms(`Posko: ${item.code} AMAN dicatat.${next}`);
  });
