import { backupKindOf, restorePglite, restorePostgres } from '../../db/backup';
import { IN_MEMORY } from '../../db/client';
import { parseEnv } from '../env';

/**
 * `npm run db:restore -- FILE`: loads a backup into the empty database in DATABASE_URL, or into an empty
 * POSKO_DATA_DIR (with Posko stopped); a backup of one kind of database does not load into the other.
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('Name the backup file: npm run db:restore -- posko-backup.dump');
  const env = parseEnv(process.env);
  const kind = await backupKindOf(file);
  if (env.DATABASE_URL) {
    if (kind !== 'postgres') {
      throw new Error(`${file} is a backup of the embedded database; restore it without DATABASE_URL.`);
    }
    await restorePostgres(file, env.DATABASE_URL);
    console.log(`Restored ${file} into PostgreSQL.`);
    return;
  }
  if (kind !== 'pglite') throw new Error(`${file} is a PostgreSQL backup; set DATABASE_URL to restore it.`);
  if (env.POSKO_DATA_DIR === IN_MEMORY) throw new Error('Set POSKO_DATA_DIR to the folder to restore into.');
  await restorePglite(file, env.POSKO_DATA_DIR);
  console.log(`Restored ${file} into ${env.POSKO_DATA_DIR}; start Posko with POSKO_DATA_DIR=${env.POSKO_DATA_DIR}.`);
}

main().catch((error: unknown) => {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
