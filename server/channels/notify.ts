import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database, Executor, Transaction } from '../../db/client';
import {
  channelPreferences,
  deploymentRequests,
  incidents,
  pushSubscriptions,
  sessions,
  users,
  volunteers,
  type EventRow,
} from '../../db/schema';
import type { Channel, MessageKind } from '../../lib/channels';
import { ASSIGNMENT_EVENTS } from '../../lib/dispatch';
import { MESSAGE_EVENTS } from '../../lib/messaging';
import { ROLL_CALL_EVENTS } from '../../lib/roll-calls';
import { checkInAudience, checkInNoticesOf, isCheckInNotice } from '../operations/check-in-notices';
import { isWaveOffer, perVolunteer } from '../deployments/offers';
import { codeFor } from './codes';
import { assignmentFacts } from './facts';
import { channelsFor, enqueueText, settingsOf, type QueuedText } from './outbox';
import { logger } from '../log';
import type { Providers } from './providers';
import type { ChannelQueue } from './queue';
import {
  cancelledText,
  checkInCriticalText,
  checkInDueText,
  checkInHelpText,
  messageText,
  offerText,
  rollCallText,
} from './texts';

const TEXTED: Record<string, 'offer' | 'cancelled'> = {
  [ASSIGNMENT_EVENTS.offered]: 'offer',
  [ASSIGNMENT_EVENTS.cancelled]: 'cancelled',
};
/** Roll calls (and their reminders) and coordinators' messages, one event per person. */
const CONTACTED: Record<string, MessageKind> = {
  [ROLL_CALL_EVENTS.asked]: 'rollcall',
  [MESSAGE_EVENTS.addressed]: 'message',
};

export interface ChannelNotifierDeps {
  db: Database;
  providers: Providers;
  queue: Pick<ChannelQueue, 'kick'>;
  /** True while one of the volunteer's pages holds a live socket (on any process). */
  hasLiveConnection(volunteerId: string): Promise<boolean>;
  now(): Date;
}

export interface ChannelNotifier {
  notify(events: EventRow[]): void;
  idle(): Promise<void>;
}

/**
 * After commit: a new offer, a cancellation, a check-in due, a roll call and a coordinator's message are
 * queued as texts for volunteers who chose texts always, or who have neither a live page nor a push
 * subscription (SMS is the last channel that works); a critical check-in goes to the ketua regu by text.
 */
export function createChannelNotifier(deps: ChannelNotifierDeps): ChannelNotifier {
  let sending: Promise<void> = Promise.resolve();
  return {
    notify(events) {
      const relevant = events.filter(
        (event) =>
          (TEXTED[event.type] && ((event.volunteerId && event.payload.assignmentId) || isWaveOffer(event))) ||
          (CONTACTED[event.type] && event.volunteerId) ||
          isCheckInNotice(event),
      );
      if (relevant.length === 0) return;
      sending = sending
        .then(() => queueTexts(deps, relevant))
        .catch((error: unknown) => logger().error({ err: error, job: 'text-notify' }, 'SMS: could not queue texts'));
    },
    idle: () => sending,
  };
}

async function reachable(deps: ChannelNotifierDeps, db: Executor, volunteerId: string): Promise<boolean> {
  if (await deps.hasLiveConnection(volunteerId)) return true;
  const [subscription] = await db
    .select({ id: pushSubscriptions.id })
    .from(pushSubscriptions)
    .innerJoin(users, eq(users.id, pushSubscriptions.userId))
    .innerJoin(sessions, eq(sessions.tokenHash, pushSubscriptions.sessionHash))
    .where(
      and(
        eq(users.volunteerId, volunteerId),
        isNull(users.disabledAt),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, deps.now()),
      ),
    )
    .limit(1);
  return !!subscription;
}

/** Whether the volunteer gets this text: it chose texts always, or nothing else reaches it now. */
async function wantsText(deps: ChannelNotifierDeps, db: Executor, volunteerId: string): Promise<boolean> {
  const [preference] = await db
    .select({ mode: channelPreferences.mode })
    .from(channelPreferences)
    .where(eq(channelPreferences.volunteerId, volunteerId));
  return preference?.mode === 'always' || !(await reachable(deps, db, volunteerId));
}

/** One text to queue on each of the province's channels. */
type Outgoing = Omit<QueuedText, 'channel'>;

