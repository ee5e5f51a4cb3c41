'use client';

import { useTranslations } from 'next-intl';
import { ASSIGNMENT_EVENTS, ASSIGNMENT_UNDONE, INCIDENT_EVENTS, REQUEST_EVENTS } from '@/lib/dispatch';
import { ASSIGNMENT_STATUSES, INCIDENT_PHASES, INCIDENT_TYPES, type TimeZone } from '@/lib/domain';
import { MESSAGE_EVENTS, QUICK_REPLIES } from '@/lib/messaging';
import { ROLL_CALL_ANSWERS, ROLL_CALL_EVENTS } from '@/lib/roll-calls';
import type { TimelineEntry } from '@/server/incidents/queries';
import type { Locale } from '../../_i18n/config';
import { requestIdOf } from './dispatch-events';
import type { Json } from '@/app/_shared/json';
import { formatWhen } from '@/app/_shared/time';
import { CHANNEL_EVENTS } from '@/lib/channels';
import { ASSESSMENT_EVENTS, SITREP_EVENTS } from '@/lib/situation';

type Entry = Json<TimelineEntry>;
type Say = ReturnType<typeof useTranslations<'incidents.timeline'>>;
type Domain = ReturnType<typeof useTranslations<'domain'>>;
type Contact = ReturnType<typeof useTranslations<'contact'>>;

/** Answers that arrive in bursts (an expiry sweep, a cancelled request): one line each burst. */
const BURSTS = new Set<string>([ASSIGNMENT_EVENTS.expired, ASSIGNMENT_EVENTS.cancelled]);
/** The request's own line already says how many offers went out. */
// How each text went shows on its request's card, not in the incident's story.
const UNSHOWN = new Set<string>([
  ASSIGNMENT_EVENTS.offered,
  CHANNEL_EVENTS.messageStatus,
  // Per-phone deliveries of roll calls and messages: the call's and the message's own line counts them.
  ROLL_CALL_EVENTS.asked,
  MESSAGE_EVENTS.addressed,
  MESSAGE_EVENTS.delivered,
  MESSAGE_EVENTS.read,
]);

/** The fields an edit can touch, as the timeline names them (latitude and longitude are one point). */
const EDITED_FIELDS = {
  type: 'type',
  title: 'title',
  severity: 'severity',
  districtCode: 'districtCode',
  lat: 'point',
  lng: 'point',
  description: 'description',
  needs: 'needs',
  occurredAt: 'occurredAt',
} as const;

export interface TimelineLabels {
  pillars: Record<string, string>;
  regencies: Record<string, string>;
  /** "Permintaan 2" for each request id, in the order they were made. */
  requests: Record<string, string>;
  timeZone: TimeZone;
  locale: Locale;
}

interface Line {
  id: number;
  at: string;
  type: string;
  request: string | null;
  text: string;
}

const num = (value: unknown) => (typeof value === 'number' ? value : 0);
const str = (value: unknown) => (typeof value === 'string' ? value : '');
const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);
/** The ICU arguments of an optional reason: "menolak (alasan: …)" or just "menolak". */
const because = (payload: Record<string, unknown>) => ({
  hasReason: str(payload.reason) ? 'yes' : 'no',
  reason: str(payload.reason),
});

function nameList(list: unknown, lookup: Record<string, string>): string {
  return Array.isArray(list) ? list.map((code: unknown) => lookup[str(code)] ?? str(code)).join(', ') : '';
}

