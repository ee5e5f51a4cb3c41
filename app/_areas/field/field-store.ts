'use client';

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Availability } from '@/lib/domain';
import type { FieldPageData } from './VolunteerHome';

/**
 * What the phone keeps for the field app, per account, in IndexedDB: the last known page (so the app
 * opens offline) and the outbox of taps not yet answered by the server. Nothing of it goes to the
 * service worker's caches, and signing out deletes the account's rows.
 */

/** The volunteer page as last seen online: what the server rendered, without its log position. */
export type FieldSnapshot = Omit<FieldPageData, 'position'> & { userId: string; savedAt: string };

export type OutboxCommand =
  'offer:accept' | 'offer:decline' | 'assignment:withdraw' | 'assignment:report' | 'assignment:undo' | 'checkin:report';

/** Roll-call answers and messages: taps that travel in the same outbox, in order, with the phone's time. */
export type ContactCommand = 'rollcall:answer' | 'message:read' | 'message:reply' | 'message:send';
export type ContactTap = 'rollcall_present' | 'rollcall_need_help' | 'message_read' | 'message_reply' | 'message_send';

/** One tap, kept until the server answered it; then kept a while longer to show what happened. */
export type OutboxEntry = {
  /** Order of the taps; they are sent in this order. */
  seq?: number;
  userId: string;
  queuedAt: string;
  /** The socket was down when the tap was made (or the first try got no answer). */
  queuedOffline: boolean;
  state: 'waiting' | 'sent' | 'refused';
  /** The server's reason when refused. */
  error?: string;
  /** Set when the refusal means the request filled while the phone was offline. */
  filledMeanwhile?: boolean;
  settledAt?: string;
} & (
  | {
      kind: 'command';
      command: OutboxCommand;
      /** The command's input, idempotency key included: a resend is the same command. */
      input: {
        assignmentId: string;
        idempotencyKey: string;
        status?: string;
        /** The status a report moves from, as the phone saw it at the tap. */
        from?: string;
        reason?: string;
        /** A check-in: safe or help, an optional note, and when it was tapped. */
        kind?: 'safe' | 'help';
        note?: string;
        clientAt?: string;
        lat?: number;
        lng?: number;
      };
      /** The status the tap asks for (a check-in: "checkin"), and what it is about (for the list). */
      to: string;
      incidentTitle: string;
    }
  | { kind: 'availability'; volunteerId: string; availability: Exclude<Availability, 'deployed'> }
  | {
      kind: 'assessment';
      /** The assessment:submit input, idempotency key included. */
      input: { incidentId: string; idempotencyKey: string } & Record<string, unknown>;
      placeName: string;
      incidentTitle: string;
      /** The server's id for it, once it took it: its photos are sent there. */
      assessmentId?: string;
    }
  | {
      kind: 'photo';
      /** The idempotency key of the assessment it belongs to, which is sent before it. */
      assessmentKey: string;
      idempotencyKey: string;
      /** The photo as shrunk on the phone. */
      photo: Blob;
      /** Its place among the assessment's photos, as picked (1 to 3). */
      n: number;
      placeName: string;
      incidentTitle: string;
    }
  | {
      kind: 'contact';
      command: ContactCommand;
      /** The command's input, idempotency key and the phone's own time included. */
      input: Record<string, unknown> & { idempotencyKey: string };
      /** What the tap was (for the list), and what it is about. */
      what: ContactTap;
      about: string;
    }
);

interface FieldDb extends DBSchema {
  snapshots: { key: string; value: FieldSnapshot };
  outbox: { key: number; value: OutboxEntry; indexes: { byUser: string } };
  meta: { key: string; value: string };
}

let opening: Promise<IDBPDatabase<FieldDb>> | undefined;

function db(): Promise<IDBPDatabase<FieldDb>> {
  opening ??= openDB<FieldDb>('posko-field', 1, {
    upgrade(database) {
      database.createObjectStore('snapshots', { keyPath: 'userId' });
      const outbox = database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      outbox.createIndex('byUser', 'userId');
      database.createObjectStore('meta');
    },
  });
  return opening;
}

/** The account whose page the app shell shows when it opens without a network. */
const LAST_USER = 'lastUser';

export async function saveSnapshot(snapshot: FieldSnapshot): Promise<void> {
  const store = await db();
  const tx = store.transaction(['snapshots', 'meta'], 'readwrite');
  await Promise.all([
    tx.objectStore('snapshots').put(snapshot),
    tx.objectStore('meta').put(snapshot.userId, LAST_USER),
    tx.done,
  ]);
}

/** The last signed-in account's page, for the offline app shell. */
export async function lastSnapshot(): Promise<FieldSnapshot | undefined> {
  const store = await db();
  const userId = await store.get('meta', LAST_USER);
  return userId ? store.get('snapshots', userId) : undefined;
}

export async function outboxOf(userId: string): Promise<OutboxEntry[]> {
  return (await db()).getAllFromIndex('outbox', 'byUser', userId);
}

export async function addToOutbox(entry: OutboxEntry): Promise<number> {
  return (await db()).add('outbox', entry);
}

export async function putOutboxEntry(entry: OutboxEntry): Promise<void> {
  await (await db()).put('outbox', entry);
}

export async function removeOutboxEntry(seq: number): Promise<void> {
  await (await db()).delete('outbox', seq);
}

/** Signing out: the account's page and taps leave the phone. */
export async function forgetAccount(userId: string): Promise<void> {
  const store = await db();
  const tx = store.transaction(['snapshots', 'outbox', 'meta'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const keys = await outbox.index('byUser').getAllKeys(userId);
  await Promise.all([
    tx.objectStore('snapshots').delete(userId),
    ...keys.map((key) => outbox.delete(key)),
    (async () => {
      if ((await tx.objectStore('meta').get(LAST_USER)) === userId) await tx.objectStore('meta').delete(LAST_USER);
    })(),
  ]);
  await tx.done;
}
