import { migrateDatabase, openDatabase } from '../../db/client';
import { seedReferenceData } from '../../db/reference';

/**
 * `npm run db:migrate`: applies the committed migrations and the official reference data (areas,
 * national pillars) to the database in DATABASE_URL, or to the embedded one in POSKO_DATA_DIR.
 */
async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  const handle = await openDatabase(
    databaseUrl ? { databaseUrl } : { dataDir: process.env.POSKO_DATA_DIR || './data' },
  );
  try {
    await migrateDatabase(handle);
    await seedReferenceData(handle.db);
    console.log(`Migrations and reference data applied (${handle.driver}).`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
