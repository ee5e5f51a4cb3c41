import type { Database, DriverName } from '../db/client';
import type { ApiTokenLimits } from './api-tokens/limits';
import type { AuthContext } from './auth/sign-in';
import type { ChannelServices } from './channels/receive';
import type { Env } from './env';
import type { CommittedEvent } from './events/append';

/** What every domain verb receives. */
export interface DomainContext {
  db: Database;
  /** Announces committed events to live clients; call only after the transaction commits. */
  publish(events: CommittedEvent[]): void;
  now(): Date;
}

/** The running server's services, shared by the custom server and Next's route handlers and pages. */
export interface AppContext extends AuthContext {
  driver: DriverName;
  env: Env;
  /** The embedded demo: demo accounts exist and are printed at start. */
  demo: boolean;
  /** SMS and WhatsApp: the configured providers and the send queue. */
  channels: ChannelServices;
  /** Requests per API token per minute (counted in the database). */
  apiTokenLimits: ApiTokenLimits;
}

// Next bundles route handlers separately from the custom server, so module-level singletons would
// exist twice; both halves run in one process and meet on globalThis.
const globalForPosko = globalThis as typeof globalThis & { __poskoAppContext?: AppContext };

export function setAppContext(context: AppContext | undefined): void {
  globalForPosko.__poskoAppContext = context;
}

export function getAppContext(): AppContext {
  const context = globalForPosko.__poskoAppContext;
  if (!context) throw new Error('Posko is not started: run it through server/index.ts (npm start or npm run dev).');
  return context;
}
