import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/postgres-adapter';
import { parseCookie } from 'cookie';
import type pg from 'pg';
import { Server, type Socket } from 'socket.io';
import type { Database } from '../../db/client';
import { inArray } from 'drizzle-orm';
import { incidents, type EventRow } from '../../db/schema';
import {
  COMMAND_INPUTS,
  MAX_SOCKET_PAYLOAD_BYTES,
  SOCKET_COMMANDS,
  mapRoom,
  rooms,
  type Ack,
  type ClientToServerEvents,
  type InterServerEvents,
  type MapSnapshot,
  type ServerToClientEvents,
  type SocketData,
} from '../../lib/realtime';
import { VOLUNTEER_EVENTS } from '../../lib/registry';
import type { Actor } from '../../lib/roles';
import { endedSessions, resolveSession, SESSION_COOKIE, type SessionPolicy } from '../auth/sessions';
import { acceptOffer } from '../deployments/accept-offer';
import { declineOffer } from '../deployments/decline-offer';
import { reportStatus } from '../deployments/report-status';
import { withdrawAssignment } from '../deployments/withdraw-assignment';
import type { DomainContext } from '../context';
import { DomainError, parseInput } from '../errors';
import { latestEventId } from '../events/queries';
import { availabilityByRegency, findProvince } from '../regencies/queries';
import { originAllowed } from '../security';
import { AVAILABILITY_CHANGED } from '../volunteers/set-availability';
import { VOLUNTEER_IMPORTED } from '../../lib/imports';
import { toAck } from './ack';
import { eventsSince, roomsForEvent, toLiveEvent } from './scope';

export type PoskoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type PoskoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeDeps {
  db: Database;
  /** Several processes on one PostgreSQL: broadcasts reach the sockets of all of them through LISTEN/NOTIFY. */
  pool?: pg.Pool;
  sessionPolicy: SessionPolicy;
  /** Origins besides the server's own whose pages may open a socket. */
  allowedOrigins: readonly string[];
  now: () => Date;
  /** How often live sockets are checked against their sessions (revoked or expired ones close). */
  sessionCheckMs?: number;
}

export interface Realtime {
  io: PoskoServer;
  /** Fans committed events out to the rooms that may see them. */
  publish(events: EventRow[]): void;
  close(): Promise<void>;
}

type CommandHandler = (socket: PoskoSocket, input: unknown) => Promise<unknown>;

/**
 * Every socket command with its authorization; the keys are exactly SOCKET_COMMANDS, so a command
 * cannot be added without a handler (and the authorization matrix test lists them all). Commands that
 * change something call the domain verb, which authorizes the socket's actor.
 */
export function commandHandlers(
  deps: RealtimeDeps,
  domain: DomainContext,
): Record<(typeof SOCKET_COMMANDS)[number], CommandHandler> {
  const as = (socket: PoskoSocket) => ({ ...domain, actor: socket.data.actor });
  return {
    // Volunteer counts per regency name nobody, and the same numbers are public over HTTP: every signed-in
    // person may follow any province.
    'map:watch': async (socket, input) => {
      const { provinceCode } = parseInput(COMMAND_INPUTS['map:watch'], input);
      if (!(await findProvince(deps.db, provinceCode))) {
        throw new DomainError('NOT_FOUND', `Provinsi ${provinceCode} tidak dikenal.`);
      }
      if (socket.data.mapProvince && socket.data.mapProvince !== provinceCode) {
        await socket.leave(mapRoom(socket.data.mapProvince));
      }
      // Join before reading, so any change committed after the snapshot reaches this socket.
      await socket.join(mapRoom(provinceCode));
      socket.data.mapProvince = provinceCode;
      return mapSnapshot(deps.db, provinceCode);
    },
    // Scoped by the actor: a socket gets back only what its rooms would have carried.
    'events:since': async (socket, input) => {
      const { after } = parseInput(COMMAND_INPUTS['events:since'], input);
      return eventsSince(deps.db, socket.data.actor, after);
    },
    'offer:accept': (socket, input) => acceptOffer({ ctx: as(socket), input }),
    'offer:decline': (socket, input) => declineOffer({ ctx: as(socket), input }),
    'assignment:withdraw': (socket, input) => withdrawAssignment({ ctx: as(socket), input }),
    'assignment:report': (socket, input) => reportStatus({ ctx: as(socket), input }),
  };
}

