import { ASSIGNMENT_EVENTS, INCIDENT_EVENTS, REQUEST_EVENTS } from '@/lib/dispatch';
import type { LiveEvent } from '@/lib/realtime';

const DISPATCH_EVENT_TYPES = new Set<string>([
  ...Object.values(INCIDENT_EVENTS),
  ...Object.values(REQUEST_EVENTS),
  ...Object.values(ASSIGNMENT_EVENTS),
]);

/** Events that change what incident pages show: incidents, their requests and the answers to them. */
export const isDispatchEvent = (event: LiveEvent) => DISPATCH_EVENT_TYPES.has(event.type);

/** The request an event is about, if any. */
export function requestIdOf(event: Pick<LiveEvent, 'payload'>): string | null {
  const requestId = event.payload.requestId;
  return typeof requestId === 'string' ? requestId : null;
}
