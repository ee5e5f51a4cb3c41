import { parseArgs } from 'node:util';
import { bootstrapAdmin } from '../accounts/bootstrap-admin';
import { parseEnv } from '../env';
import { DomainError } from '../errors';
import { migrateDatabase, openDatabase } from '../../db/client';
import { seedReferenceData } from '../../db/reference';

/**
 * `npm run admin:create -- --username siti --name "Siti Aminah"`: the first admin of a fresh database
 * (DATABASE_URL, or the embedded one in POSKO_DATA_DIR while Posko is stopped). Prints a one-time link
 * where the admin sets a password.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { username: { type: 'string' }, name: { type: 'string' } } });
  if (!values.username || !values.name) {
    throw new DomainError('INVALID', 'Usage: npm run admin:create -- --username USERNAME --name "FULL NAME"');
  }
  const env = parseEnv(process.env);
  const handle = await openDatabase(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.POSKO_DATA_DIR },
  );
  try {
    await migrateDatabase(handle);
    await seedReferenceData(handle.db);
    const { token, expiresAt } = await bootstrapAdmin(
      handle.db,
      { username: values.username, displayName: values.name },
      new Date(),
    );
    const base = env.POSKO_PUBLIC_URL?.replace(/\/$/, '') ?? `http://localhost:${env.PORT}`;
    console.log(`Admin "${values.username.toLowerCase()}" created. Open this link once to set the password`);
    console.log(`(valid until ${expiresAt.toISOString()}):`);
    console.log(`${base}/aktivasi/${token}`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  const details = error instanceof DomainError && error.details ? ` ${JSON.stringify(error.details)}` : '';
  console.error(`Cannot create the admin: ${error instanceof Error ? error.message : String(error)}${details}`);
  process.exit(1);
});
