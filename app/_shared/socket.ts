'use client';

import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/realtime';

export type PoskoSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: PoskoSocket | undefined;

/** The page's one Socket.IO connection: websocket first, long-polling when a network blocks it. */
export function getSocket(): PoskoSocket {
  socket ??= io({ transports: ['websocket', 'polling'], tryAllTransports: true });
  return socket;
}