function describe(entry: Entry, count: number, who: string[], labels: TimelineLabels, t: Say, domain: Domain): string {
  const p = entry.payload;
  const person = entry.volunteerName ?? t('someone');
  const people =
    who.length <= 3 ? who.join(', ') : t('andMore', { names: who.slice(0, 3).join(', '), more: who.length - 3 });
  const phase = (value: unknown) => (isOneOf(INCIDENT_PHASES, value) ? domain(`incidentPhase.${value}`) : '');
  switch (entry.type) {
    case INCIDENT_EVENTS.reported:
      return t('reported', {
        type: isOneOf(INCIDENT_TYPES, p.type) ? domain(`incidentType.${p.type}`) : '',
        severity: num(p.severity),
      });
    case INCIDENT_EVENTS.updated: {
      const changed = Array.isArray(p.changed)
        ? p.changed.flatMap((field: unknown) =>
            typeof field === 'string' && field in EDITED_FIELDS
              ? [t(`fields.${EDITED_FIELDS[field as keyof typeof EDITED_FIELDS]}`)]
              : [],
          )
        : [];
      return t('updated', { fields: [...new Set(changed)].join(', ') });
    }
    case INCIDENT_EVENTS.phaseChanged:
      return t('phaseChanged', { from: phase(p.from), to: phase(p.to) });
    case REQUEST_EVENTS.created:
      return t('requestCreated', {
        slots: num(p.slots),
        pillars: nameList(p.pillarCodes, labels.pillars),
        regencies: nameList(p.sourceRegencyCodes, labels.regencies),
        hasSkill: str(p.skill) ? 'yes' : 'no',
        skill: str(p.skill),
        offered: typeof p.offered === 'number' ? p.offered : -1,
      });
    case REQUEST_EVENTS.changed:
      return t('requestChanged', {
        slots: num(p.slots),
        deadline: formatWhen(str(p.deadline), labels.timeZone, labels.locale),
      });
    case REQUEST_EVENTS.filled:
      return t('requestFilled', { slots: num(p.slots) });
    case REQUEST_EVENTS.reopened:
      return t('requestReopened', { accepted: num(p.acceptedCount), slots: num(p.slots) });
    case REQUEST_EVENTS.expired:
      return t('requestExpired', { accepted: num(p.acceptedCount), slots: num(p.slots), offers: num(p.expiredOffers) });
    case REQUEST_EVENTS.cancelled:
      return t('requestCancelled', {
        ...because(p),
        offers: num(p.cancelledOffers),
        assignments: num(p.cancelledAssignments),
      });
    case REQUEST_EVENTS.closed:
      return t('requestClosed');
    case ASSIGNMENT_EVENTS.accepted:
      return t('accepted', { person, accepted: num(p.acceptedCount), slots: num(p.slots) });
    case ASSIGNMENT_EVENTS.declined:
      return t('declined', { person, ...because(p) });
    case ASSIGNMENT_EVENTS.expired:
      return count > 1 ? t('offersExpired', { count }) : t('offerExpired', { person });
    case ASSIGNMENT_EVENTS.en_route:
      return t('enRoute', { person });
    case ASSIGNMENT_EVENTS.on_site:
      return t('onSite', { person });
    case ASSIGNMENT_EVENTS.completed:
      return t('completed', { person });
    case ASSIGNMENT_EVENTS.relieved:
      return t('relieved', { person });
    case ASSIGNMENT_EVENTS.returned:
      return t('returned', { person });
    case ASSIGNMENT_EVENTS.withdrawn:
      return t('withdrawn', { person, ...because(p) });
    case ASSIGNMENT_EVENTS.cancelled:
      return count > 1
        ? t('assignmentsCancelled', { count, people })
        : t('assignmentCancelled', { person, ...because(p) });
    case ASSIGNMENT_UNDONE:
      return t('statusUndone', {
        person,
        from: isOneOf(ASSIGNMENT_STATUSES, p.from) ? domain(`assignmentStatus.${p.from}`) : '',
        to: isOneOf(ASSIGNMENT_STATUSES, p.to) ? domain(`assignmentStatus.${p.to}`) : '',
      });
    case REQUEST_EVENTS.widened:
      return t('requestWidened', { wave: num(p.wave), offered: num(p.offered) });
    case ASSESSMENT_EVENTS.submitted:
      return t('assessmentSubmitted', { person });
    case ASSESSMENT_EVENTS.verified:
      return t('assessmentVerified');
    case ASSESSMENT_EVENTS.rejected:
      return t('assessmentRejected', { ...because(p) });
    case ASSESSMENT_EVENTS.photoAdded:
      return t('assessmentPhoto', { person });
    case SITREP_EVENTS.issued:
      return t('sitrepIssued', { number: num(p.number) });
    default:
      return entry.type;
  }
}

