import { backupPglite, backupPostgres } from '../../db/backup';
import { DatabaseOpenError, IN_MEMORY, openDatabase } from '../../db/client';
import { parseEnv } from '../env';

/**
 * `npm run db:backup -- FILE`: the database in DATABASE_URL (pg_dump, while Posko runs), or the embedded
 * one in POSKO_DATA_DIR (with Posko stopped: it holds the folder; its own daily backup covers the running case).
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('Name the backup file: npm run db:backup -- posko-backup.dump');
  const env = parseEnv(process.env);
  if (env.DATABASE_URL) {
    await backupPostgres(env.DATABASE_URL, file);
    console.log(`PostgreSQL backed up to ${file} (pg_dump custom format).`);
    return;
  }
  if (env.POSKO_DATA_DIR === IN_MEMORY) throw new Error('An in-memory database has nothing to back up.');
  const handle = await openDatabase({ dataDir: env.POSKO_DATA_DIR }).catch((error: unknown) => {
    if (error instanceof DatabaseOpenError && /already in use/.test(error.message)) {
      throw new Error(
        `Posko is running on ${env.POSKO_DATA_DIR}. Stop it and run this again, or copy today's backup from ${env.POSKO_BACKUP_DIR || 'POSKO_BACKUP_DIR'}, which the running server writes itself.`,
      );
    }
    throw error;
  });
  try {
    await backupPglite(handle.pglite!, file);
    console.log(`Embedded database in ${env.POSKO_DATA_DIR} backed up to ${file}.`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
