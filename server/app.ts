import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import next from 'next';
import { IN_MEMORY, migrateDatabase, openDatabase, type DatabaseHandle } from '../db/client';
import type { PGlite } from '@electric-sql/pglite';
import { dailyBackup } from '../db/backup';
import type { CommittedEvent } from './events/append';
import { isDatabaseEmpty, seedReferenceData } from '../db/reference';
import { seedDemoData } from './seed';
import { printDemoAccounts, seedDemoAccounts } from './seed/accounts';
import type { SessionPolicy } from './auth/sessions';
import { createApiTokenLimits } from './api-tokens/limits';
import { createSignInLimits } from './auth/sign-in-limits';
import { setAppContext, type AppContext } from './context';
import type { Env } from './env';
import { PROJECT_ROOT } from './paths';
import { createRealtime, type Realtime } from './realtime';
import { expireOffers } from './deployments/expire-offers';
import { sweepCheckIns } from './operations/sweep-check-ins';
import { widenWaves } from './deployments/widen-waves';
import { sweepRest } from './operations/sweep-rest';
import { sweepRetention } from './privacy/sweep-retention';
import { whilePreparing } from './cluster/start-lock';
import { createTimekeeper, SOLE_TIMEKEEPER, type Timekeeper } from './cluster/timekeeper';
import { createPushNotifier } from './push/notify';
import { createChannelNotifier } from './channels/notify';
import { providersFrom } from './channels/providers';
import { createChannelQueue } from './channels/queue';
import { remindUnanswered } from './channels/reminders';
import { rooms } from '../lib/realtime';
import { applyDistrictPoints, applyRegencyPoints } from './regencies/points';
import { guardLimits, lingerAfterEarlyAnswer } from './request-limits';
import { guardRequest } from './security';
import { brotliStatic } from './static-brotli';
import { configureLog, logger, withLogContext } from './log';
import { poskoMetrics } from './metrics/registry';
import { textsQueued } from './channels/queries';
import { createRequestTracer } from './trace';

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
    trustedProxies: env.POSKO_TRUSTED_PROXIES ?? [],
    dev: env.NODE_ENV === 'development',
    tileOrigin: env.TILE_URL ? new URL(env.TILE_URL.replace(/[{}]/g, '')).origin : undefined,
  };
  configureLog({ level: env.POSKO_LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info') });
  const trace = createRequestTracer(path.join(PROJECT_ROOT, 'app'));
  const httpServer = createServer((req, res) => {
    lingerAfterEarlyAnswer(req, res);
    trace(req, res, () => {
      if (guardRequest(req, res, guard) && guardLimits(req, res)) handleRequest(req, res);
    });
  });
  const port = await listen(httpServer, env.PORT, env.HOST);

  let database: DatabaseHandle | undefined = given;
  try {
    database ??= await openDatabase(
      env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.POSKO_DATA_DIR },
    );
    const demo = database.driver === 'pglite' && env.POSKO_DEMO;
    const preparing = database;
    await (preparing.pool
      ? whilePreparing(preparing.pool, () => prepareData(preparing, env, log))
      : prepareData(preparing, env, log));
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
      nodeId: env.POSKO_NODE_ID,
      sessionPolicy,
      allowedOrigins,
      now,
      publish: (events) => context.publish(events),
    });
    const push = createPushNotifier({ db: database.db, env, now });
    const providers = providersFrom(env);
    // The queue announces sent and failed texts through the same publish as every verb.
    const domain = { db: database.db, now, publish: (events: CommittedEvent[]) => context.publish(events) };
    const queue = createChannelQueue(domain, providers, env);
    const texts = createChannelNotifier({
      db: database.db,
      providers,
      queue,
      hasLiveConnection: async (volunteerId) =>
        (await realtime.io.in(rooms.volunteer(volunteerId)).fetchSockets()).length > 0,
      now,
    });
    const context: AppContext = {
      db: database.db,
      driver: database.driver,
      env,
      demo,
      // After commit: live pages first, then phones whose page is closed (Web Push).
      publish: (events) => {
        realtime.publish(events);
        push.notify(events);
        texts.notify(events);
      },
      channels: { providers, kick: () => queue.kick() },
      now,
      sessionPolicy,
      signInLimits: createSignInLimits(database.db),
      apiTokenLimits: createApiTokenLimits(database.db, env.POSKO_API_TOKEN_RATE_PER_MINUTE),
    };
    setAppContext(context);
    // Several processes on one PostgreSQL: one of them runs the timed work at a time.
    const timekeeper = env.POSKO_CLUSTER && env.DATABASE_URL ? createTimekeeper(env.DATABASE_URL) : SOLE_TIMEKEEPER;
    const pool = database.pool;
    poskoMetrics().sources = {
      pool: () =>
        pool
          ? { driver: 'postgres', total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }
          : { driver: 'pglite', total: 1 },
      textsQueued: () => textsQueued(context.db),
      pushPending: () => push.pending(),
      keepsTime: () => timekeeper.holding(),
    };
    const stopSweep = startDeadlineSweep(context, timekeeper);
    const stopBackups =
      database.pglite && env.POSKO_BACKUP_DIR && env.POSKO_DATA_DIR !== IN_MEMORY
        ? startDailyBackups(database.pglite, env.POSKO_BACKUP_DIR, env.POSKO_BACKUP_KEEP_DAYS)
        : async () => {};
    const stopReminders = startReminderSweep(context, timekeeper);
    const stopRetention = startRetentionSweep(context, timekeeper, log);

    let closeNext = async () => {};
    if (pages) {
      const nextApp = next({ dev: env.NODE_ENV === 'development', dir: PROJECT_ROOT, hostname: env.HOST, port });
      await nextApp.prepare();
      const nextHandler = nextApp.getRequestHandler();
      const nextOnly = (req: IncomingMessage, res: ServerResponse) => void nextHandler(req, res);
      if (env.NODE_ENV === 'development') handleRequest = nextOnly;
      else {
        const staticFiles = brotliStatic(path.join(PROJECT_ROOT, '.next/static'));
        handleRequest = (req, res) => staticFiles(req, res, () => nextOnly(req, res));
      }
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
        await stopBackups();
        await stopReminders();
        await stopRetention();
        await timekeeper.close();
        await push.idle();
        await texts.idle();
        await queue.close();
        await realtime.close(); // also closes the HTTP server
        await closeNext();
        setAppContext(undefined);
        poskoMetrics().sources = undefined;
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
  await applyDistrictPoints(database.db);
  log(
    database.driver === 'pglite'
      ? `Database: embedded PGlite in ${env.POSKO_DATA_DIR === IN_MEMORY ? 'memory' : path.resolve(env.POSKO_DATA_DIR)}`
      : 'Database: PostgreSQL',
  );
}

