import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * Backups of either database in one file. The embedded database's is PGlite's own dump of its data
 * folder (a gzipped tar, written while it runs: the dump waits for the running query, and loading it
 * replays the write-ahead log to the last commit); PostgreSQL's is pg_dump's custom format.
 */
export type BackupKind = 'pglite' | 'postgres';

/** A backup or restore that cannot go ahead; the message says what to do. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** Writes the running embedded database to `file`. */
export async function backupPglite(client: PGlite, file: string): Promise<void> {
  const dump = await client.dumpDataDir('gzip');
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // Written beside and renamed, so a crash never leaves half a backup under the final name.
  const partial = `${file}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
}

/** Creates the embedded database in `folder` (which must not hold one) from a backup. */
export async function restorePglite(file: string, folder: string): Promise<void> {
  const target = path.join(path.resolve(folder), 'pglite');
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new BackupError(
      `${folder} already holds a database. Restore into an empty POSKO_DATA_DIR, or move the folder away first.`,
    );
  }
  mkdirSync(target, { recursive: true });
  const client = await PGlite.create(target, { loadDataDir: new Blob([readFileSync(file)]) });
  await client.query('select 1');
  await client.close();
}

/** Which database a backup file came from, by its first bytes. */
export async function backupKindOf(file: string): Promise<BackupKind> {
  const handle = await open(file, 'r').catch(() => {
    throw new BackupError(`Cannot read the backup file ${file}.`);
  });
  const head = Buffer.alloc(5);
  await handle.read(head, 0, 5, 0);
  await handle.close();
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  if (head.toString('latin1') === 'PGDMP') return 'postgres';
  throw new BackupError(`${file} is not a Posko backup (neither an embedded-database dump nor a pg_dump file).`);
}

/** pg_dump's custom format of the whole database at `databaseUrl` (one consistent snapshot). */
export function backupPostgres(databaseUrl: string, file: string): Promise<void> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, databaseUrl]);
}

/** Loads a pg_dump backup into the (empty) database at `databaseUrl`; stops at the first error. */
export function restorePostgres(file: string, databaseUrl: string): Promise<void> {
  return run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${databaseUrl}`, file]);
}

/** The machine's pg_dump/pg_restore: on PATH, or the newest under /usr/lib/postgresql. */
function binary(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((version) => existsSync(path.join(root, version, 'bin', name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions[0] ? path.join(root, versions[0], 'bin', name) : name;
}

function run(name: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary(name), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          error.code === 'ENOENT'
            ? `${name} is not installed; install PostgreSQL's client tools (apt-get install -y postgresql-client).`
            : `${name} failed: ${error.message}`,
        ),
      ),
    );
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${name} failed: ${errors.trim() || `exit code ${code}`}`)),
    );
  });
}

/** The daily file's name: one per day, so a restart on the same day does not write another. */
export const dailyBackupName = (day: Date) => `posko-${day.toISOString().slice(0, 10)}.tar.gz`;

/**
 * Writes today's backup of the embedded database into `folder` unless it exists, then deletes the
 * daily backups beyond the last `keepDays` days (today included). Returns the file written, if any.
 */
export async function dailyBackup(client: PGlite, folder: string, keepDays: number, now: Date): Promise<string | null> {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, dailyBackupName(now));
  let written: string | null = null;
  if (!existsSync(file)) {
    await backupPglite(client, file);
    written = file;
  }
  const oldest = dailyBackupName(new Date(now.getTime() - (keepDays - 1) * 86_400_000));
  for (const name of readdirSync(folder)) {
    // The names sort by day; only Posko's own daily files are ever deleted.
    if (/^posko-\d{4}-\d{2}-\d{2}\.tar\.gz$/.test(name) && name < oldest)
      rmSync(path.join(folder, name), { force: true });
  }
  return written;
}
