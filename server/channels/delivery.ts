import { and, eq } from 'drizzle-orm';
import { channelMessages } from '../../db/schema';
import type { MessageStatus } from '../../lib/channels';
import type { DomainContext } from '../context';
import { commitWithEvents } from '../events/commit';
import { messageStatusEvent } from './queue';

/** Where a status may move: a report never takes a delivered text back to sent. */
const RANK: Record<MessageStatus, number> = { queued: 0, sent: 1, delivered: 2, failed: 2 };

/**
 * A provider's delivery report for one of Posko's texts (by the provider's id). Unknown ids and
 * reports that would move a text backwards change nothing, so a repeated report counts once.
 */
export async function recordDelivery({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: { provider: string; providerMessageId: string; status: 'sent' | 'delivered' | 'failed'; error?: string };
}): Promise<{ changed: boolean }> {
  const now = ctx.now();
  return commitWithEvents<{ changed: boolean }>(ctx, async (tx) => {
    const [row] = await tx
      .select()
      .from(channelMessages)
      .where(
        and(
          eq(channelMessages.provider, input.provider),
          eq(channelMessages.providerMessageId, input.providerMessageId),
        ),
      )
      .for('no key update')
      .limit(1);
    if (!row || RANK[input.status] <= RANK[row.status as MessageStatus])
      return { result: { changed: false }, events: [] };
    await tx
      .update(channelMessages)
      .set({
        status: input.status,
        ...(input.status === 'delivered' && { deliveredAt: now }),
        ...(input.status === 'failed' && { lastError: (input.error ?? 'provider reported failure').slice(0, 500) }),
        updatedAt: now,
      })
      .where(eq(channelMessages.id, row.id));
    return { result: { changed: true }, events: [messageStatusEvent(row, input.status)] };
  });
}
