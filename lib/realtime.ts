import { z } from 'zod';
import type { RegencyAvailability } from './availability';
import { PROVINCE_CODE } from './domain';

/**
 * The Socket.IO contract shared by the server and the pages. Commands are `entity:verb` and answer
 * with an Ack; broadcasts are past tense and carry the id of the event that caused them.
 */

export type AckErrorCode = 'INVALID' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT' | 'INTERNAL';
export type Ack<T> =
  { ok: true; data: T } | { ok: false; code: AckErrorCode; error: string; details?: Record<string, string[]> };

export const WatchMap = z.object({
  provinceCode: z.string().regex(PROVINCE_CODE, 'provinceCode harus dua angka, mis. "62"'),
});
export type WatchMap = z.infer<typeof WatchMap>;

/** The map's state at one position of the event log. */
export interface MapSnapshot {
  provinceCode: string;
  position: number;
  regencies: RegencyAvailability[];
}

export interface AvailabilityChanged {
  eventId: number;
  provinceCode: string;
  /** The regencies the event touched, counted after it committed. */
  regencies: RegencyAvailability[];
}

export interface ServerToClientEvents {
  'availability:changed': (payload: AvailabilityChanged) => void;
}

export interface ClientToServerEvents {
  /** Follow one province's volunteer counts; answers with a fresh snapshot (also after a reconnect). */
  'map:watch': (input: WatchMap, ack: (result: Ack<MapSnapshot>) => void) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  mapProvince?: string;
}

/** Caps every socket message far below Socket.IO's 1 MB default. */
export const MAX_SOCKET_PAYLOAD_BYTES = 16 * 1024;

export const mapRoom = (provinceCode: string) => `map:${provinceCode}`;
