import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/postgres-adapter';
import type pg from 'pg';
import { Server, type Socket } from 'socket.io';
import type { Database } from '../../db/client';
import type { EventRow } from '../../db/schema';
import {
  MAX_SOCKET_PAYLOAD_BYTES,
  WatchMap,
  mapRoom,
  type ClientToServerEvents,
  type InterServerEvents,
  type MapSnapshot,
  type ServerToClientEvents,
  type SocketData,
} from '../../lib/realtime';
import { DomainError, parseInput } from '../errors';
import { latestEventId } from '../events/queries';
import { availabilityByRegency, findProvince } from '../regencies/queries';
import { AVAILABILITY_CHANGED } from '../volunteers/set-availability';
import { toAck } from './ack';

export type PoskoServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type PoskoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeDeps {
  db: Database;
  /** On PostgreSQL: broadcasts reach the sockets of every Posko process through LISTEN/NOTIFY. */
  pool?: pg.Pool;
}

export interface Realtime {
  io: PoskoServer;
  /** Fans committed events out to the rooms that may see them. */
  publish(events: EventRow[]): void;
  close(): Promise<void>;
}

export function createRealtime(httpServer: HttpServer, deps: RealtimeDeps): Realtime {
  const io: PoskoServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD_BYTES,
    // Notice a phone that went away in ~15 s instead of the default 45 s.
    pingInterval: 10_000,
    pingTimeout: 5_000,
    serveClient: false,
  });
  if (deps.pool) {
    io.adapter(
      createAdapter(deps.pool, {
        errorHandler: (error) => console.error(`Socket.IO PostgreSQL adapter: ${error.message}`),
      }),
    );
  }

  io.on('connection', (socket: PoskoSocket) => {
    socket.on('map:watch', async (input, ack) => {
      if (typeof ack !== 'function') return;
      ack(
        await toAck(async () => {
          const { provinceCode } = parseInput(WatchMap, input);
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
        }),
      );
    });
  });

  async function fanOut(event: EventRow): Promise<void> {
    if (event.type === AVAILABILITY_CHANGED && event.regencyCode) {
      const regencies = await availabilityByRegency(deps.db, event.provinceCode, [event.regencyCode]);
      io.to(mapRoom(event.provinceCode)).emit('availability:changed', {
        eventId: event.id,
        provinceCode: event.provinceCode,
        regencies,
      });
    }
  }

  return {
    io,
    publish(events) {
      for (const event of events) {
        fanOut(event).catch((error: unknown) => console.error(`Could not announce event ${event.id}:`, error));
      }
    },
    async close() {
      await io.close();
    },
  };
}

export async function mapSnapshot(db: Database, provinceCode: string): Promise<MapSnapshot> {
  const position = await latestEventId(db);
  const regencies = await availabilityByRegency(db, provinceCode);
  return { provinceCode, position, regencies };
}
