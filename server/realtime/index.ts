import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/postgres-adapter';
import { parseCookie, stringifySetCookie } from 'cookie';
import { NODE_COOKIE } from '../cluster/node-cookie';
import type pg from 'pg';
import { Server, type Socket } from 'socket.io';
import type { Database } from '../../db/client';
import { inArray } from 'drizzle-orm';
import { incidents, provinceAsks, type EventRow } from '../../db/schema';
import type { SOCKET_COMMANDS } from '../../lib/realtime';
import {
  COMMAND_INPUTS,
  MAX_SOCKET_PAYLOAD_BYTES,
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
import { submitAssessment } from '../assessments/submit-assessment';
import { acceptOffer } from '../deployments/accept-offer';
import { declineOffer } from '../deployments/decline-offer';
import { reportStatus } from '../deployments/report-status';
import { undoStatus } from '../deployments/undo-status';
import { reportCheckIn } from '../operations/report-check-in';
import { withdrawAssignment } from '../deployments/withdraw-assignment';
import { markMessage } from '../messages/mark-message';
import { replyMessage } from '../messages/reply-message';
import { writeToPosko } from '../messages/write-to-posko';
import { answerRollCall } from '../roll-calls/answer-roll-call';
import type { DomainContext } from '../context';
import { DomainError, isDatabaseUnavailable, parseInput } from '../errors';
import type { CommittedEvent } from '../events/append';
import { latestEventId } from '../events/queries';
import { availabilityByRegency, findProvince } from '../regencies/queries';
import { originAllowed } from '../security';
import { AVAILABILITY_CHANGED } from '../volunteers/set-availability';
import { VOLUNTEER_IMPORTED } from '../../lib/imports';
import { logger } from '../log';
import { observePublished, poskoMetrics } from '../metrics/registry';
import { traceCommand } from '../trace';
import { toAck } from './ack';
import { framesBySocket } from './frames';
import { createEventRelay } from './relay';
import { eventsSince, roomsForEvent, toLiveEvent, type IncidentPlace } from './scope';
import { PROVINCE_ASK_EVENTS } from '../../lib/province-asks';
import { isWaveOffer, offeredVolunteerIds } from '../deployments/offers';

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
  /** This process's name in a cluster: set as the `posko_node` cookie on each new connection. */
  nodeId?: string;
  /**
   * Where the verbs of socket commands announce their commits: the app's publish (live pages, Web Push,
   * texts), so a "Butuh bantuan" tapped on a phone notifies as one sent by HTTP does. This realtime's own
   * publish (live pages only) when left out.
   */
  publish?(events: CommittedEvent[]): void;
}

export interface Realtime {
  io: PoskoServer;
  /** Fans committed events out to the rooms that may see them. */
  publish(events: CommittedEvent[]): void;
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
    'assignment:undo': (socket, input) => undoStatus({ ctx: as(socket), input }),
    'checkin:report': (socket, input) => reportCheckIn({ ctx: as(socket), input }),
    'assessment:submit': (socket, input) => submitAssessment({ ctx: as(socket), input }),
    'rollcall:answer': (socket, input) => answerRollCall({ ctx: as(socket), input }),
    'message:receive': (socket, input) => markMessage({ ctx: as(socket), input, state: 'delivered' }),
    'message:read': (socket, input) => markMessage({ ctx: as(socket), input, state: 'read' }),
    'message:reply': (socket, input) => replyMessage({ ctx: as(socket), input }),
    'message:send': (socket, input) => writeToPosko({ ctx: as(socket), input }),
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
  if (deps.nodeId) {
    // Behind the cluster's load balancer the cookie keeps a long-polling browser on this process.
    const stickiness = stringifySetCookie({
      name: NODE_COOKIE,
      value: deps.nodeId,
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
    });
    io.engine.on('initial_headers', (headers: Record<string, string | string[]>) => {
      headers['set-cookie'] = stickiness;
    });
  }
  if (deps.pool) {
    io.adapter(
      createAdapter(deps.pool, {
        errorHandler: (err) => logger().error({ err }, 'Socket.IO PostgreSQL adapter failed'),
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
        if (isDatabaseUnavailable(error)) return next(new Error('UNAVAILABLE'));
        logger().error({ err: error }, 'Socket handshake failed');
        next(new Error('INTERNAL'));
      });
  });

