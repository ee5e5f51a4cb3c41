import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { channelMessages, channelSendPace, type ChannelMessage, type NewEventRow } from '../../db/schema';
import { CHANNEL_EVENTS, type MessageStatus } from '../../lib/channels';
import type { DomainContext } from '../context';
import type { Env } from '../env';
import { commitWithEvents } from '../events/commit';
import { logger, withLogContext } from '../log';
import { whatsappWindowOpen } from './outbox';
import type { Providers } from './providers';

/** A claimed text not finished by then (the process died mid-send) is taken again. */
const CLAIM_LEASE_MS = 60_000;
/** How often the queue looks for due texts when nobody kicked it. */
const POLL_MS = 1_000;
/** A pace set far ahead (a process whose clock ran fast) holds the others up at most this long at a time. */
const MAX_PACE_WAIT_MS = 60_000;

export interface ChannelQueue {
  /** Something was queued: send it now rather than at the next poll. */
  kick(): void;
  /** Resolves when the queue has nothing due left (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

type QueueEnv = Pick<Env, 'POSKO_SMS_RATE_PER_MINUTE' | 'POSKO_SMS_RETRY_SECONDS' | 'POSKO_SMS_MAX_ATTEMPTS'>;

/** The event that tells pages a text was sent, delivered or finally failed. */
export function messageStatusEvent(row: ChannelMessage, status: MessageStatus): NewEventRow {
  return {
    type: CHANNEL_EVENTS.messageStatus,
    provinceCode: row.provinceCode,
    volunteerId: row.volunteerId,
    incidentId: row.incidentId,
    payload: {
      messageId: row.id,
      status,
      channel: row.channel,
      kind: row.kind,
      requestId: row.requestId,
      assignmentId: row.assignmentId,
    },
  };
}

/**
 * The send queue in the database: texts wait as rows, so a restart loses none. Each text is claimed
 * with SKIP LOCKED (several processes never send one twice), at POSKO_SMS_RATE_PER_MINUTE for all
 * processes on the database together (the pace row), and on failure retried after
 * POSKO_SMS_RETRY_SECONDS, doubling each time, until POSKO_SMS_MAX_ATTEMPTS.
 */
export function createChannelQueue(ctx: DomainContext, providers: Providers, env: QueueEnv): ChannelQueue {
  const spacingMs = 60_000 / env.POSKO_SMS_RATE_PER_MINUTE;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  /**
   * Claims the oldest due text when the shared pace allows one now; otherwise says how long to wait.
   * The pace row is locked first, so claims from every process take turns and keep one rate together.
   */
  async function claimNext(): Promise<ChannelMessage | { waitMs: number } | null> {
    const now = ctx.now();
    return ctx.db.transaction(async (tx) => {
      await tx
        .insert(channelSendPace)
        .values({ id: 1, nextSendAt: new Date(0) })
        .onConflictDoNothing();
      // The database's clock, read after the lock: every process measures the pace by the same clock.
      const [pace] = await tx
        .select({
          waitMs: sql<number>`(extract(epoch from ${channelSendPace.nextSendAt} - clock_timestamp()) * 1000)::float8`,
        })
        .from(channelSendPace)
        .where(eq(channelSendPace.id, 1))
        .for('no key update');
      if (pace!.waitMs > 0) return { waitMs: Math.ceil(pace!.waitMs) };
      const [due] = await tx
        .select({ id: channelMessages.id })
        .from(channelMessages)
        .where(and(eq(channelMessages.status, 'queued'), lte(channelMessages.nextAttemptAt, now)))
        .orderBy(asc(channelMessages.nextAttemptAt))
        .limit(1)
        .for('no key update', { skipLocked: true });
      if (!due) return null;
      const [claimed] = await tx
        .update(channelMessages)
        .set({
          attempts: sql`${channelMessages.attempts} + 1`,
          nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS),
          updatedAt: now,
        })
        .where(eq(channelMessages.id, due.id))
        .returning();
      await tx
        .update(channelSendPace)
        .set({ nextSendAt: sql`clock_timestamp() + make_interval(secs => ${spacingMs / 1000}::float8)` })
        .where(eq(channelSendPace.id, 1));
      return claimed ?? null;
    });
  }

  async function deliver(row: ChannelMessage): Promise<void> {
    const provider = providers[row.channel as keyof Providers];
    try {
      if (!provider) throw new Error(`no ${row.channel} provider is configured`);
      const windowOpen = row.channel === 'whatsapp' && (await whatsappWindowOpen(ctx.db, row.volunteerId, ctx.now()));
      const { providerMessageId } = await provider.send({ id: row.id, to: row.toPhone, text: row.text, windowOpen });
      const now = ctx.now();
      await commitWithEvents(ctx, async (tx) => {
        await tx
          .update(channelMessages)
          .set({
            status: 'sent',
            provider: provider.name,
            providerMessageId,
            sentAt: now,
            lastError: null,
            updatedAt: now,
          })
          .where(eq(channelMessages.id, row.id));
        return { result: null, events: [messageStatusEvent(row, 'sent')] };
      });
      logger().info({ messageId: row.id, channel: row.channel, provider: provider.name }, 'Text sent');
    } catch (error) {
      const now = ctx.now();
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const final = !provider || row.attempts >= env.POSKO_SMS_MAX_ATTEMPTS;
      const waitMs = env.POSKO_SMS_RETRY_SECONDS * 1000 * 2 ** (row.attempts - 1);
      await commitWithEvents(ctx, async (tx) => {
        await tx
          .update(channelMessages)
          .set(
            final
              ? { status: 'failed', lastError: reason, updatedAt: now }
              : { lastError: reason, nextAttemptAt: new Date(now.getTime() + waitMs), updatedAt: now },
          )
          .where(eq(channelMessages.id, row.id));
        return { result: null, events: final ? [messageStatusEvent(row, 'failed')] : [] };
      });
      logger().warn(
        { err: error, messageId: row.id, channel: row.channel, attempts: row.attempts, final },
        final ? 'Text failed for good' : 'Text not sent; it is tried again',
      );
      if (!final) schedule(waitMs);
    }
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      for (;;) {
        if (stopped) return;
        const claim = await claimNext();
        if (!claim) break;
        if ('waitMs' in claim) {
          // Another process (or this one) sent a moment ago: wait for the shared pace, never past a minute.
          await new Promise((resolve) => setTimeout(resolve, Math.min(claim.waitMs, MAX_PACE_WAIT_MS)));
          continue;
        }
        await deliver(claim);
      }
    } while (again && !stopped);
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = withLogContext({ job: 'text-queue' }, drain)
      .catch((error: unknown) => logger().error({ err: error }, 'The SMS queue failed'))
      .finally(() => {
        running = null;
      });
  }

  function schedule(ms: number): void {
    if (stopped) return;
    const wait = setTimeout(kick, ms);
    wait.unref();
  }

  timer = setInterval(kick, POLL_MS);
  timer.unref();
  kick();

  return {
    kick,
    async idle() {
      while (running) await running;
    },
    async close() {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
      while (running) await running;
    },
  };
}
