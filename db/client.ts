import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import * as schema from './schema';

export type Schema = typeof schema;
/** The one database type the rest of the code sees, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: verbs and queries accept both. */
export type Executor = Database | Transaction;
export type DriverName = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  driver: DriverName;
  /** Present on PostgreSQL: the Socket.IO adapter and LISTEN/NOTIFY need a real pool. */
  pool?: pg.Pool;
  /** Present on the embedded database: backups dump its data folder. */
  pglite?: PGlite;
  close(): Promise<void>;
}

/** PostgreSQL by URL, PGlite in a folder (or `memory://`), or an already open PGlite (tests clone one). */
export type DatabaseConfig = { databaseUrl: string } | { dataDir: string } | { pglite: PGlite };

/** A failure to open the database that a person can fix; the message says how. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));
export const IN_MEMORY = 'memory://';

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if ('databaseUrl' in config) return openPostgres(config.databaseUrl);
  if ('pglite' in config) return pgliteHandle(config.pglite, async () => {});
  return openPglite(config.dataDir);
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  if (dataDir === IN_MEMORY) {
    const client = await PGlite.create();
    return pgliteHandle(client, async () => {});
  }
  const folder = path.resolve(dataDir);
  mkdirSync(folder, { recursive: true });
  // PGlite has no inter-process lock and two processes on one folder corrupt it.
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(folder, {
      lockfilePath: path.join(folder, 'posko.lock'),
      stale: 10_000,
      onCompromised: (error) => {
        console.error(`Posko lost the lock on its data folder ${folder}: ${error.message}. Stopping.`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new DatabaseOpenError(
        `The data folder ${folder} is already in use by another Posko process; stop it or set POSKO_DATA_DIR to another folder.`,
      );
    }
    throw new DatabaseOpenError(`Cannot lock the data folder ${folder}: ${(error as Error).message}`);
  }
  try {
    const client = await PGlite.create(path.join(folder, 'pglite'));
    return pgliteHandle(client, release);
  } catch (error) {
    await release();
    throw new DatabaseOpenError(`Cannot open the embedded database in ${folder}: ${(error as Error).message}`);
  }
}

function pgliteHandle(client: PGlite, release: () => Promise<void>): DatabaseHandle {
  const db: Database = drizzlePglite({ client, schema, casing: 'snake_case' });
  return {
    db,
    driver: 'pglite',
    pglite: client,
    async close() {
      await client.close();
      await release();
    },
  };
}

async function openPostgres(databaseUrl: string): Promise<DatabaseHandle> {
  // Under a burst (hundreds of phones accepting at once) requests wait for a connection rather than fail.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20, connectionTimeoutMillis: 15_000 });
  // A connection that PostgreSQL ends must not crash the server: idle ones are replaced by the pool, and
  // checked-out ones (the Socket.IO adapter keeps one for LISTEN) report here and reconnect on "end".
  const onError = (error: Error) => console.error(`PostgreSQL connection error: ${error.message}`);
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseOpenError(
      `Cannot connect to PostgreSQL at ${describeUrl(databaseUrl)}: ${(error as Error).message}`,
    );
  }
  const db: Database = drizzleNodePg({ client: pool, schema, casing: 'snake_case' });
  return { db, driver: 'postgres', pool, close: () => pool.end() };
}

/** host:port/database, never the password. */
export function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return '(a DATABASE_URL that is not a valid URL)';
  }
}

/** Applies the committed drizzle-kit migrations; safe to run at every start. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (handle.driver === 'pglite') {
    await migratePglite(handle.db as Parameters<typeof migratePglite>[0], config);
  } else {
    await migrateNodePg(handle.db as Parameters<typeof migrateNodePg>[0], config);
  }
}

/** Rows of a raw SQL query on either driver; both answer with `{ rows }`. */
export async function queryRows<Row>(db: Executor, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
