import { and, eq } from 'drizzle-orm';
import { pushSubscriptions } from '../../db/schema';
import { SubscribePush, UnsubscribePush } from '../../lib/push';
import type { ActorContext } from '../auth/actor';
import type { Env } from '../env';
import { DomainError, parseInput } from '../errors';
import { pushEndpointAllowed } from './endpoints';

/**
 * A volunteer's phone agrees to notifications (offers, cancellations, roll calls, messages, check-ins due),
 * a coordinator's device to late and critical check-ins in its scope. The subscription belongs to the
 * session it was made in; the same browser subscribing again replaces its row.
 */
export async function subscribePush({
  ctx,
  input,
  sessionHash,
}: {
  ctx: ActorContext & { env: Pick<Env, 'POSKO_PUSH_ORIGINS'> };
  input: unknown;
  sessionHash: string;
}): Promise<{ id: string }> {
  const { endpoint, keys, locale } = parseInput(SubscribePush, input);
  if (ctx.actor.role !== 'volunteer' && ctx.actor.role !== 'coordinator') {
    throw new DomainError('FORBIDDEN', 'Pemberitahuan hanya untuk relawan dan koordinator.');
  }
  if (!pushEndpointAllowed(endpoint, ctx.env.POSKO_PUSH_ORIGINS ?? [])) {
    throw new DomainError('INVALID', 'Alamat layanan push ini tidak dikenal.', {
      endpoint: ['Gunakan langganan dari peramban (Chrome, Firefox, Safari, Edge).'],
    });
  }
  const values = {
    userId: ctx.actor.userId,
    sessionHash,
    endpoint,
    p256dh: keys.p256dh,
    auth: keys.auth,
    locale,
    createdAt: ctx.now(),
  };
  const [row] = await ctx.db
    .insert(pushSubscriptions)
    .values(values)
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { ...values, lastSentAt: null } })
    .returning({ id: pushSubscriptions.id });
  return { id: row!.id };
}

/** The phone no longer wants notifications (or signs out): its own subscription is removed. */
export async function unsubscribePush({ ctx, input }: { ctx: ActorContext; input: unknown }) {
  const { endpoint } = parseInput(UnsubscribePush, input);
  const removed = await ctx.db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.userId, ctx.actor.userId)))
    .returning({ id: pushSubscriptions.id });
  return { removed: removed.length };
}
