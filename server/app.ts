import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import next from 'next';
import { IN_MEMORY, migrateDatabase, openDatabase, type DatabaseHandle } from '../db/client';
import { isDatabaseEmpty, seedReferenceData } from '../db/reference';
import { seedDemoData } from './seed';
import { DEMO_PASSWORD, seedDemoAccounts, type DemoAccount } from './seed/accounts';
import { ROLE_LABELS } from '../lib/roles';
import type { SessionPolicy } from './auth/sessions';
import { createSignInLimits } from './auth/sign-in-limits';
import { setAppContext, type AppContext } from './context';
import type { Env } from './env';
import { PROJECT_ROOT } from './paths';
import { createRealtime, type Realtime } from './realtime';
import { expireOffers } from './deployments/expire-offers';
import { createPushNotifier } from './push/notify';
import { applyRegencyPoints } from './regencies/points';
import { guardRequest } from './security';

/** A start-up failure a person can fix; its message is the one line printed before exiting. */
export class StartupError extends Error {
  override name = 'StartupError';
}

export interface RunningPosko {
  url: string;
  port: number;
  database: DatabaseHandle;
  realtime: Realtime;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Serve the pages through Next.js (off for realtime-only test servers). */
  pages?: boolean;
  /** An already open database (tests clone a seeded one); otherwise opened from the environment. */
  database?: DatabaseHandle;
  log?: (line: string) => void;
}

/**
 * Starts the one Posko process: HTTP (Next.js pages and API) and Socket.IO on one port, on PGlite or
 * PostgreSQL. The port is claimed first so a clash is reported before the slow parts.
 */
export async function startPosko(
  env: Env,
  { pages = true, database: given, log = console.log }: StartOptions = {},
): Promise<RunningPosko> {
  let handleRequest = (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' });
    res.end('Posko sedang dimulai. Coba lagi sebentar lagi.');
  };
  const allowedOrigins = env.POSKO_ORIGINS ?? [];
  const guard = {
    allowedOrigins,
    dev: env.NODE_ENV === 'development',
    tileOrigin: env.TILE_URL ? new URL(env.TILE_URL.replace(/[{}]/g, '')).origin : undefined,
  };
  const httpServer = createServer((req, res) => {
    if (guardRequest(req, res, guard)) handleRequest(req, res);
  });
  const port = await listen(httpServer, env.PORT, env.HOST);

  let database: DatabaseHandle | undefined = given;
  try {
    database ??= await openDatabase(
      env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.POSKO_DATA_DIR },
    );
    const demo = database.driver === 'pglite' && env.POSKO_DEMO;
    await prepareData(database, env, log);
    if (demo) printDemoAccounts(await seedDemoAccounts(database.db), log);

    const now = () => new Date();
    const sessionPolicy: SessionPolicy = {
      idleMs: env.POSKO_SESSION_IDLE_HOURS * 3_600_000,
      maxMs: env.POSKO_SESSION_MAX_DAYS * 86_400_000,
    };
    if (env.POSKO_CLUSTER && !database.pool) {
      throw new StartupError(
        'POSKO_CLUSTER needs PostgreSQL (DATABASE_URL): the embedded database serves one process.',
      );
    }
    const realtime = createRealtime(httpServer, {
      db: database.db,
      pool: env.POSKO_CLUSTER ? database.pool : undefined,
      sessionPolicy,
      allowedOrigins,
      now,
    });
    const push = createPushNotifier({ db: database.db, env, now });
    const context: AppContext = {
      db: database.db,
      driver: database.driver,
      env,
      demo,
      // After commit: live pages first, then phones whose page is closed (Web Push).
      publish: (events) => {
        realtime.publish(events);
        push.notify(events);
      },
      now,
      sessionPolicy,
      signInLimits: createSignInLimits(database.db),
    };
    setAppContext(context);
    const stopSweep = startDeadlineSweep(context, log);

    let closeNext = async () => {};
    if (pages) {
      const nextApp = next({ dev: env.NODE_ENV === 'development', dir: PROJECT_ROOT, hostname: env.HOST, port });
      await nextApp.prepare();
      const nextHandler = nextApp.getRequestHandler();
      handleRequest = (req, res) => void nextHandler(req, res);
      closeNext = () => nextApp.close();
    } else {
      handleRequest = (_req, res) => {
        res.writeHead(404).end();
      };
    }

    const openedDatabase = database;
    return {
      url: `http://localhost:${port}`,
      port,
      database: openedDatabase,
      realtime,
      async close() {
        await stopSweep();
        await push.idle();
        await realtime.close(); // also closes the HTTP server
        await closeNext();
        setAppContext(undefined);
        await openedDatabase.close();
      },
    };
  } catch (error) {
    httpServer.close();
    await database?.close().catch(() => {});
    throw error;
  }
}

async function prepareData(database: DatabaseHandle, env: Env, log: (line: string) => void): Promise<void> {
  await migrateDatabase(database);
  const empty = await isDatabaseEmpty(database.db);
  if (empty) {
    await seedReferenceData(database.db);
    // Demo data only on a fresh embedded database: a PostgreSQL deployment seeds on purpose (npm run db:seed).
    if (database.driver === 'pglite' && env.POSKO_DEMO) {
      const summary = await seedDemoData(database.db);
      log(`Demo data loaded: ${summary.volunteers} volunteers in ${Object.keys(summary.byProvince).length} provinces.`);
    }
  }
  await applyRegencyPoints(database.db);
  log(
    database.driver === 'pglite'
      ? `Database: embedded PGlite in ${env.POSKO_DATA_DIR === IN_MEMORY ? 'memory' : path.resolve(env.POSKO_DATA_DIR)}`
      : 'Database: PostgreSQL',
  );
}

/** How often offers past their deadline are expired (also once at start, which covers a restart). */
const SWEEP_EVERY_MS = 15_000;

function startDeadlineSweep(ctx: AppContext, log: (line: string) => void): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = expireOffers({ ctx, now: ctx.now() })
      .then(({ expiredOffers, expiredRequests }) => {
        if (expiredOffers + expiredRequests > 0) {
          log(`Deadlines passed: ${expiredRequests} requests and ${expiredOffers} offers expired.`);
        }
      })
      .catch((error: unknown) => console.error('The deadline sweep failed:', error));
  };
  sweep();
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

function printDemoAccounts(accounts: DemoAccount[], log: (line: string) => void): void {
  log(`Demo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const account of accounts) {
    log(`  ${ROLE_LABELS[account.role].padEnd(12)} ${account.login.padEnd(18)} ${account.name} — ${account.scope}`);
  }
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(new StartupError(`Port ${port} is already in use; stop the other program or set PORT to a free port.`));
      } else if (error.code === 'EACCES') {
        reject(new StartupError(`Port ${port} needs privileges this user lacks; set PORT to a port above 1024.`));
      } else {
        reject(new StartupError(`Cannot listen on ${host}:${port}: ${error.message}`));
      }
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
