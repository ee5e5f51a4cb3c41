/**
 * What every `npm run bench:*` needs around its measurement: its command line, nearest-rank percentiles,
 * a database to seed (PGlite in memory or a throwaway PostgreSQL cluster), the results file, and the
 * cleanup of what a run started.
 * Seeding, the Posko process and the production build come from tests/support/ as the tests use them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IN_MEMORY, openDatabase, type DatabaseHandle } from '../../db/client';
import { createDatabase } from '../support/database';
import { startPostgresCluster } from '../../server/cluster/postgres';

export type BenchDatabase = 'pglite' | 'postgres';

/**
 * The benchmark's options (all `--name value`, with the defaults given) and `--help`. Help prints `usage`
 * and exits 0; an unknown option or a wrong value prints what is wrong and `usage`, and exits 2.
 */
export function benchOptions<Name extends string>(usage: string, defaults: Record<Name, string>) {
  const fail = (message: string): never => {
    console.error(`${message}\n${usage}`);
    process.exit(2);
  };
  const options = Object.fromEntries(
    Object.entries<string>(defaults).map(([name, value]) => [name, { type: 'string' as const, default: value }]),
  );
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { ...options, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const text = (name: Name) => values[name] as string;
  return {
    /** A whole number from `min` to `max` (no upper bound without one). */
    whole(name: Name, min: number, max?: number): number {
      const value = Number(text(name));
      if (!Number.isInteger(value) || value < min || (max !== undefined && value > max)) {
        const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
        fail(`--${name} must be a whole number ${range}, not "${text(name)}".`);
      }
      return value;
    },
    oneOf<Choice extends string>(name: Name, choices: readonly Choice[]): Choice {
      const value = text(name);
      if (!(choices as readonly string[]).includes(value)) {
        fail(`--${name} must be ${choices.join(' or ')}, not "${value}".`);
      }
      return value as Choice;
    },
    /** An absolute path, from the working folder. */
    file: (name: Name) => path.resolve(text(name)),
    /** Options that are each fine but do not go together: prints `message` and `usage`, exits 2. */
    fail,
  };
}

/** Nearest-rank percentile `p` (0–100) of the samples, in their unit; NaN when there are none. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const round = (ms: number, digits = 1) => Number(ms.toFixed(digits));

/** p50, p95 and the slowest of the timings, in ms rounded to `digits` decimals. */
export function timings(samplesMs: number[], digits = 1): { p50Ms: number; p95Ms: number; maxMs: number } {
  return {
    p50Ms: round(percentile(samplesMs, 50), digits),
    p95Ms: round(percentile(samplesMs, 95), digits),
    maxMs: round(percentile(samplesMs, 100), digits),
  };
}

/**
 * An empty database: PGlite in memory, or database `name` on a throwaway PostgreSQL cluster (fsync off)
 * that closing the handle also stops.
 */
export async function openBenchDatabase(driver: BenchDatabase, name: string): Promise<DatabaseHandle> {
  if (driver === 'pglite') return openDatabase({ dataDir: IN_MEMORY });
  const cluster = await startPostgresCluster();
  try {
    const handle = await openDatabase({ databaseUrl: await createDatabase(cluster.url, name) });
    return {
      ...handle,
      async close() {
        await handle.close();
        await cluster.stop();
      },
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** A path relative to the working folder when it lies inside it. */
export function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}

/** Writes the figures as JSON to `file` (making its folder) and returns the path to show. */
export function writeResults(file: string, results: unknown): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return shown(file);
}

/**
 * Cleanup steps, run last-in first-out, one after another, whatever happened before. Running it again
 * (an interrupt while the run is failing) waits for the same cleanup instead of starting a second one.
 */
export class Cleanup {
  private steps: { name: string; run: () => Promise<unknown> }[] = [];
  private running: Promise<void> | undefined;
  add(name: string, run: () => Promise<unknown>): void {
    this.steps.push({ name, run });
  }
  run(): Promise<void> {
    this.running ??= (async () => {
      for (let step = this.steps.pop(); step; step = this.steps.pop()) {
        const { name } = step;
        await step.run().catch((error: unknown) => console.error(`Cleanup (${name}) failed: ${String(error)}`));
      }
    })();
    return this.running;
  }
}

/**
 * Runs a benchmark that starts processes and servers (`run` answers whether every check passed), cleans
 * up after it, on Ctrl-C and after a crash too, and exits 0 only when it passed.
 */
export async function runBench(name: string, run: (cleanup: Cleanup) => Promise<boolean>): Promise<void> {
  const cleanup = new Cleanup();
  // Ctrl-C reaches this process twice (from the terminal and relayed by tsx): clean up once, exit after.
  let interrupting = false;
  const interrupted = () => {
    if (interrupting) return;
    interrupting = true;
    console.error('Interrupted: stopping the clients, the server and the database.');
    void cleanup.run().finally(() => process.exit(130));
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  process.on('uncaughtException', (error) => {
    // A Ctrl-C in a terminal also reaches PostgreSQL, which drops its connections while we clean up.
    if (interrupting) return;
    interrupting = true;
    console.error(`${name} crashed: ${error.stack ?? error.message}`);
    void cleanup.run().finally(() => process.exit(1));
  });
  let ok = false;
  try {
    ok = await run(cleanup);
  } catch (error) {
    console.error(`${name} could not finish: ${error instanceof Error ? error.message : String(error)}`);
  }
  await cleanup.run();
  process.exit(ok ? 0 : 1);
}
