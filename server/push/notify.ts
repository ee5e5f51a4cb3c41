import { and, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import { createTranslator } from 'use-intl/core';
import webpush from 'web-push';
import enField from '../../lib/messages/en/field.json';
import idField from '../../lib/messages/id/field.json';
import enContact from '../../lib/messages/en/contact.json';
import idContact from '../../lib/messages/id/contact.json';
import enNotify from '../../lib/messages/en/notify.json';
import idNotify from '../../lib/messages/id/notify.json';
import type { Database } from '../../db/client';
import { incidents, pushSubscriptions, sessions, users, type EventRow } from '../../db/schema';
import { ASSIGNMENT_EVENTS } from '../../lib/dispatch';
import { MESSAGE_EVENTS } from '../../lib/messaging';
import { incidentUrl, messageUrl, offerUrl, rollCallUrl, type PushMessage } from '../../lib/push';
import { ROLL_CALL_EVENTS } from '../../lib/roll-calls';
import type { Env } from '../env';
import { logger } from '../log';
import { shortWhen } from '../channels/texts';
import {
  checkInAudience,
  checkInNoticesOf,
  isCheckInNotice,
  type CheckInAudience,
  type CheckInNoticeState,
} from '../operations/check-in-notices';
import { isWaveOffer, perVolunteer } from '../deployments/offers';
import { pushEndpointAllowed } from './endpoints';
import { vapidKeys } from './keys';

const NOTIFIED: Record<string, Exclude<PushMessage['kind'], 'checkin'>> = {
  [ASSIGNMENT_EVENTS.offered]: 'offer',
  [ASSIGNMENT_EVENTS.cancelled]: 'cancelled',
  [ROLL_CALL_EVENTS.asked]: 'rollcall',
  [MESSAGE_EVENTS.addressed]: 'message',
};

const WORDING = { id: idField, en: enField } as const;
const CONTACT_WORDING = { id: idContact, en: enContact } as const;
const NOTIFY_WORDING = { id: idNotify, en: enNotify } as const;

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
  /** Batches handed over and not yet sent (the push queue's depth). */
  pending(): number;
}

interface Deps {
  db: Database;
  env: Pick<Env, 'POSKO_VAPID_PUBLIC_KEY' | 'POSKO_VAPID_PRIVATE_KEY' | 'POSKO_VAPID_SUBJECT' | 'POSKO_PUSH_ORIGINS'>;
  now: () => Date;
}

/**
 * Web Push for phones whose page is closed: a new offer, a cancellation, a roll call (and its reminder),
 * a message from the posko and a check-in due reach every subscribed phone of the volunteer's account
 * whose session is still live; a late or critical check-in reaches its ketua regu and the coordinators
 * in scope (server/operations/check-in-notices.ts). Gone subscriptions (404/410) are removed.
 */
export function createPushNotifier(deps: Deps): PushNotifier {
  let sending: Promise<void> = Promise.resolve();
  let pending = 0;
  return {
    notify(events) {
      const relevant = events.filter(
        (event) => (NOTIFIED[event.type] && (event.volunteerId || isWaveOffer(event))) || isCheckInNotice(event),
      );
      if (relevant.length === 0) return;
      pending += 1;
      sending = sending
        .then(() => send(deps, relevant))
        .catch((error: unknown) =>
          logger().error({ err: error, job: 'push' }, 'Web Push: could not send notifications'),
        )
        .finally(() => {
          pending -= 1;
        });
    },
    idle: () => sending,
    pending: () => pending,
  };
}

/** One notification to send: to every live subscription of a volunteer's account, or of a staff account. */
interface Notice {
  to: { volunteerId: string } | { userId: string };
  compose(locale: string): PushMessage;
}

async function send(deps: Deps, events: EventRow[]): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const notices = await noticesOf(db, await perVolunteer(db, events));
  if (notices.length === 0) return;
  const volunteerIds = [...new Set(notices.flatMap(({ to }) => ('volunteerId' in to ? [to.volunteerId] : [])))];
  const userIds = [...new Set(notices.flatMap(({ to }) => ('userId' in to ? [to.userId] : [])))];
  const subscriptions = await db
    .select({ subscription: pushSubscriptions, volunteerId: users.volunteerId, userId: users.id })
    .from(pushSubscriptions)
    .innerJoin(users, eq(users.id, pushSubscriptions.userId))
    .innerJoin(sessions, eq(sessions.tokenHash, pushSubscriptions.sessionHash))
    .where(
      and(
        or(
          volunteerIds.length > 0 ? inArray(users.volunteerId, volunteerIds) : undefined,
          userIds.length > 0 ? inArray(users.id, userIds) : undefined,
        ),
        isNull(users.disabledAt),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
      ),
    );
  if (subscriptions.length === 0) return;

  const keys = await vapidKeys(db, deps.env);
  const vapidDetails = { subject: deps.env.POSKO_VAPID_SUBJECT, ...keys };

  const deliveries = notices.flatMap((notice) =>
    subscriptions
      .filter((row) =>
        'volunteerId' in notice.to ? row.volunteerId === notice.to.volunteerId : row.userId === notice.to.userId,
      )
      // Checked again at sending: the configured push services may have changed since it subscribed.
      .filter(({ subscription }) => pushEndpointAllowed(subscription.endpoint, deps.env.POSKO_PUSH_ORIGINS ?? []))
      .map(({ subscription }) => ({ subscription, message: notice.compose(subscription.locale) })),
  );
  for (let i = 0; i < deliveries.length; i += PARALLEL) {
    await Promise.all(
      deliveries
        .slice(i, i + PARALLEL)
        .map(({ subscription, message }) =>
          deliver(deps, subscription, message, vapidDetails).catch((error: unknown) =>
            logger().warn(
              { err: error, job: 'push', pushService: new URL(subscription.endpoint).host },
              'Web Push to a phone failed',
            ),
          ),
        ),
    );
  }
}

