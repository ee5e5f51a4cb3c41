import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateDatabase, openDatabase } from '../../db/client';
import { hasVolunteers, seedReferenceData } from '../../db/reference';
import { PROJECT_ROOT } from '../paths';
import { seedDemoData } from '../seed';
import { seedDemoAccounts, type DemoAccount } from '../seed/accounts';
import { renderNginxConfig, startNginx, type RunningNginx } from './nginx';
import { freePort } from './ports';
import { startPostgresCluster, type PostgresCluster } from './postgres';

export interface ClusterOptions {
  processes: number;
  /** nginx's port; 0 picks a free one. */
  port: number;
  /** A PostgreSQL to share; without it a throwaway cluster is started (and removed at the end). */
  databaseUrl?: string;
  /** Seeds the demo (volunteers, incidents, accounts) when the database has no volunteers yet. */
  demo: boolean;
  /** More environment for every process (e.g. POSKO_METRICS_TOKEN). */
  env?: Record<string, string>;
  /** Starts a process again a second after it died on its own (not after stop() or kill()). */
  restartOnExit?: boolean;
  log?: (line: string) => void;
  /** Gets stop() once PostgreSQL is up, before the processes start: a caller interrupted meanwhile can stop them. */
  onStarting?: (stop: () => Promise<void>) => void;
}

export interface ClusterProcess {
  /** POSKO_NODE_ID: a, b, c… */
  id: string;
  port: number;
  /** The process itself, bypassing nginx. */
  url: string;
  output(): string;
  /** Sends the signal and waits until the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again (after kill()) on the same port. */
  start(): Promise<void>;
}

export interface RunningCluster {
  /** Through nginx: what browsers and phones use. */
  url: string;
  databaseUrl: string;
  /** The throwaway PostgreSQL, when no DATABASE_URL was given (halt() and restart() simulate an outage). */
  postgres?: PostgresCluster;
  processes: ClusterProcess[];
  accounts: DemoAccount[];
  stop(): Promise<void>;
}

const NODE_IDS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Several Posko processes on one PostgreSQL behind nginx: the database is migrated and seeded once,
 * then every process starts with POSKO_CLUSTER=1 and its own POSKO_NODE_ID, then nginx in front.
 */
export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  if (!Number.isInteger(options.processes) || options.processes < 1 || options.processes > NODE_IDS.length) {
    throw new Error(`--processes must be a whole number from 1 to ${NODE_IDS.length}.`);
  }
  const log = options.log ?? (() => {});
  const postgres = options.databaseUrl ? undefined : await startPostgresCluster();
  const databaseUrl = options.databaseUrl ?? postgres!.url;
  const prefix = mkdtempSync(path.join(tmpdir(), 'posko-nginx-'));
  const processes: ManagedProcess[] = [];
  let nginx: RunningNginx | undefined;
  const stop = async () => {
    await nginx?.stop();
    await Promise.all(processes.map((child) => child.stop()));
    await postgres?.stop();
    rmSync(prefix, { recursive: true, force: true });
  };
  options.onStarting?.(stop);
  try {
    const accounts = await prepareDatabase(databaseUrl, options.demo, log);
    const port = options.port || (await freePort());
    for (let index = 0; index < options.processes; index += 1) {
      processes.push(
        managedProcess({
          id: NODE_IDS[index]!,
          port: await freePort(),
          env: {
            ...options.env,
            DATABASE_URL: databaseUrl,
            POSKO_CLUSTER: '1',
            POSKO_TRUSTED_PROXIES: '127.0.0.1',
          },
          restartOnExit: options.restartOnExit ?? false,
          log,
        }),
      );
    }
    await Promise.all(processes.map((child) => child.start()));
    const config = renderNginxConfig({ listen: `127.0.0.1:${port}`, prefix, upstreams: processes });
    nginx = await startNginx({ prefix, config, port });
    log(`nginx listens on http://localhost:${port} in front of ${processes.length} processes`);
    return { url: `http://localhost:${port}`, databaseUrl, postgres, processes, accounts, stop };
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
}

async function prepareDatabase(
  databaseUrl: string,
  demo: boolean,
  log: (line: string) => void,
): Promise<DemoAccount[]> {
  const handle = await openDatabase({ databaseUrl });
  try {
    await migrateDatabase(handle);
    await seedReferenceData(handle.db);
    if (!demo) return [];
    if (!(await hasVolunteers(handle.db))) {
      const summary = await seedDemoData(handle.db);
      log(`Demo data loaded: ${summary.volunteers} volunteers in ${Object.keys(summary.byProvince).length} provinces.`);
    }
    return await seedDemoAccounts(handle.db);
  } finally {
    await handle.close();
  }
}

interface ManagedProcess extends ClusterProcess {
  stop(): Promise<void>;
}

function managedProcess({
  id,
  port,
  env,
  restartOnExit,
  log,
}: {
  id: string;
  port: number;
  env: Record<string, string>;
  restartOnExit: boolean;
  log: (line: string) => void;
}): ManagedProcess {
  let child: ChildProcess | null = null;
  let output = '';
  let wanted = false;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      wanted = true;
      // One process per Posko (node with tsx's loader, no wrapper), so a signal reaches the server itself.
      const started = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
        cwd: PROJECT_ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          ...env,
          PORT: String(port),
          POSKO_NODE_ID: id,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      let ready = false;
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (!ready && output.includes(`Posko is ready at http://localhost:${port}`)) {
          ready = true;
          log(`process ${id} serves on port ${port}`);
          resolve();
        }
      };
      started.stdout!.on('data', onData);
      started.stderr!.on('data', onData);
      started.once('exit', (code, signal) => {
        if (child === started) child = null;
        if (!ready) {
          reject(new Error(`Posko process ${id} exited (${signal ?? code}) before it served:\n${output}`));
          return;
        }
        if (wanted && restartOnExit) {
          log(`process ${id} stopped (${signal ?? code}); starting it again`);
          setTimeout(() => void start().catch((error: Error) => log(error.message)), 1_000);
        }
      });
    });

  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    wanted = false;
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  return {
    id,
    port,
    url: `http://localhost:${port}`,
    output: () => output,
    start,
    kill,
    stop: () => kill('SIGTERM'),
  };
}
