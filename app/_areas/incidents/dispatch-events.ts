import { CHANNEL_EVENTS } from '@/lib/channels';
import { ASSIGNMENT_EVENTS, ASSIGNMENT_UNDONE, INCIDENT_EVENTS, REQUEST_EVENTS } from '@/lib/dispatch';
import { MESSAGE_EVENTS } from '@/lib/messaging';
import type { LiveEvent } from '@/lib/realtime';
import { ROLL_CALL_EVENTS } from '@/lib/roll-calls';

const DISPATCH_EVENT_TYPES = new Set<string>([
  ...Object.values(INCIDENT_EVENTS),
  ...Object.values(REQUEST_EVENTS),
  ...Object.values(ASSIGNMENT_EVENTS),
  CHANNEL_EVENTS.messageStatus,
  ASSIGNMENT_UNDONE,
  // Roll calls and messages are kept with the incident's history (its timeline).
  ROLL_CALL_EVENTS.called,
  ROLL_CALL_EVENTS.reminded,
  ROLL_CALL_EVENTS.answered,
  MESSAGE_EVENTS.sent,
  MESSAGE_EVENTS.replied,
  MESSAGE_EVENTS.written,
]);

/** Events that change what incident pages show: incidents, their requests and the answers to them. */
export const isDispatchEvent = (event: LiveEvent) => DISPATCH_EVENT_TYPES.has(event.type);

/** The request an event is about, if any. */
export function requestIdOf(event: Pick<LiveEvent, 'payload'>): string | null {
  const requestId = event.payload.requestId;
  return typeof requestId === 'string' ? requestId : null;
}
