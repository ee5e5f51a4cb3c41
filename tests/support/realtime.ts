import { io as connect, type Socket } from 'socket.io-client';
import type { DatabaseHandle } from '../../db/client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/realtime';
import { startPosko, type RunningPosko } from '../../server/app';
import { parseEnv } from '../../server/env';
import { openTestDatabase, type SeedLevel } from './database';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The real HTTP + Socket.IO server on port 0, without the pages, on a fresh test database. */
export async function startRealtimeServer(
  level: SeedLevel = 'demo',
  extraEnv: Record<string, string> = {},
): Promise<RunningPosko & { handle: DatabaseHandle }> {
  const handle = await openTestDatabase(level);
  const env = parseEnv({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', ...extraEnv });
  const posko = await startPosko(env, { pages: false, database: handle, log: () => {} });
  return { ...posko, handle };
}

/** A real socket.io-client, websocket only, signed in with `cookie`, connected before it is returned. */
export async function connectClient(
  url: string,
  { cookie, origin }: { cookie?: string; origin?: string } = {},
): Promise<TestClient> {
  const client: TestClient = openClient(url, { cookie, origin });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('connect_error', reject);
  });
  return client;
}

/** A client that has not connected yet (to watch a refused handshake). */
export function openClient(url: string, { cookie, origin }: { cookie?: string; origin?: string } = {}): TestClient {
  const extraHeaders: Record<string, string> = {};
  if (cookie) extraHeaders.cookie = cookie;
  if (origin) extraHeaders.origin = origin;
  return connect(url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders });
}

/** Resolves with the next `event` the client receives, or rejects after `ms`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  client: TestClient,
  event: E,
  ms = 2_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    const listener = ((payload: Parameters<ServerToClientEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    }) as ServerToClientEvents[E];
    client.once(event, listener as never);
  });
}
