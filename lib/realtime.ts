import { z } from 'zod';
import type { RegencyAvailability } from './availability';
import { PROVINCE_CODE, type Availability } from './domain';
import type { Actor } from './roles';

/**
 * The Socket.IO contract shared by the server and the pages. Commands are `entity:verb` and answer
 * with an Ack; broadcasts are past tense and carry the id of the event that caused them.
 */

export type AckErrorCode =
  'INVALID' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT' | 'RATE_LIMITED' | 'INTERNAL';
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

/** A volunteer's own record changed (sent to that volunteer's phones only). */
export interface VolunteerUpdated {
  eventId: number;
  volunteerId: string;
  availability: Availability;
}

/** The socket's session was signed out, revoked or expired; the page should ask to sign in again. */
export interface SessionEnded {
  reason: 'ended';
}

export interface ServerToClientEvents {
  'availability:changed': (payload: AvailabilityChanged) => void;
  'volunteer:updated': (payload: VolunteerUpdated) => void;
  'session:ended': (payload: SessionEnded) => void;
}

export interface ClientToServerEvents {
  /** Follow one province's volunteer counts; answers with a fresh snapshot (also after a reconnect). */
  'map:watch': (input: WatchMap, ack: (result: Ack<MapSnapshot>) => void) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  /** Resolved from the session cookie at the handshake; never from what the client sends. */
  actor: Actor;
  sessionHash: string;
  mapProvince?: string;
}

/** Every command a client may send; the server registers exactly these, each with its authorization. */
export const SOCKET_COMMANDS = ['map:watch'] as const satisfies readonly (keyof ClientToServerEvents)[];

/** Caps every socket message far below Socket.IO's 1 MB default. */
export const MAX_SOCKET_PAYLOAD_BYTES = 16 * 1024;

export const mapRoom = (provinceCode: string) => `map:${provinceCode}`;

/** Rooms a socket is put in from its actor at the handshake; clients cannot ask for any of them. */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  volunteer: (volunteerId: string) => `volunteer:${volunteerId}`,
  team: (regencyCode: string, pillarCode: string) => `team:${regencyCode}:${pillarCode}`,
  province: (provinceCode: string) => `province:${provinceCode}`,
  regency: (regencyCode: string) => `regency:${regencyCode}`,
  national: 'national',
};