/** The rooms an actor's sockets belong to, derived on the server from its role and scope. */
export function roomsFor(actor: Actor): string[] {
  const joined = [rooms.user(actor.userId)];
  switch (actor.role) {
    case 'admin':
      joined.push(rooms.national);
      break;
    case 'coordinator':
    case 'leader':
      joined.push(
        actor.scope.regencyCode ? rooms.regency(actor.scope.regencyCode) : rooms.province(actor.scope.provinceCode),
      );
      break;
    case 'volunteer':
      joined.push(rooms.volunteer(actor.volunteerId), rooms.provinceVolunteers(actor.provinceCode));
      if (actor.isTeamLeader) joined.push(rooms.team(actor.regencyCode, actor.pillarCode));
      break;
  }
  return joined;
}

export function createRealtime(httpServer: HttpServer, deps: RealtimeDeps): Realtime {
  const io: PoskoServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
    // Notice a phone that went away in ~15 s instead of the default 45 s.
    pingInterval: 10_000,
    pingTimeout: 5_000,
    serveClient: false,
    // Websockets are not covered by CORS: a page from another site must not open one with our cookie.
    allowRequest: (req, callback) => callback(null, originAllowed(req, deps.allowedOrigins)),
  });
  if (deps.pool) {
    io.adapter(
      createAdapter(deps.pool, {
        errorHandler: (error) => console.error(`Socket.IO PostgreSQL adapter: ${error.message}`),
      }),
    );
  }

  io.use((socket, next) => {
    const token = parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
    resolveSession(deps.db, token, { now: deps.now(), policy: deps.sessionPolicy })
      .then((session) => {
        if (!session) return next(new Error('UNAUTHENTICATED'));
        socket.data.actor = session.actor;
        socket.data.sessionHash = session.tokenHash;
        next();
      })
      .catch((error: unknown) => {
        console.error('Socket handshake failed:', error);
        next(new Error('INTERNAL'));
      });
  });

  const domain: DomainContext = { db: deps.db, now: deps.now, publish: (events) => publish(events) };
  const handlers = commandHandlers(deps, domain);
  io.on('connection', (socket: PoskoSocket) => {
    void socket.join(roomsFor(socket.data.actor));
    for (const command of SOCKET_COMMANDS) {
      socket.on(command, async (input: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return;
        const result: Ack<unknown> = await toAck(() => handlers[command](socket, input));
        (ack as (result: Ack<unknown>) => void)(result);
      });
    }
  });

  // One mechanism for every way a session ends (sign-out, "everywhere", revoked, disabled, expired,
  // idle, or ended by another process): each process checks its own sockets against the database.
  const sessionCheck = setInterval(() => {
    closeEndedSessions().catch((error: unknown) => console.error('Session check failed:', error));
  }, deps.sessionCheckMs ?? 2_000);
  sessionCheck.unref();

  async function closeEndedSessions(): Promise<void> {
    const sockets = [...io.of('/').sockets.values()];
    if (sockets.length === 0) return;
    const hashes = [...new Set(sockets.map((socket) => socket.data.sessionHash))];
    const ended = await endedSessions(deps.db, hashes, { now: deps.now(), policy: deps.sessionPolicy });
    for (const socket of sockets) {
      if (!ended.has(socket.data.sessionHash)) continue;
      socket.emit('session:ended', { reason: 'ended' });
      socket.disconnect(true);
    }
  }

  // An incident never changes kabupaten: each one's is looked up once per process.
  const incidentRegencies = new Map<string, string | null>();
  async function learnIncidentRegencies(events: EventRow[]): Promise<void> {
    const unknown = [
      ...new Set(
        events.map((event) => event.incidentId).filter((id): id is string => !!id && !incidentRegencies.has(id)),
      ),
    ];
    if (unknown.length === 0) return;
    const rows = await deps.db
      .select({ id: incidents.id, regencyCode: incidents.regencyCode })
      .from(incidents)
      .where(inArray(incidents.id, unknown));
    for (const id of unknown) incidentRegencies.set(id, rows.find((row) => row.id === id)?.regencyCode ?? null);
  }

  function fanOut(event: EventRow): void {
    const incidentRegency = event.incidentId ? (incidentRegencies.get(event.incidentId) ?? null) : null;
    io.to(roomsForEvent(event, incidentRegency)).emit('event:appended', toLiveEvent(event));
    const recounted = recountedRegencies(event);
    if (recounted.length > 0) {
      announceCounts(event, recounted).catch((error: unknown) =>
        console.error(`Could not announce event ${event.id}:`, error),
      );
    }
  }

  async function announceCounts(event: EventRow, regencyCodes: string[]): Promise<void> {
    // A move also recounts the kabupaten/kota it left, in its own province when that differs.
    const left = movedFrom(event);
    const places = new Map<string, string[]>([[event.provinceCode, regencyCodes]]);
    if (left) places.set(left.provinceCode, [...(places.get(left.provinceCode) ?? []), left.regencyCode]);
    for (const [provinceCode, codes] of places) {
      const regencies = await availabilityByRegency(deps.db, provinceCode, [...new Set(codes)]);
      io.to(mapRoom(provinceCode)).emit('availability:changed', { eventId: event.id, provinceCode, regencies });
    }
    const to = event.payload.to;
    if (
      event.type === AVAILABILITY_CHANGED &&
      event.volunteerId &&
      (to === 'available' || to === 'deployed' || to === 'unavailable')
    ) {
      io.to(rooms.volunteer(event.volunteerId)).emit('volunteer:updated', {
        eventId: event.id,
        volunteerId: event.volunteerId,
        availability: to,
      });
    }
  }

  // In commit order: event ids are handed out in commit order (see appendEvents), publishes are
  // delivered one after another, and each socket receives its events in the order they are emitted.
  // Across processes the adapter may deliver late; clients replay with an overlap and skip ids they have.
  let delivering: Promise<void> = Promise.resolve();
  function publish(events: EventRow[]): void {
    const ordered = [...events].sort((a, b) => a.id - b.id);
    delivering = delivering
      .then(() => learnIncidentRegencies(ordered))
      .catch((error: unknown) => console.error('Could not look up the incidents of new events:', error))
      .then(() => ordered.forEach(fanOut));
  }

  return {
    io,
    publish,
    async close() {
      clearInterval(sessionCheck);
      await io.close();
    },
  };
}

