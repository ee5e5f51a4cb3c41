import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { channelMessages, channelPreferences, volunteers } from '../../db/schema';
import type { Channel, ChannelPreference, MessageKind, MessageStatus, OutboxEntry } from '../../lib/channels';

const entry = {
  id: channelMessages.id,
  channel: channelMessages.channel,
  provider: channelMessages.provider,
  kind: channelMessages.kind,
  toPhone: channelMessages.toPhone,
  text: channelMessages.text,
  status: channelMessages.status,
  attempts: channelMessages.attempts,
  lastError: channelMessages.lastError,
  volunteerId: channelMessages.volunteerId,
  volunteerName: volunteers.name,
  requestId: channelMessages.requestId,
  createdAt: channelMessages.createdAt,
  sentAt: channelMessages.sentAt,
};

type Row = { [K in keyof typeof entry]: unknown } & { createdAt: Date; sentAt: Date | null };

const toEntry = (row: Row): OutboxEntry => ({
  ...(row as unknown as OutboxEntry),
  channel: row.channel as Channel,
  kind: row.kind as MessageKind,
  status: row.status as MessageStatus,
  createdAt: row.createdAt.toISOString(),
  sentAt: row.sentAt?.toISOString() ?? null,
});

/**
 * The outbox of a province (or of one kabupaten's volunteers), newest first: what was (or would have
 * been) sent, to whom, and how it went.
 */
export async function provinceOutbox(
  db: Executor,
  provinceCode: string,
  regencyCode: string | null = null,
  limit = 200,
): Promise<OutboxEntry[]> {
  const rows = await db
    .select(entry)
    .from(channelMessages)
    .leftJoin(volunteers, eq(volunteers.id, channelMessages.volunteerId))
    .where(
      and(
        eq(channelMessages.provinceCode, provinceCode),
        regencyCode ? eq(volunteers.regencyCode, regencyCode) : undefined,
      ),
    )
    .orderBy(desc(channelMessages.createdAt))
    .limit(limit);
  return rows.map(toEntry);
}

/** One volunteer's texts, newest first. */
export async function volunteerTexts(db: Executor, volunteerId: string, limit = 50): Promise<OutboxEntry[]> {
  const rows = await db
    .select(entry)
    .from(channelMessages)
    .leftJoin(volunteers, eq(volunteers.id, channelMessages.volunteerId))
    .where(eq(channelMessages.volunteerId, volunteerId))
    .orderBy(desc(channelMessages.createdAt))
    .limit(limit);
  return rows.map(toEntry);
}

export interface RequestTexts {
  /** Texts about the request by state (offers, reminders, cancellations; replies are not counted). */
  counts: Record<MessageStatus, number>;
  /** The state of the latest text to each assignment's volunteer. */
  byAssignment: Record<string, MessageStatus>;
}

/** How the texts of a request went, for its progress on the incident page. */
export async function requestTexts(db: Executor, requestId: string): Promise<RequestTexts> {
  const rows = await db
    .select({
      assignmentId: channelMessages.assignmentId,
      status: channelMessages.status,
      createdAt: channelMessages.createdAt,
    })
    .from(channelMessages)
    .where(and(eq(channelMessages.requestId, requestId), ne(channelMessages.kind, 'reply')))
    .orderBy(channelMessages.createdAt);
  const counts: Record<MessageStatus, number> = { queued: 0, sent: 0, delivered: 0, failed: 0 };
  const byAssignment: Record<string, MessageStatus> = {};
  for (const row of rows) {
    counts[row.status as MessageStatus]++;
    if (row.assignmentId) byAssignment[row.assignmentId] = row.status as MessageStatus;
  }
  return { counts, byAssignment };
}

/** The volunteer's choice; those who never chose get texts as a fallback. */
export async function preferenceOf(db: Executor, volunteerId: string): Promise<ChannelPreference> {
  const [row] = await db
    .select({ mode: channelPreferences.mode })
    .from(channelPreferences)
    .where(eq(channelPreferences.volunteerId, volunteerId));
  return row?.mode === 'always' ? 'always' : 'fallback';
}

/** Texts waiting in the queue, for the outbox page's header. */
export async function queuedCount(db: Executor, provinceCode: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(channelMessages)
    .where(and(eq(channelMessages.provinceCode, provinceCode), inArray(channelMessages.status, ['queued'])));
  return row?.n ?? 0;
}

/** Texts waiting to be sent, per channel (the queue's depth; the partial index on queued rows serves it). */
export async function textsQueued(db: Executor): Promise<{ channel: string; count: number }[]> {
  return db
    .select({ channel: channelMessages.channel, count: sql<number>`count(*)`.mapWith(Number) })
    .from(channelMessages)
    .where(eq(channelMessages.status, 'queued'))
    .groupBy(channelMessages.channel);
}