async function queueTexts(deps: ChannelNotifierDeps, events: EventRow[]): Promise<void> {
  let queued = 0;
  // Each province's channels, read once per batch: a province that texts nobody costs one query, however
  // many people a wave offered.
  const channelsOf = new Map<string, Channel[]>();
  const channelsIn = async (provinceCode: string) => {
    let channels = channelsOf.get(provinceCode);
    if (!channels) {
      channels = channelsFor(await settingsOf(deps.db, provinceCode), deps.providers);
      channelsOf.set(provinceCode, channels);
    }
    return channels;
  };
  const texting: EventRow[] = [];
  for (const event of events) {
    // A wave may reach another province's volunteers (help across provinces): they are texted on theirs.
    const places = isWaveOffer(event) ? provincesReached(event) : [event.provinceCode];
    for (const code of places) {
      if ((await channelsIn(code)).length === 0) continue;
      texting.push(event);
      break;
    }
  }
  for (const event of await perVolunteer(deps.db, texting)) {
    const channels = await channelsIn(event.provinceCode);
    // Asked before the transaction: a live page is looked up on every process, which takes a moment.
    const wanted = !!event.volunteerId && (await wantsText(deps, deps.db, event.volunteerId));
    await deps.db.transaction(async (tx) => {
      // The request first, as the verbs lock it (then the assignment): a text's foreign keys never
      // hold an assignment while an accept waits on it with the request in hand.
      if (event.payload.requestId) {
        await tx
          .select({ id: deploymentRequests.id })
          .from(deploymentRequests)
          .where(eq(deploymentRequests.id, String(event.payload.requestId)))
          .for('key share');
      }
      for (const text of await textsFor(tx, event, wanted)) {
        for (const channel of channels) {
          if (await enqueueText(tx, deps.providers, { ...text, channel })) queued++;
        }
      }
    });
  }
  if (queued > 0) deps.queue.kick();
}

/** The texts one event makes; `wanted`: its volunteer takes texts now (chose them, or nothing else reaches it). */
async function textsFor(tx: Transaction, event: EventRow, wanted: boolean): Promise<Outgoing[]> {
  const kind = TEXTED[event.type];
  if (kind) {
    if (!wanted) return [];
    const facts = await assignmentFacts(tx, String(event.payload.assignmentId));
    if (!facts || facts.volunteer.retired) return [];
    return [
      {
        kind,
        provinceCode: facts.volunteer.provinceCode,
        toPhone: facts.volunteer.phone,
        text: kind === 'offer' ? offerText(facts) : cancelledText(facts),
        volunteerId: facts.volunteer.id,
        assignmentId: facts.assignmentId,
        requestId: facts.requestId,
        incidentId: facts.incidentId,
      },
    ];
  }
  if (CONTACTED[event.type]) return wanted ? contactTexts(tx, event) : [];
  return checkInTexts(tx, event, wanted);
}

/** A roll call and a coordinator's message, to the volunteer it asks. */
async function contactTexts(tx: Transaction, event: EventRow): Promise<Outgoing[]> {
  const volunteerId = event.volunteerId!;
  const [volunteer] = await tx
    .select({ phone: volunteers.phone, retiredAt: volunteers.retiredAt })
    .from(volunteers)
    .where(eq(volunteers.id, volunteerId));
  if (!volunteer || volunteer.retiredAt) return [];
  const base = {
    provinceCode: event.provinceCode,
    toPhone: volunteer.phone,
    volunteerId,
    incidentId: event.incidentId,
  };
  if (event.type === MESSAGE_EVENTS.addressed) {
    const text = messageText({ senderName: String(event.payload.senderName ?? ''), body: String(event.payload.body) });
    return [{ ...base, kind: 'message', text }];
  }
  const [incident] = event.incidentId
    ? await tx.select({ title: incidents.title }).from(incidents).where(eq(incidents.id, event.incidentId))
    : [];
  const text = rollCallText({ reminder: event.payload.reminder === true, incidentTitle: incident?.title ?? null });
  return [{ ...base, kind: 'rollcall', text }];
}

/** A check-in due to the volunteer (on its choice); a critical one or a call for help to its ketua regu, whatever they chose. */
async function checkInTexts(tx: Transaction, event: EventRow, wanted: boolean): Promise<Outgoing[]> {
  const audience = await checkInAudience(tx, event);
  if (!audience) return [];
  const { due, staff } = checkInNoticesOf(event);
  const base = {
    provinceCode: event.provinceCode,
    assignmentId: audience.assignmentId,
    incidentId: audience.incidentId,
  };
  const texts: Outgoing[] = [];
  if (due && wanted) {
    const code = await codeFor(tx, audience.volunteer.id, audience.assignmentId);
    texts.push({
      ...base,
      kind: 'checkin_due',
      toPhone: audience.volunteer.phone,
      volunteerId: audience.volunteer.id,
      text: checkInDueText({ code, incidentTitle: audience.incidentTitle }),
    });
  }
  if (staff === 'critical' || staff === 'help') {
    const facts = {
      name: audience.volunteer.name,
      phone: audience.volunteer.phone,
      dueAt: audience.dueAt,
      timeZone: audience.timeZone,
      incidentTitle: audience.incidentTitle,
    };
    const kind = staff === 'help' ? 'checkin_help' : 'checkin_critical';
    const text = staff === 'help' ? checkInHelpText(facts) : checkInCriticalText(facts);
    for (const leader of audience.teamLeaders) {
      texts.push({ ...base, kind, toPhone: leader.phone, volunteerId: leader.id, text });
    }
  }
  return texts;
}

/** The provinces of the kabupaten/kota a wave's offers reached (a kabupaten code begins with its province's). */
function provincesReached(event: EventRow): string[] {
  const codes = Array.isArray(event.payload.regencyCodes) ? event.payload.regencyCodes : [];
  return [
    ...new Set([
      event.provinceCode,
      ...codes.filter((code) => typeof code === 'string').map((code) => code.slice(0, 2)),
    ]),
  ];
}