  const domain: DomainContext = { db: deps.db, now: deps.now, publish: (events) => (deps.publish ?? publish)(events) };
  const handlers = commandHandlers(deps, domain);
  const { connectedSockets } = poskoMetrics();
  io.on('connection', (socket: PoskoSocket) => {
    // The handshake has been read (the session cookie, above): the first HTTP request is not needed any
    // more, and keeping it costs every connected phone its memory (Socket.IO's "Memory usage" advice).
    socket.conn.request = null as unknown as typeof socket.conn.request;
    void socket.join(roomsFor(socket.data.actor));
    connectedSockets.inc();
    socket.once('disconnect', () => connectedSockets.dec());
    const who = { userId: socket.data.actor.userId, socketId: socket.id };
    // One listener for every command, not one closure per command per socket.
    socket.onAny((command: string, input: unknown, ack: unknown) => {
      if (!Object.hasOwn(handlers, command) || typeof ack !== 'function') return;
      const name = command as keyof typeof handlers;
      void traceCommand(name, who, () => toAck(() => handlers[name](socket, input))).then((result) =>
        (ack as (result: Ack<unknown>) => void)(result),
      );
    });
  });

  // One mechanism for every way a session ends (sign-out, "everywhere", revoked, disabled, expired,
  // idle, or ended by another process): each process checks its own sockets against the database.
  const sessionCheck = setInterval(() => {
    closeEndedSessions().catch((error: unknown) =>
      logger().error({ err: error, job: 'session-check' }, 'Session check failed'),
    );
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

  // An incident never changes kabupaten: each one's is looked up once per process, and again after an ask
  // for help to another province (which then sees the incident too).
  const incidentPlaces = new Map<string, IncidentPlace | null>();
  async function learnIncidentPlaces(events: EventRow[]): Promise<void> {
    for (const event of events) {
      if (event.incidentId && event.type === PROVINCE_ASK_EVENTS.asked) incidentPlaces.delete(event.incidentId);
    }
    const unknown = [
      ...new Set(events.map((event) => event.incidentId).filter((id): id is string => !!id && !incidentPlaces.has(id))),
    ];
    if (unknown.length === 0) return;
    const [rows, asked] = await Promise.all([
      deps.db
        .select({ id: incidents.id, provinceCode: incidents.provinceCode, regencyCode: incidents.regencyCode })
        .from(incidents)
        .where(inArray(incidents.id, unknown)),
      deps.db
        .selectDistinct({ incidentId: provinceAsks.incidentId, provinceCode: provinceAsks.toProvinceCode })
        .from(provinceAsks)
        .where(inArray(provinceAsks.incidentId, unknown)),
    ]);
    for (const id of unknown) {
      const row = rows.find((found) => found.id === id);
      const askedProvinceCodes = asked.filter((ask) => ask.incidentId === id).map((ask) => ask.provinceCode);
      incidentPlaces.set(
        id,
        row ? { provinceCode: row.provinceCode, regencyCode: row.regencyCode, askedProvinceCodes } : null,
      );
    }
  }

  // Who each wave's offer event offered the request to, read from its assignments before it is fanned out.
  const offeredTo = new Map<number, string[]>();
  async function learnOfferRecipients(events: EventRow[]): Promise<void> {
    for (const event of events) {
      if (!isWaveOffer(event)) continue;
      offeredTo.set(event.id, await offeredVolunteerIds(deps.db, event));
    }
  }

  // In a cluster every process reads the committed events itself (the relay) and tells its own sockets.
  const sockets = deps.pool ? io.local : io;

  /**
   * Tells every socket the events of one delivery it may see, in one frame: a request's creation and its
   * offers reach an offered phone together, as one write instead of two. Sockets that may see the same
   * events share one encoded frame.
   */
  function fanOut(events: CommittedEvent[]): void {
    const live = events.map((event) => ({ ...toLiveEvent(event), previousId: event.previousId }));
    const to = events.map((event) => {
      const incident = event.incidentId ? (incidentPlaces.get(event.incidentId) ?? null) : null;
      const recipients = offeredTo.get(event.id);
      offeredTo.delete(event.id);
      return roomsForEvent(event, incident, recipients);
    });
    if (events.length === 1) {
      sockets.to(to[0]!).emit('events:appended', live);
    } else {
      for (const [socketIds, seen] of framesBySocket(io.of('/').adapter.rooms, to)) {
        sockets.to(socketIds).emit(
          'events:appended',
          seen.map((index) => live[index]!),
        );
      }
    }
    for (const event of events) {
      const recounted = recountedRegencies(event);
      if (recounted.length === 0) continue;
      announceCounts(event, recounted).catch((error: unknown) =>
        logger().error({ err: error, eventId: event.id }, 'Could not announce the counts of an event'),
      );
    }
  }

  async function announceCounts(event: EventRow, regencyCodes: string[]): Promise<void> {
    // A move also recounts the kabupaten/kota it left, in its own province when that differs.
    const left = movedFrom(event);
    const places = new Map<string, string[]>([[event.provinceCode, regencyCodes]]);
    if (left) places.set(left.provinceCode, [...(places.get(left.provinceCode) ?? []), left.regencyCode]);
    for (const [provinceCode, codes] of places) {
      // Each process counts only for maps open on it (in a cluster, every process sees every event).
      if (!io.of('/').adapter.rooms.get(mapRoom(provinceCode))?.size) continue;
      const regencies = await availabilityByRegency(deps.db, provinceCode, [...new Set(codes)]);
      sockets.to(mapRoom(provinceCode)).emit('availability:changed', { eventId: event.id, provinceCode, regencies });
    }
    const to = event.payload.to;
    if (
      event.type === AVAILABILITY_CHANGED &&
      event.volunteerId &&
      (to === 'available' || to === 'deployed' || to === 'unavailable')
    ) {
      sockets.to(rooms.volunteer(event.volunteerId)).emit('volunteer:updated', {
        eventId: event.id,
        volunteerId: event.volunteerId,
        availability: to,
      });
    }
  }

  // Publishes are delivered one after another, each socket receiving its events in the order they are
  // emitted; two commits may still publish out of order. Each event names the one committed before it, so a
  // page notices and asks for what it lacks. A delivery waits for the next turn of the event loop and takes
  // every event published until then: the answer to whoever made the change (an accept's ack, an HTTP
  // response) leaves first instead of behind a broadcast to a thousand phones, and commits that land
  // together reach each socket together.
  let delivering: Promise<void> = Promise.resolve();
  let gathering: { events: CommittedEvent[]; delivered: Promise<void> } | null = null;
  function deliver(events: CommittedEvent[]): Promise<void> {
    if (gathering) {
      gathering.events.push(...events);
      return gathering.delivered;
    }
    const batch = { events: [...events], delivered: Promise.resolve() };
    gathering = batch;
    batch.delivered = delivering = delivering
      .then(() => new Promise((resolve) => setImmediate(resolve)))
      .then(() => {
        gathering = null;
        const ordered = batch.events.sort((a, b) => a.id - b.id);
        return Promise.all([learnIncidentPlaces(ordered), learnOfferRecipients(ordered)])
          .catch((error: unknown) => logger().error({ err: error }, 'Could not look up the incidents of new events'))
          .then(() => {
            for (let start = 0; start < ordered.length; start += EVENTS_PER_FRAME) {
              fanOut(ordered.slice(start, start + EVENTS_PER_FRAME));
            }
            ordered.forEach(observePublished);
          });
      });
    return batch.delivered;
  }

  // One process delivers what it commits; several read every commit back from the database, in order, so a
  // PostgreSQL restart or a lost NOTIFY costs a second of delay, never an event.
  const relay = deps.pool ? createEventRelay({ db: deps.db, pool: deps.pool, deliver }) : null;
  function publish(events: CommittedEvent[]): void {
    if (relay) relay.ring();
    else void deliver(events);
  }

  return {
    io,
    publish,
    async close() {
      clearInterval(sessionCheck);
      await relay?.close();
      await io.close();
    },
  };
}

/**
 * At most this many events share a frame: a relay's catch-up after an outage (hundreds of events) goes out
 * in a few frames per socket instead of one per event, and no socket waits for one huge frame.
 */
const EVENTS_PER_FRAME = 20;

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
