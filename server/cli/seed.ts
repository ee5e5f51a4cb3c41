import { DrizzleQueryError, inArray } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../../db/client';
import { provinces } from '../../db/schema';
import { hasVolunteers, seedReferenceData } from '../../db/reference';
import { seedDemoData } from '../seed';

/**
 * `npm run db:seed`: brings the PostgreSQL database in DATABASE_URL to the demo state: migrations,
 * reference data and, only while no volunteer exists, the demo. The embedded database seeds itself.
 */
async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error(
      'DATABASE_URL is not set: npm run db:seed seeds PostgreSQL, e.g. DATABASE_URL=postgres://user@host:5432/posko npm run db:seed',
    );
    process.exitCode = 1;
    return;
  }
  const handle = await openDatabase({ databaseUrl });
  try {
    await migrateDatabase(handle);
    await seedReferenceData(handle.db);
    if (await hasVolunteers(handle.db)) {
      console.log('Reference data is in place; volunteers already exist, so the demo data was left alone.');
      return;
    }
    const started = performance.now();
    const summary = await seedDemoData(handle.db);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const names = await handle.db
      .select()
      .from(provinces)
      .where(inArray(provinces.code, Object.keys(summary.byProvince)));
    const perProvince = names
      .map((province) => `${province.name} ${summary.byProvince[province.code]?.volunteers ?? 0}`)
      .join(', ');
    console.log(
      `Demo data seeded in ${seconds} s: ${summary.volunteers} volunteers (${perProvince}), ` +
        `${summary.incidents} incidents, ${summary.deploymentRequests} deployment requests, ` +
        `${summary.assignments} assignments, ${summary.events} events.`,
    );
  } finally {
    await handle.close();
  }
}

/** The cause, not drizzle's wrapper, which quotes the whole statement and its thousands of parameters. */
function describe(error: unknown): string {
  const cause = error instanceof DrizzleQueryError && error.cause ? error.cause : error;
  return (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, ' ');
}

main().catch((error: unknown) => {
  console.error(`Seeding failed: ${describe(error)}`);
  process.exitCode = 1;
});
