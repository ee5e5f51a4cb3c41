import { eq } from 'drizzle-orm';
import { assignments, deploymentRequests, incidents, provinces } from '../../../db/schema';
import { fitSms } from '../../../lib/gsm';
import { DomainError } from '../../errors';
import { reportCheckIn } from '../../operations/report-check-in';
import { replyOrRefusal, resolveItem, type CommandContext, type CommandHandler } from './context';

/** The incident province's posko line, when the office has set one. */
async function hotlineOf(command: CommandContext, assignmentId: string): Promise<string | null> {
  const [row] = await command.ctx.db
    .select({ hotline: provinces.hotline })
    .from(assignments)
    .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
    .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
    .innerJoin(provinces, eq(provinces.code, incidents.provinceCode))
    .where(eq(assignments.id, assignmentId));
  return row?.hotline ?? null;
}

/**
 * BANTUAN [catatan]: "Butuh bantuan" for the running assignment — red at once on the incident page and the
 * ketua regu's phone until a coordinator resolves it. The reply never only says "noted": in danger, call.
 */
export const needHelpByText: CommandHandler<'needHelp'> = (command, { note }) =>
  replyOrRefusal(async () => {
    const item = await resolveItem(command, null, 'active', 'BANTUAN');
    if (!item.ok) {
      return 'Posko: Anda tidak sedang bertugas. Bila Anda dalam bahaya, TELEPON koordinator atau 112 sekarang.';
    }
    const hotline = await hotlineOf(command, item.assignmentId);
    const call = `Bila dalam bahaya TELEPON ${hotline ? `posko ${hotline} atau ` : ''}112.`;
    try {
      await reportCheckIn({
        ctx: command.ctx,
        input: {
          assignmentId: item.assignmentId,
          kind: 'help',
          ...(note ? { note } : {}),
          idempotencyKey: command.idempotencyKey,
        },
      });
    } catch (error) {
      // Not watched yet (on the way) or no longer: the coordinator cannot be alerted here; say whom to call.
      if (error instanceof DomainError && error.code === 'CONFLICT') {
        return fitSms(`Posko: ${item.code} belum dipantau lapor aman. ${call}`);
      }
      throw error;
    }
    return fitSms(`Posko: ${item.code} BANTUAN diterima, koordinator diberi tahu. ${call}`);
  });
