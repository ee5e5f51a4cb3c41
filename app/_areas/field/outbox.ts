'use client';

import { useEffect, useSyncExternalStore } from 'react';
import type { AssignmentAnswer } from '@/lib/dispatch';
import type { CheckInStatus } from '@/lib/operations';
import type { Ack } from '@/lib/realtime';
import type { VolunteerAssignment } from '@/server/deployments/queries';
import { callApi } from '@/app/_shared/api';
import { addToOutbox, outboxOf, putOutboxEntry, removeOutboxEntry, type OutboxEntry } from './field-store';
import { reportDatabaseDown, reportDatabaseUp } from '@/app/_shared/outage';
import { getSocket } from '@/app/_shared/socket';

/** What a tap needs besides the bookkeeping the outbox adds. */
export type NewOutboxEntry = OutboxEntry extends infer E
  ? E extends OutboxEntry
    ? Omit<E, 'seq' | 'userId' | 'queuedAt' | 'queuedOffline' | 'state'>
    : never
  : never;

export interface OutboxHooks {
  /** A command the server took: its answer, to show at once. */
  onAnswer(answer: AssignmentAnswer): void;
  /** A check-in the server took. */
  onCheckIn(status: CheckInStatus): void;
  /** An availability change the server took. */
  onAvailability(availability: 'available' | 'unavailable'): void;
  /** The volunteer's offers as the server has them now (after a refusal, to explain it). */
  reload(): Promise<VolunteerAssignment[] | null>;
}

/** No answer by then and the tap waits for the next connection (the key makes a resend harmless). */
const ANSWER_TIMEOUT_MS = 15_000;
/** Answered taps stay listed this long, so the volunteer sees what happened to them. */
const KEEP_SETTLED_MS = 24 * 3_600_000;

/** While the server cannot reach its database, waiting taps are sent again this often. */
const UNAVAILABLE_RETRY_MS = 5_000;

type Sent =
  | { outcome: 'sent'; answer?: AssignmentAnswer | CheckInStatus; assessmentId?: string }
  | { outcome: 'refused'; error: string; conflict: boolean }
  | { outcome: 'offline' }
  | { outcome: 'unavailable' };

/**
 * The phone's outbox: every tap is written to IndexedDB first, then sent; taps that could not be sent
 * wait and go out in order, with their idempotency keys, when the connection returns. A tap is never
 * lost by a dead zone, a closed page or a reload.
 */
class Outbox {
  private userId: string | null = null;
  private entries: OutboxEntry[] = [];
  private listeners = new Set<() => void>();
  private hooks: OutboxHooks | null = null;
  private flushing = false;
  private again = false;
  private retry: ReturnType<typeof setTimeout> | null = null;

  async start(userId: string, hooks: OutboxHooks): Promise<void> {
    this.hooks = hooks;
    if (this.userId === userId) return void this.flush();
    this.userId = userId;
    const stored = await outboxOf(userId);
    const cutoff = Date.now() - KEEP_SETTLED_MS;
    for (const entry of stored) {
      if (entry.settledAt && Date.parse(entry.settledAt) < cutoff) await removeOutboxEntry(entry.seq!);
    }
    this.entries = stored.filter((entry) => !entry.settledAt || Date.parse(entry.settledAt) >= cutoff);
    this.changed();
    void this.flush();
  }

  stop(hooks: OutboxHooks): void {
    if (this.hooks === hooks) this.hooks = null;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = () => this.entries;

  async enqueue(tap: NewOutboxEntry): Promise<void> {
    if (!this.userId) throw new Error('The outbox is not started.');
    const entry = {
      ...tap,
      userId: this.userId,
      queuedAt: new Date().toISOString(),
      queuedOffline: !getSocket().connected,
      state: 'waiting',
    } as OutboxEntry;
    entry.seq = await addToOutbox(entry);
    this.entries = [...this.entries, entry];
    this.changed();
    await this.flush();
  }

  async dismiss(seq: number): Promise<void> {
    await removeOutboxEntry(seq);
    this.entries = this.entries.filter((entry) => entry.seq !== seq);
    this.changed();
  }

  /** Sends the waiting taps in order; stops at the first that gets no answer, to keep the order. */
  async flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = true;
    try {
      do {
        this.again = false;
        for (const entry of this.entries.filter((item) => item.state === 'waiting')) {
          if (!getSocket().connected) return;
          const sent = await send(entry, (key) =>
            this.entries.find((item) => item.kind === 'assessment' && item.input.idempotencyKey === key),
          );
          if (sent.outcome === 'offline') {
            if (!entry.queuedOffline) await this.update({ ...entry, queuedOffline: true });
            return;
          }
          if (sent.outcome === 'unavailable') {
            // Connected, but the server cannot reach its database: the tap waits, with its key, and goes again.
            reportDatabaseDown();
            this.retryLater();
            return;
          }
          reportDatabaseUp();
          await this.settle(entry, sent);
        }
      } while (this.again);
    } finally {
      this.flushing = false;
    }
  }

