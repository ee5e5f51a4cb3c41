import { and, asc, eq, inArray } from 'drizzle-orm';
import { assignments, deploymentRequests, incidents, volunteers } from '../../../db/schema';
import { ASSIGNMENT_STATUS_LABELS } from '../../../lib/assignment-state';
import { AVAILABILITY_LABELS } from '../../../lib/domain';
import { codeFor } from '../codes';
import type { CommandHandler } from './context';

/** STATUS: the sender's availability and every open item with its code; names no one else. */
export const statusByText: CommandHandler<'status'> = async ({ ctx }) => {
  const volunteerId = ctx.actor.volunteerId;
  const [me] = await ctx.db
    .select({ availability: volunteers.availability })
    .from(volunteers)
    .where(eq(volunteers.id, volunteerId));
  const open = await ctx.db
    .select({ id: assignments.id, status: assignments.status, title: incidents.title })
    .from(assignments)
    .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
    .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
    .where(
      and(
        eq(assignments.volunteerId, volunteerId),
        inArray(assignments.status, ['offered', 'accepted', 'en_route', 'on_site']),
      ),
    )
    .orderBy(asc(assignments.offeredAt))
    .limit(5);
  const availability = me ? AVAILABILITY_LABELS[me.availability].toUpperCase() : '';
  if (open.length === 0) return `Posko: status Anda ${availability}. Tidak ada tawaran atau tugas terbuka.`;
  const items: string[] = [];
  for (const item of open) {
    items.push(`${await codeFor(ctx.db, volunteerId, item.id)} ${ASSIGNMENT_STATUS_LABELS[item.status]} ${item.title}`);
  }
  return `Posko: ${availability}. ${items.join('; ')}`;
};