/** Events after which a kabupaten/kota's counts differ: availability, and every change to a record. */
const COUNTED_EVENTS = new Set<string>([AVAILABILITY_CHANGED, ...Object.values(VOLUNTEER_EVENTS)]);

/** The kabupaten/kota whose counts the event changed: its own, or those an import lists. */
function recountedRegencies(event: EventRow): string[] {
  if (event.type === VOLUNTEER_IMPORTED) {
    const codes = event.payload.regencyCodes;
    return Array.isArray(codes) ? codes.filter((code): code is string => typeof code === 'string') : [];
  }
  return COUNTED_EVENTS.has(event.type) && event.regencyCode ? [event.regencyCode] : [];
}

/** The kabupaten/kota a moved volunteer left (the move event's payload). */
function movedFrom(event: EventRow): { provinceCode: string; regencyCode: string } | null {
  if (event.type !== VOLUNTEER_EVENTS.moved) return null;
  const from = event.payload.from as { provinceCode?: unknown; regencyCode?: unknown } | undefined;
  return typeof from?.provinceCode === 'string' && typeof from.regencyCode === 'string'
    ? { provinceCode: from.provinceCode, regencyCode: from.regencyCode }
    : null;
}

export async function mapSnapshot(db: Database, provinceCode: string): Promise<MapSnapshot> {
  const position = await latestEventId(db);
  const regencies = await availabilityByRegency(db, provinceCode);
  return { provinceCode, position, regencies };
}
