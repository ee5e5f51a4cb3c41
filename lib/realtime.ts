import { z } from 'zod';
import type { RegencyAvailability } from './availability';
import {
  AcceptOffer,
  DeclineOffer,
  ReportStatus,
  UndoStatus,
  WithdrawAssignment,
  type AssignmentAnswer,
} from './dispatch';
import { ReportCheckIn, type CheckInStatus } from './operations';
import { PROVINCE_CODE, type Availability } from './domain';
import { SubmitAssessment, type AssessmentAnswer } from './situation';
import { MarkMessage, ReplyMessage, WriteToPosko, type MessageCopyState, type MessageWritten } from './messaging';
import type { Actor } from './roles';
import { AnswerRollCall, type RollCallAnswered } from './roll-calls';

/**
 * The Socket.IO contract shared by the server and the pages. Commands are `entity:verb` and answer
 * with an Ack; broadcasts are past tense and carry the id of the event that caused them.
 */

/** UNAVAILABLE: the server cannot reach its database right now; send the same command again later. */
export type AckErrorCode =
  'INVALID' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT' | 'RATE_LIMITED' | 'INTERNAL' | 'UNAVAILABLE';
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

/** One committed row of the event log, as the clients allowed to see it receive it. */
export interface LiveEvent {
  id: number;
  type: string;
  provinceCode: string;
  regencyCode: string | null;
  volunteerId: string | null;
  incidentId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

/** A live event as broadcast: with the id of the event committed just before it, in any scope. */
export interface AppendedEvent extends LiveEvent {
  /** When a page's position is this id (or later), it missed nothing before this event. */
  previousId: number;
}

export const EventsSince = z.object({
  after: z
    .number({ error: 'after harus berupa nomor posisi.' })
    .int({ error: 'after harus angka bulat.' })
    .min(0, { error: 'after tidak boleh negatif.' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'after terlalu besar.' }),
});
export type EventsSince = z.infer<typeof EventsSince>;

/**
 * What a client missed in its scope, oldest first; or, when it is too far behind, a sign to reload.
 * `position` is how far the answer reaches: every event of the scope after `after` and up to it is in
 * `events`, so ids in between that are absent are outside the scope (or never committed).
 */
export type EventsSinceResult =
  { reset: false; events: LiveEvent[]; position: number } | { reset: true; position: number };

/** More missed events than this and a client reloads its page state instead of replaying. */
export const MAX_REPLAY = 500;

export interface ServerToClientEvents {
  'availability:changed': (payload: AvailabilityChanged) => void;
  /**
   * Every committed event the socket's scope may see, in commit order: the events of one delivery (the
   * commits of one turn of the server's event loop) that the socket may see arrive together, oldest first.
   */
  'events:appended': (events: AppendedEvent[]) => void;
  'volunteer:updated': (payload: VolunteerUpdated) => void;
  'session:ended': (payload: SessionEnded) => void;
}

export interface ClientToServerEvents {
  /** Follow one province's volunteer counts; answers with a fresh snapshot (also after a reconnect). */
  'map:watch': (input: WatchMap, ack: (result: Ack<MapSnapshot>) => void) => void;
  /** After a reconnect: the events of the socket's scope after a position. */
  'events:since': (input: EventsSince, ack: (result: Ack<EventsSinceResult>) => void) => void;
  'offer:accept': (input: AcceptOffer, ack: (result: Ack<AssignmentAnswer>) => void) => void;
  'offer:decline': (input: DeclineOffer, ack: (result: Ack<AssignmentAnswer>) => void) => void;
  'assignment:withdraw': (input: WithdrawAssignment, ack: (result: Ack<AssignmentAnswer>) => void) => void;
  'assignment:report': (input: ReportStatus, ack: (result: Ack<AssignmentAnswer>) => void) => void;
  /** "Urungkan": takes back the last status report within 60 s. */
  'assignment:undo': (input: UndoStatus, ack: (result: Ack<AssignmentAnswer>) => void) => void;
  /** "Saya aman" / "Butuh bantuan" during an assignment under way. */
  'checkin:report': (input: ReportCheckIn, ack: (result: Ack<CheckInStatus>) => void) => void;
  /** A volunteer on site sends a rapid assessment (kaji cepat), with an idempotency key. */
  'assessment:submit': (input: SubmitAssessment, ack: (result: Ack<AssessmentAnswer>) => void) => void;
  /** A called volunteer answers a roll call: "present" (hadir/aman) or "need_help", with the phone's time. */
  'rollcall:answer': (input: AnswerRollCall, ack: (result: Ack<RollCallAnswered>) => void) => void;
  /** The phone received a message (delivered). */
  'message:receive': (input: MarkMessage, ack: (result: Ack<MessageCopyState>) => void) => void;
  /** The message was shown on screen (read). */
  'message:read': (input: MarkMessage, ack: (result: Ack<MessageCopyState>) => void) => void;
  'message:reply': (input: ReplyMessage, ack: (result: Ack<MessageCopyState>) => void) => void;
  /** A volunteer writes to the posko from an assignment. */
  'message:send': (input: WriteToPosko, ack: (result: Ack<MessageWritten>) => void) => void;
}

/** The payload schema of every command, for the server to safeParse (the types above are only hints). */
export const COMMAND_INPUTS = {
  'map:watch': WatchMap,
  'events:since': EventsSince,
  'offer:accept': AcceptOffer,
  'offer:decline': DeclineOffer,
  'assignment:withdraw': WithdrawAssignment,
  'assignment:report': ReportStatus,
  'assignment:undo': UndoStatus,
  'checkin:report': ReportCheckIn,
  'assessment:submit': SubmitAssessment,
  'rollcall:answer': AnswerRollCall,
  'message:receive': MarkMessage,
  'message:read': MarkMessage,
  'message:reply': ReplyMessage,
  'message:send': WriteToPosko,
} as const satisfies Record<keyof ClientToServerEvents, z.ZodType>;

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  /** Resolved from the session cookie at the handshake; never from what the client sends. */
  actor: Actor;
  sessionHash: string;
  mapProvince?: string;
}

/** Every command a client may send; the server registers exactly these, each with its authorization. */
export const SOCKET_COMMANDS = Object.keys(COMMAND_INPUTS) as (keyof ClientToServerEvents)[];

/** Caps every socket message far below Socket.IO's 1 MB default. */
export const MAX_SOCKET_PAYLOAD_BYTES = 16 * 1024;

export const mapRoom = (provinceCode: string) => `map:${provinceCode}`;

/** Rooms a socket is put in from its actor at the handshake; clients cannot ask for any of them. */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  volunteer: (volunteerId: string) => `volunteer:${volunteerId}`,
  team: (regencyCode: string, pillarCode: string) => `team:${regencyCode}:${pillarCode}`,
  province: (provinceCode: string) => `province:${provinceCode}`,
  /** Volunteers of a province: they hear requests open, fill and reopen. */
  provinceVolunteers: (provinceCode: string) => `province-volunteers:${provinceCode}`,
  regency: (regencyCode: string) => `regency:${regencyCode}`,
  national: 'national',
};