/** What the events tell phones and staff: the volunteer's own notices, then the check-in notices. */
async function noticesOf(db: Database, events: EventRow[]): Promise<Notice[]> {
  const own = events.filter((event) => NOTIFIED[event.type] && event.volunteerId);
  const incidentIds = [...new Set(own.map((event) => event.incidentId).filter((id): id is string => !!id))];
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
  const notices: Notice[] = own.map((event) => ({
    to: { volunteerId: event.volunteerId! },
    compose: (locale) => compose(event, titles.get(event.incidentId ?? '') ?? '', locale),
  }));
  for (const event of events.filter((row) => isCheckInNotice(row))) {
    const audience = await checkInAudience(db, event);
    if (!audience) continue;
    const { due, staff } = checkInNoticesOf(event);
    if (due) {
      notices.push({
        to: { volunteerId: audience.volunteer.id },
        compose: (locale) => checkInPush(audience, 'due', locale),
      });
    }
    if (staff) {
      for (const leader of audience.teamLeaders) {
        notices.push({ to: { volunteerId: leader.id }, compose: (locale) => checkInPush(audience, staff, locale) });
      }
      for (const userId of audience.coordinatorUserIds) {
        notices.push({
          to: { userId },
          compose: (locale) => ({ ...checkInPush(audience, staff, locale), url: incidentUrl(audience.incidentId) }),
        });
      }
    }
  }
  return notices;
}

/** A check-in notice in the subscriber's language; a tap opens the volunteer's page (the coordinator's: the incident). */
export function checkInPush(audience: CheckInAudience, state: CheckInNoticeState, locale: string): PushMessage {
  const language = locale === 'en' ? 'en' : 'id';
  const t = createTranslator({
    locale: language,
    messages: { notify: NOTIFY_WORDING[language] },
    namespace: 'notify.push',
  });
  const values = {
    incident: audience.incidentTitle,
    name: audience.volunteer.name,
    when: shortWhen(audience.dueAt, audience.timeZone),
  };
  // A roll call's "butuh bantuan" may come by SMS (BANTUAN): its wording says it answered the apel.
  const wording = state === 'help' && audience.rollCall ? 'rollCallHelp' : state;
  return {
    kind: 'checkin',
    assignmentId: audience.assignmentId,
    state,
    title: t(`${wording}.title`, values),
    body: t(`${wording}.body`, values),
    url: state === 'due' ? offerUrl(audience.assignmentId) : '/tugas',
  };
}

function compose(event: EventRow, incidentTitle: string, locale: string): PushMessage {
  const kind = NOTIFIED[event.type]!;
  const t = createTranslator({
    locale: locale === 'en' ? 'en' : 'id',
    messages: { field: WORDING[locale === 'en' ? 'en' : 'id'] },
    namespace: 'field.push',
  });
  const contact = createTranslator({
    locale: locale === 'en' ? 'en' : 'id',
    messages: { contact: CONTACT_WORDING[locale === 'en' ? 'en' : 'id'] },
    namespace: 'contact.push',
  });
  const p = event.payload;
  switch (kind) {
    case 'rollcall': {
      const rollCallId = String(p.rollCallId);
      const which = p.reminder === true ? 'rollcallReminder' : 'rollcall';
      return {
        kind,
        rollCallId,
        title: contact(`${which}.title`),
        body: contact(`${which}.body`, { incident: incidentTitle }),
        url: rollCallUrl(rollCallId),
      };
    }
    case 'message': {
      const messageId = String(p.messageId);
      return {
        kind,
        messageId,
        title: contact('message.title', { sender: String(p.senderName ?? '') }),
        body: String(p.body ?? ''),
        url: messageUrl(messageId),
      };
    }
    default: {
      const assignmentId = String(p.assignmentId);
      return {
        kind,
        assignmentId,
        requestId: String(p.requestId),
        title: t(`${kind}.title`),
        body: t(`${kind}.body`, { incident: incidentTitle }),
        url: offerUrl(assignmentId),
      };
    }
  }
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