/** How often offers past their deadline are expired (also once at start, which covers a restart). */
const SWEEP_EVERY_MS = 15_000;
/** Check-ins run late within seconds: their sweep runs more often (one indexed query when nothing is due). */
const CHECK_IN_SWEEP_EVERY = 3;

function startDeadlineSweep(ctx: AppContext, timekeeper: Timekeeper): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let round = 0;
  const sweep = () => withLogContext({ job: 'deadline-sweep' }, sweepOnce);
  const sweepOnce = () => {
    running = Promise.all([running, timekeeper.holds()]).then(([, keeping]) =>
      keeping ? sweepDeadlines() : undefined,
    );
  };
  const sweepDeadlines = () => {
    const offers =
      round % CHECK_IN_SWEEP_EVERY === 0
        ? expireOffers({ ctx, now: ctx.now() })
            .then(({ expiredOffers, expiredRequests }) => {
              if (expiredOffers + expiredRequests > 0) {
                logger().info({ expiredRequests, expiredOffers }, 'Deadlines passed: requests and offers expired');
              }
            })
            .then(() => sweepRest({ ctx, now: ctx.now() }))
            .then(({ available }) => {
              if (available > 0) logger().info({ available }, 'Rest periods over: volunteers on standby again');
            })
        : Promise.resolve();
    round += 1;
    return offers
      .then(() => sweepCheckIns({ ctx, now: ctx.now() }))
      .then(({ late, critical }) => {
        if (late + critical > 0) logger().info({ late, critical }, 'Check-ins overdue');
      })
      .then(() => widenWaves({ ctx, now: ctx.now() }))
      .then(({ widened, offered }) => {
        if (widened > 0) logger().info({ widened, offered }, 'Requests widened to their next wave');
      })
      .catch((error: unknown) => logger().error({ err: error }, 'The deadline sweep failed'));
  };
  sweep();
  const timer = setInterval(sweep, SWEEP_EVERY_MS / CHECK_IN_SWEEP_EVERY);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** How often the embedded database checks whether today's backup is written (it writes one a day). */
const BACKUP_CHECK_EVERY_MS = 3_600_000;

function startDailyBackups(client: PGlite, folder: string, keepDays: number): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const check = () => {
    running = withLogContext({ job: 'daily-backup' }, () =>
      dailyBackup(client, folder, keepDays, new Date())
        .then((file) => {
          if (file) logger().info({ file }, 'Embedded database backed up');
        })
        .catch((error: unknown) => logger().error({ err: error }, 'The daily backup failed')),
    );
  };
  check();
  const timer = setInterval(check, BACKUP_CHECK_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** How often unanswered offers are looked at for their second try by text. */
const REMINDER_EVERY_MS = 60_000;

function startReminderSweep(ctx: AppContext, timekeeper: Timekeeper): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = withLogContext({ job: 'text-reminders' }, () =>
      Promise.all([running, timekeeper.holds()])
        .then(([, keeping]) => (keeping ? remindUnanswered(ctx, ctx.channels.providers) : 0))
        .then((queued) => queued > 0 && ctx.channels.kick())
        .catch((error: unknown) => logger().error({ err: error }, 'The SMS reminder sweep failed')),
    );
  };
  const timer = setInterval(sweep, REMINDER_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** How often positions past their retention and retired volunteers' sessions are removed (also at start). */
const RETENTION_EVERY_MS = 3_600_000;

function startRetentionSweep(
  ctx: AppContext,
  timekeeper: Timekeeper,
  log: (line: string) => void,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = Promise.all([running, timekeeper.holds()])
      .then(([, keeping]) =>
        keeping ? sweepRetention({ ctx, now: ctx.now(), retentionDays: ctx.env.POSKO_POSITION_RETENTION_DAYS }) : null,
      )
      .then((removed) => {
        if (removed && removed.assignments + removed.sessions + removed.pushSubscriptions > 0) {
          log(
            `Retention: positions of ${removed.assignments} ended assignments, ${removed.sessions} sessions and ` +
              `${removed.pushSubscriptions} push subscriptions of retired volunteers removed.`,
          );
        }
      })
      .catch((error: unknown) => console.error('The retention sweep failed:', error));
  };
  sweep();
  const timer = setInterval(sweep, RETENTION_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
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
