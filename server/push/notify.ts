import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { createTranslator } from 'use-intl/core';
import webpush from 'web-push';
import enField from '../../lib/messages/en/field.json';
import idField from '../../lib/messages/id/field.json';
import type { Database } from '../../db/client';
import { incidents, pushSubscriptions, sessions, users, type EventRow } from '../../db/schema';
import { ASSIGNMENT_EVENTS } from '../../lib/dispatch';
import { offerUrl, type PushMessage } from '../../lib/push';
import type { Env } from '../env';
import { pushEndpointAllowed } from './endpoints';
import { vapidKeys } from './keys';

const NOTIFIED: Record<string, PushMessage['kind']> = {
  [ASSIGNMENT_EVENTS.offered]: 'offer',
  [ASSIGNMENT_EVENTS.cancelled]: 'cancelled',
};

const WORDING = { id: idField, en: enField } as const;

/** Sends at most this many notifications at once. */
const PARALLEL = 20;
/** A push service that has not answered by then is given up on for this message. */
const SEND_TIMEOUT_MS = 10_000;
/** An offer is worth delivering for a day at most; the push service drops it afterwards. */
const TTL_SECONDS = 24 * 3600;

export interface PushNotifier {
  /** Called with every committed batch of events; sends what concerns phones, without waiting. */
  notify(events: EventRow[]): void;
  /** Resolves when everything handed over so far has been sent (or has failed). */
  idle(): Promise<void>;
}

interface Deps {
  db: Database;
  env: Pick<Env, 'POSKO_VAPID_PUBLIC_KEY' | 'POSKO_VAPID_PRIVATE_KEY' | 'POSKO_VAPID_SUBJECT' | 'POSKO_PUSH_ORIGINS'>;
  now: () => Date;
}

/**
 * Web Push for phones whose page is closed: a new offer and a cancellation reach every subscribed phone
 * of the volunteer's account whose session is still live. Gone subscriptions (404/410) are removed.
 */
export function createPushNotifier(deps: Deps): PushNotifier {
  let sending: Promise<void> = Promise.resolve();
  return {
    notify(events) {
      const relevant = events.filter((event) => NOTIFIED[event.type] && event.volunteerId);
      if (relevant.length === 0) return;
      sending = sending
        .then(() => send(deps, relevant))
        .catch((error: unknown) => console.error('Web Push: could not send notifications:', error));
    },
    idle: () => sending,
  };
}

async function send(deps: Deps, events: EventRow[]): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const volunteerIds = [...new Set(events.map((event) => event.volunteerId!))];
  const subscriptions = await db
    .select({ subscription: pushSubscriptions, volunteerId: users.volunteerId })
    .from(pushSubscriptions)
    .innerJoin(users, eq(users.id, pushSubscriptions.userId))
    .innerJoin(sessions, eq(sessions.tokenHash, pushSubscriptions.sessionHash))
    .where(
      and(
        inArray(users.volunteerId, volunteerIds),
        isNull(users.disabledAt),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
      ),
    );
  if (subscriptions.length === 0) return;

  const incidentIds = [...new Set(events.map((event) => event.incidentId).filter((id): id is string => !!id))];
  const titles = new Map(
    incidentIds.length === 0
      ? []
      : (
          await db
            .select({ id: incidents.id, title: incidents.title })
            .from(incidents)
            .where(inArray(incidents.id, incidentIds))
        ).map((row) => [row.id, row.title]),
  );
  const keys = await vapidKeys(db, deps.env);
  const vapidDetails = { subject: deps.env.POSKO_VAPID_SUBJECT, ...keys };

  const deliveries = events.flatMap((event) =>
    subscriptions
      .filter((row) => row.volunteerId === event.volunteerId)
      // Checked again at sending: the configured push services may have changed since it subscribed.
      .filter(({ subscription }) => pushEndpointAllowed(subscription.endpoint, deps.env.POSKO_PUSH_ORIGINS ?? []))
      .map(({ subscription }) => ({
        subscription,
        message: compose(event, titles.get(event.incidentId ?? '') ?? '', subscription.locale),
      })),
  );
  for (let i = 0; i < deliveries.length; i += PARALLEL) {
    await Promise.all(
      deliveries
        .slice(i, i + PARALLEL)
        .map(({ subscription, message }) =>
          deliver(deps, subscription, message, vapidDetails).catch((error: unknown) =>
            console.error(`Web Push to ${new URL(subscription.endpoint).host} failed: ${String(error)}`),
          ),
        ),
    );
  }
}

function compose(event: EventRow, incidentTitle: string, locale: string): PushMessage {
  const kind = NOTIFIED[event.type]!;
  const t = createTranslator({
    locale: locale === 'en' ? 'en' : 'id',
    messages: { field: WORDING[locale === 'en' ? 'en' : 'id'] },
    namespace: 'field.push',
  });
  const assignmentId = String(event.payload.assignmentId);
  return {
    kind,
    assignmentId,
    requestId: String(event.payload.requestId),
    title: t(`${kind}.title`),
    body: t(`${kind}.body`, { incident: incidentTitle }),
    url: offerUrl(assignmentId),
  };
}

async function deliver(
  deps: Deps,
  subscription: typeof pushSubscriptions.$inferSelect,
  message: PushMessage,
  vapidDetails: { subject: string; publicKey: string; privateKey: string },
): Promise<void> {
  // web-push encrypts (RFC 8291, aes128gcm) and signs (VAPID); the request itself goes out through fetch.
  const details = webpush.generateRequestDetails(
    { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
    JSON.stringify(message),
    { vapidDetails, TTL: TTL_SECONDS, urgency: 'high', contentEncoding: 'aes128gcm' },
  );
  const response = await fetch(details.endpoint, {
    method: details.method,
    headers: details.headers as Record<string, string>,
    body: new Uint8Array(details.body),
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    redirect: 'error',
  });
  await response.body?.cancel();
  if (response.status === 404 || response.status === 410) {
    // The browser dropped the subscription: never send to it again.
    await deps.db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscription.id));
    return;
  }
  if (!response.ok) throw new Error(`push service answered ${response.status}`);
  await deps.db
    .update(pushSubscriptions)
    .set({ lastSentAt: deps.now() })
    .where(eq(pushSubscriptions.id, subscription.id));
}