  private retryLater(): void {
    if (this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.flush();
    }, UNAVAILABLE_RETRY_MS);
  }

  private async settle(entry: OutboxEntry, sent: Extract<Sent, { outcome: 'sent' | 'refused' }>): Promise<void> {
    const settledAt = new Date().toISOString();
    if (sent.outcome === 'sent') {
      await this.update({
        ...entry,
        state: 'sent',
        settledAt,
        ...(entry.kind === 'assessment' && sent.assessmentId ? { assessmentId: sent.assessmentId } : {}),
      });
      if (sent.answer && 'state' in sent.answer) this.hooks?.onCheckIn(sent.answer);
      else if (sent.answer) this.hooks?.onAnswer(sent.answer);
      if (entry.kind === 'availability') this.hooks?.onAvailability(entry.availability);
      return;
    }
    let filledMeanwhile = false;
    if (entry.kind === 'command' && entry.command === 'offer:accept' && sent.conflict) {
      const now = await this.hooks?.reload();
      const item = now?.find((offer) => offer.assignment.id === entry.input.assignmentId);
      filledMeanwhile = entry.queuedOffline && item?.request.status === 'filled';
    }
    await this.update({ ...entry, state: 'refused', error: sent.error, filledMeanwhile, settledAt });
  }

  private async update(entry: OutboxEntry): Promise<void> {
    await putOutboxEntry(entry);
    this.entries = this.entries.map((item) => (item.seq === entry.seq ? entry : item));
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** A photo goes to its assessment once the server took that; a refused assessment takes its photos along. */
async function sendPhoto(
  entry: Extract<OutboxEntry, { kind: 'photo' }>,
  assessment: OutboxEntry | undefined,
): Promise<Sent> {
  const assessmentId = assessment?.kind === 'assessment' ? assessment.assessmentId : undefined;
  if (!assessmentId) {
    return {
      outcome: 'refused',
      error: 'Kaji cepatnya tidak diterima server, jadi fotonya tidak dikirim.',
      conflict: false,
    };
  }
  let response: Response;
  try {
    response = await fetch(`/api/assessments/${assessmentId}/photos`, {
      method: 'POST',
      headers: {
        'content-type': entry.photo.type || 'application/octet-stream',
        'idempotency-key': entry.idempotencyKey,
      },
      body: entry.photo,
      credentials: 'same-origin',
    });
  } catch {
    return { outcome: 'offline' };
  }
  if (response.ok) return { outcome: 'sent' };
  if (response.status === 503) return { outcome: 'unavailable' };
  if (response.status >= 500) return { outcome: 'offline' };
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  return { outcome: 'refused', error: body?.error ?? 'Foto tidak diterima.', conflict: response.status === 409 };
}

async function send(entry: OutboxEntry, assessmentOf: (key: string) => OutboxEntry | undefined): Promise<Sent> {
  if (entry.kind === 'photo') return sendPhoto(entry, assessmentOf(entry.assessmentKey));
  if (entry.kind === 'availability') {
    const result = await callApi(`/api/volunteers/${entry.volunteerId}/availability`, {
      method: 'PATCH',
      body: { availability: entry.availability },
    });
    if (result.ok) return { outcome: 'sent' };
    if (result.status === 503) return { outcome: 'unavailable' };
    if (result.status === 0 || result.status >= 500) return { outcome: 'offline' };
    return { outcome: 'refused', error: result.error, conflict: result.status === 409 };
  }
  if (entry.kind === 'assessment') {
    try {
      const ack = (await getSocket()
        .timeout(ANSWER_TIMEOUT_MS)
        .emitWithAck('assessment:submit', entry.input as never)) as Ack<{ id: string }>;
      if (ack.ok) return { outcome: 'sent', assessmentId: ack.data.id };
      if (ack.code === 'UNAVAILABLE') return { outcome: 'unavailable' };
      return { outcome: 'refused', error: ack.error, conflict: ack.code === 'CONFLICT' };
    } catch {
      return { outcome: 'offline' };
    }
  }
  if (entry.kind === 'contact') {
    // Roll-call and message answers reach their cards as live events; the ack only settles the tap.
    try {
      const ack = (await getSocket()
        .timeout(ANSWER_TIMEOUT_MS)
        .emitWithAck(entry.command, entry.input as never)) as Ack<unknown>;
      if (ack.ok) return { outcome: 'sent' };
      if (ack.code === 'UNAVAILABLE') return { outcome: 'unavailable' };
      return { outcome: 'refused', error: ack.error, conflict: ack.code === 'CONFLICT' };
    } catch {
      return { outcome: 'offline' };
    }
  }
  let ack: Ack<AssignmentAnswer | CheckInStatus>;
  try {
    ack = (await getSocket()
      .timeout(ANSWER_TIMEOUT_MS)
      .emitWithAck(entry.command, entry.input as never)) as Ack<AssignmentAnswer | CheckInStatus>;
  } catch {
    return { outcome: 'offline' };
  }
  if (ack.ok) return { outcome: 'sent', answer: ack.data };
  if (ack.code === 'UNAVAILABLE') return { outcome: 'unavailable' };
  return { outcome: 'refused', error: ack.error, conflict: ack.code === 'CONFLICT' };
}

export const outbox = new Outbox();

const NONE: OutboxEntry[] = [];

/** The account's outbox, live; starts it (and its sending on every reconnect) for the page's lifetime. */
export function useOutbox(userId: string, hooks: OutboxHooks): OutboxEntry[] {
  useEffect(() => {
    void outbox.start(userId, hooks);
    const socket = getSocket();
    const flush = () => void outbox.flush();
    // The phone knows before the socket does: close it now so the page says "offline" at once, and
    // reconnect as soon as the network is back instead of waiting for the next retry.
    const offline = () => socket.io.engine?.close();
    const online = () => {
      if (!socket.connected) socket.disconnect().connect();
    };
    socket.on('connect', flush);
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    return () => {
      outbox.stop(hooks);
      socket.off('connect', flush);
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
    };
  }, [userId, hooks]);
  return useSyncExternalStore(outbox.subscribe, outbox.snapshot, () => NONE);
}
