import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './ports';

/** A throwaway PostgreSQL cluster from the machine's own binaries: for the real-PostgreSQL suite, and for `npm run cluster` when no DATABASE_URL is given. */
export interface PostgresCluster {
  /** URL of the cluster's `postgres` database; tests create their own databases in it. */
  url: string;
  stop(): Promise<void>;
  /** Shuts the server down (fast shutdown), keeping its data, as an outage would. */
  halt(): Promise<void>;
  /** Starts it again on the same port and data after halt(). */
  restart(): Promise<void>;
}

function findBinaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(path.join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (!newest) {
    throw new Error(
      'PostgreSQL binaries not found under /usr/lib/postgresql; install them (apt-get install -y postgresql) to run the PostgreSQL suite.',
    );
  }
  return path.join(root, newest, 'bin');
}

/** PostgreSQL refuses to run as root: when we are root, run it as the `postgres` system user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('Running as root but there is no "postgres" user to run the test cluster as.');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findBinaries();
  const user = runAs();
  const dir = mkdtempSync(path.join(tmpdir(), 'posko-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const dataDir = path.join(dir, 'data');

  const init = spawnSync(
    path.join(bin, 'initdb'),
    ['-D', dataDir, '-U', 'posko', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync'],
    { encoding: 'utf8', ...user },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);

  const port = await freePort();
  const url = `postgres://posko@127.0.0.1:${port}/postgres`;
  let server: ChildProcess = await startServer();

  async function startServer(): Promise<ChildProcess> {
    const started: ChildProcess = spawn(
      path.join(bin, 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        // A throwaway cluster: durability costs time and buys nothing.
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=300',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], ...user },
    );
    let log = '';
    started.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 20_000;
    for (;;) {
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        await client.end();
        return started;
      } catch {
        await client.end().catch(() => {});
        if (started.exitCode !== null || Date.now() > deadline) {
          started.kill('SIGKILL');
          throw new Error(`PostgreSQL did not start: ${log}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  async function halt(): Promise<void> {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGINT'); // fast shutdown
    await exited;
  }

  return {
    url,
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
    halt,
    async restart() {
      server = await startServer();
    },
  };
}
