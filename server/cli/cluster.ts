import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startCluster } from '../cluster/run';
import { PROJECT_ROOT } from '../paths';
import { printDemoAccounts } from '../seed/accounts';

/**
 * `npm run cluster -- --processes 3 [--port 3000]`: Posko as a deployment with several machines runs
 * it — N processes on one PostgreSQL (DATABASE_URL, or a throwaway one from the machine's PostgreSQL
 * binaries) behind nginx. A process that dies is started again; Ctrl-C stops everything.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      processes: { type: 'string', default: '3' },
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      demo: { type: 'boolean', default: false },
    },
  });
  const processes = Number(values.processes);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port number.');
  const databaseUrl = process.env.DATABASE_URL || undefined;

  // The same build step as `npm start`: boundaries and the production build, when missing or stale.
  const prepared = spawnSync(process.execPath, ['--import', 'tsx', 'server/prepare.ts'], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
  });
  if (prepared.status !== 0) throw new Error('the production build failed (see above).');

  const cluster = await startCluster({
    processes,
    port,
    databaseUrl,
    // A throwaway database gets the demo; a real one only when asked (it would get known passwords).
    demo: !databaseUrl || values.demo,
    restartOnExit: true,
    env: pass(process.env),
    log: console.log,
  });
  console.log(
    `Posko cluster is ready at ${cluster.url}: ${cluster.processes.map((p) => `${p.id} on ${p.port}`).join(', ')}; ` +
      (cluster.postgres ? `a throwaway PostgreSQL at ${cluster.databaseUrl}.` : 'PostgreSQL from DATABASE_URL.'),
  );
  if (cluster.accounts.length > 0) printDemoAccounts(cluster.accounts, console.log);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the cluster…`);
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Posko's own settings (POSKO_*, SMS, push, tiles) go to every process; the cluster sets the rest. */
function pass(env: NodeJS.ProcessEnv): Record<string, string> {
  const own = /^(POSKO_|TILE_|SMS_|WHATSAPP_)/;
  const skip = new Set(['POSKO_CLUSTER', 'POSKO_NODE_ID', 'POSKO_TRUSTED_PROXIES', 'POSKO_DATA_DIR']);
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => own.test(entry[0]) && !skip.has(entry[0]) && entry[1] !== undefined,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(`The cluster cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
