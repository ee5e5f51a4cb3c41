import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dailyBackup, dailyBackupName } from '../../db/backup';
import { openDatabase, type Database, type DatabaseHandle } from '../../db/client';
import { acceptOffer } from '../../server/deployments/accept-offer';
import { createDatabase, seedTo, testDriver } from '../support/database';
import { actorContext, actors, openRequest } from '../support/dispatch';

const root = path.resolve(import.meta.dirname, '../..');
let work: string;
let source: { handle: DatabaseHandle; env: Record<string, string> };

/**
 * Runs `npm run db:backup|db:restore -- FILE` as a person would, with `env`. Not spawnSync: this process
 * must go on refreshing the lock of the embedded database it holds.
 */
function script(name: 'backup' | 'restore', file: string, env: Record<string, string>) {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [`server/cli/${name}.ts`, file], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (status) => resolve({ status, stdout, stderr })),
  );
}

/** Every table of Posko's schema and of the migrations log, each as a row count and a digest of its rows. */
async function tables(db: Database): Promise<Record<string, string>> {
  const rows = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;
  const names = await rows<{ name: string }>(
    sql`select format('%I.%I', table_schema, table_name) as name from information_schema.tables
        where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`,
  );
  const digests: Record<string, string> = {};
  for (const { name } of names) {
    const [result] = await rows<{ n: string; digest: string | null }>(
      sql.raw(`select count(*)::text as n, md5(string_agg(t::text, '|' order by t::text)) as digest from ${name} t`),
    );
    digests[name] = `${result!.n} ${result!.digest}`;
  }
  return digests;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'posko-backup-'));
  const clusterUrl = inject('postgresUrl');
  if (clusterUrl) {
    const databaseUrl = await createDatabase(clusterUrl, `posko_backup_${process.pid}`, 'posko_template_reference');
    source = { handle: await openDatabase({ databaseUrl }), env: { DATABASE_URL: databaseUrl } };
  } else {
    const dataDir = path.join(work, 'source');
    const handle = await openDatabase({ dataDir });
    await seedTo(handle, 'reference');
    source = { handle, env: { POSKO_DATA_DIR: dataDir } };
  }
  // Incidents, a request, offers, an accepted assignment and their events.
  const { crew } = await openRequest(source.handle, { slots: 2, offered: 3 });
  await acceptOffer({
    ctx: actorContext(source.handle, actors.volunteer(crew[0]!.volunteer)),
    input: { assignmentId: crew[0]!.offer.id, idempotencyKey: 'tap-backup' },
  });
}, 120_000);
afterAll(async () => {
  await source?.handle.close().catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

describe(`backup and restore on ${testDriver()}`, () => {
  it('restores a backup into an empty database with every table as it was', async () => {
    const before = await tables(source.handle.db);
    expect(Number(before['public.assignments']!.split(' ')[0])).toBe(3);
    expect(Number(before['public.events']!.split(' ')[0])).toBeGreaterThan(3);
    const file = path.join(work, 'posko.backup');
    let target: Record<string, string>;
    let restoredHandle: () => Promise<DatabaseHandle>;
    const clusterUrl = inject('postgresUrl');
    if (clusterUrl) {
      // PostgreSQL is backed up while it runs.
      const backup = await script('backup', file, source.env);
      expect(backup.stderr).toBe('');
      expect(backup.stdout).toContain(`PostgreSQL backed up to ${file}`);
      const databaseUrl = await createDatabase(clusterUrl, `posko_restored_${process.pid}`);
      target = { DATABASE_URL: databaseUrl };
      restoredHandle = () => openDatabase({ databaseUrl });
    } else {
      // The embedded database is held by the process using it: the script says to stop it first.
      const refused = await script('backup', file, source.env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('Stop it and run this again');
      await source.handle.close();
      const backup = await script('backup', file, source.env);
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
      source.handle = await openDatabase({ dataDir: source.env.POSKO_DATA_DIR! });
      const dataDir = path.join(work, 'restored');
      target = { POSKO_DATA_DIR: dataDir };
      restoredHandle = () => openDatabase({ dataDir });
    }

    const restore = await script('restore', file, target);
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    const restored = await restoredHandle();
    try {
      expect(await tables(restored.db)).toEqual(before);
    } finally {
      await restored.close();
    }
    // A second restore into the same, no longer empty, database is refused and changes nothing.
    const again = await script('restore', file, target);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/Restore failed: /);
  }, 120_000);

  // Daily backups are the embedded database's own (PostgreSQL has its own tools): defined on PGlite only.
  const onPglite = testDriver() === 'pglite' ? it : () => undefined;
  onPglite(
    'writes one daily backup a day and keeps the last days only',
    async () => {
      const folder = path.join(work, 'daily');
      const client = source.handle.pglite!;
      const day = (iso: string) => new Date(`${iso}T08:00:00Z`);
      for (const iso of ['2026-11-20', '2026-11-29']) await dailyBackup(client, folder, 3, day(iso));
      expect(await dailyBackup(client, folder, 3, day('2026-11-29'))).toBeNull();
      const written = await dailyBackup(client, folder, 3, day('2026-12-01'));
      expect(written).toBe(path.join(folder, dailyBackupName(day('2026-12-01'))));
      expect(readdirSync(folder).sort()).toEqual(['posko-2026-11-29.tar.gz', 'posko-2026-12-01.tar.gz']);
      // And the newest loads.
      const loaded = await PGlite.create({ loadDataDir: new Blob([readFileSync(written!)]) });
      const { rows } = await loaded.query<{ n: number }>('select count(*)::int as n from assignments');
      expect(rows[0]!.n).toBe(3);
      await loaded.close();
    },
    120_000,
  );
});
