import { eq } from 'drizzle-orm';
import { assignments } from '../../../db/schema';
import { REPORTED_FROM_STATUSES } from '../../../lib/dispatch';
import { reportStatus } from '../../deployments/report-status';
import type { ReportedStep } from '../../../lib/sms-commands';
import { replyOrRefusal, resolveItem, type CommandHandler } from './context';

const NEXT: Record<ReportedStep, (code: string) => string> = {
  en_route: (code) => `Posko: ${code} BERANGKAT dicatat. Hati-hati di jalan. Sampai di lokasi balas TIBA ${code}.`,
  on_site: (code) => `Posko: ${code} TIBA dicatat. Setelah tugas selesai balas SELESAI ${code}.`,
  completed: (code) => `Posko: ${code} SELESAI dicatat. Terima kasih. Status Anda kembali SIAGA.`,
};

const WORD: Record<ReportedStep, string> = { en_route: 'BERANGKAT', on_site: 'TIBA', completed: 'SELESAI' };

/** BERANGKAT / OTW, TIBA, SELESAI <kode>: one step of the running assignment. */
export const reportByText: CommandHandler<'report'> = (command, { step, code }) =>
  replyOrRefusal(async () => {
    const item = await resolveItem(command, code, 'active', WORD[step]);
    if (!item.ok) return item.reply;
    // A text names the step, not the state it leaves: the state as it is now (the verb checks the move).
    const [row] = await command.ctx.db
      .select({ status: assignments.status })
      .from(assignments)
      .where(eq(assignments.id, item.assignmentId));
    const from = REPORTED_FROM_STATUSES.find((status) => status === row?.status) ?? REPORTED_FROM_STATUSES[0];
    await reportStatus({
      ctx: command.ctx,
      input: { assignmentId: item.assignmentId, status: step, from, idempotencyKey: command.idempotencyKey },
    });
    return NEXT[step](item.code);
  });
