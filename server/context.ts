import type { Database, DriverName } from '../db/client';
import type { EventRow } from '../db/schema';
import type { AuthContext } from './auth/sign-in';
import type { Env } from './env';

/** What every domain verb receives. */
export interface DomainContext {
  db: Database;
  /** Announces committed events to live clients; call only after the transaction commits. */
  publish(events: EventRow[]): void;
  now(): Date;
}

/** The running server's services, shared by the custom server and Next's route handlers and pages. */
export interface AppContext extends AuthContext {
  driver: DriverName;
  env: Env;
  /** The embedded demo: demo accounts exist and are printed at start. */
  demo: boolean;
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