/** Roll calls and messages in the incident's history. */
function describeContact(entry: Entry, person: string, contact: Contact): string | null {
  const p = entry.payload;
  switch (entry.type) {
    case ROLL_CALL_EVENTS.called:
      return contact('timeline.rollCallCalled', { count: num(p.recipients) });
    case ROLL_CALL_EVENTS.reminded:
      return contact('timeline.rollCallReminded', { count: num(p.reminded) });
    case ROLL_CALL_EVENTS.answered:
      return contact('timeline.rollCallAnswered', {
        person,
        answer: isOneOf(ROLL_CALL_ANSWERS, p.answer) ? contact(`answers.${p.answer}`) : '',
      });
    case MESSAGE_EVENTS.sent:
      return contact('timeline.messageSent', { count: num(p.recipients), body: str(p.body) });
    case MESSAGE_EVENTS.replied:
      return contact('timeline.messageReplied', {
        person,
        reply: [isOneOf(QUICK_REPLIES, p.quickReply) ? contact(`quick.${p.quickReply}`) : '', str(p.text)]
          .filter(Boolean)
          .join(' — '),
      });
    case MESSAGE_EVENTS.written:
      return contact('timeline.messageWritten', { person, body: str(p.body) });
    default:
      return null;
  }
}

/** Timeline lines, newest first; a burst of the same answer to one request is one line. */
function timelineLines(entries: Entry[], labels: TimelineLabels, t: Say, domain: Domain, contact: Contact): Line[] {
  const lines: Line[] = [];
  const shown = entries.filter((entry) => !UNSHOWN.has(entry.type));
  let index = 0;
  while (index < shown.length) {
    const entry = shown[index]!;
    const requestId = requestIdOf(entry);
    let end = index + 1;
    if (BURSTS.has(entry.type)) {
      while (end < shown.length && shown[end]!.type === entry.type && requestIdOf(shown[end]!) === requestId) {
        end += 1;
      }
    }
    const burst = shown.slice(index, end);
    const who = burst.map((item) => item.volunteerName ?? t('someone'));
    lines.push({
      id: entry.id,
      at: burst.at(-1)!.at,
      type: entry.type,
      request: requestId ? (labels.requests[requestId] ?? null) : null,
      text:
        describeContact(entry, entry.volunteerName ?? t('someone'), contact) ??
        describe(entry, burst.length, who, labels, t, domain),
    });
    index = end;
  }
  return lines.reverse();
}

/** What happened to the incident, from the event log, newest first; grows live. */
export function IncidentTimeline({ entries, labels }: { entries: Entry[]; labels: TimelineLabels }) {
  const t = useTranslations('incidents.timeline');
  const domain = useTranslations('domain');
  const contact = useTranslations('contact');
  const lines = timelineLines(entries, labels, t, domain, contact);
  const showRequest = Object.keys(labels.requests).length > 1;
  return (
    <section className="card timeline-card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('title')}</h2>
      {lines.length === 0 ? (
        <p className="hint">{t('empty')}</p>
      ) : (
        // The list scrolls on its own on a desktop: focusable, so a keyboard can scroll it too.
        <ol className="timeline" data-testid="timeline" tabIndex={0} aria-labelledby="timeline-title">
          {lines.map((line) => (
            <li key={line.id} data-testid="timeline-entry" data-type={line.type}>
              <time dateTime={line.at}>{formatWhen(line.at, labels.timeZone, labels.locale)}</time>
              <span>
                {showRequest && line.request ? <span className="timeline-request">{line.request}</span> : null}
                {line.text}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
