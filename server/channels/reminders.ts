import { and, eq, lt, notExists, sql } from 'drizzle-orm';
import {
  assignments,
  channelMessages,
  channelSettings,
  deploymentRequests,
  regencies,
  volunteers,
} from '../../db/schema';
import { DEFAULT_REMINDER_MINUTES } from '../../lib/channels';
import type { DomainContext } from '../context';
import { assignmentFacts } from './facts';
import { channelsFor, enqueueText, settingsOf } from './outbox';
import type { Providers } from './providers';
import { reminderText } from './texts';

/**
 * The second try: an offer still unanswered after the minutes its province set (30 by default) goes
 * by text once more to its volunteer, whatever the volunteer chose, while the request is still open.
 */
export async function remindUnanswered(ctx: DomainContext, providers: Providers): Promise<number> {
  const now = ctx.now();
  // -1 where the province turned the second try off; the default where it never chose.
  const minutes = sql<number>`coalesce((select coalesce(${channelSettings.reminderMinutes}, -1) from ${channelSettings}
    where ${channelSettings.provinceCode} = ${regencies.provinceCode}), ${DEFAULT_REMINDER_MINUTES})`;
  const due = await ctx.db
    .select({ assignmentId: assignments.id, provinceCode: regencies.provinceCode })
    .from(assignments)
    .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
    .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(
      and(
        eq(assignments.status, 'offered'),
        sql`${minutes} > 0`,
        eq(deploymentRequests.status, 'open'),
        sql`${deploymentRequests.deadline} > ${now}`,
        lt(assignments.offeredAt, sql`${now}::timestamptz - make_interval(mins => ${minutes})`),
        notExists(
          ctx.db
            .select({ id: channelMessages.id })
            .from(channelMessages)
            .where(and(eq(channelMessages.assignmentId, assignments.id), eq(channelMessages.kind, 'reminder'))),
        ),
      ),
    )
    .limit(500);

  let queued = 0;
  for (const { assignmentId, provinceCode } of due) {
    const settings = await settingsOf(ctx.db, provinceCode);
    const channels = channelsFor(settings, providers);
    await ctx.db.transaction(async (tx) => {
      const facts = await assignmentFacts(tx, assignmentId);
      if (!facts || facts.volunteer.retired) return;
      for (const channel of channels) {
        const queuedText = await enqueueText(tx, providers, {
          channel,
          kind: 'reminder',
          provinceCode,
          toPhone: facts.volunteer.phone,
          text: reminderText(facts),
          volunteerId: facts.volunteer.id,
          assignmentId,
          requestId: facts.requestId,
          incidentId: facts.incidentId,
        });
        if (queuedText) queued++;
      }
    });
  }
  return queued;
}
