import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../../db/client';
import { seedReferenceData } from '../../db/reference';
import { seedDemoData } from '../../server/seed';

/** What a test starts from: an empty schema, the official areas and pillars, or the full demo. */
export type SeedLevel = 'none' | 'reference' | 'demo';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway PostgreSQL cluster's URL in the PostgreSQL project; empty on PGlite. */
    postgresUrl: string;
  }
}

export const TEMPLATE_DATABASES: Record<SeedLevel, string> = {
  none: 'posko_template_none',
  reference: 'posko_template_reference',
  demo: 'posko_template_demo',
};

export async function seedTo(handle: DatabaseHandle, level: SeedLevel): Promise<void> {
  await migrateDatabase(handle);
  if (level === 'none') return;
  await seedReferenceData(handle.db);
  if (level === 'demo') await seedDemoData(handle.db);
}

/** Which database the running project tests against. */
export function testDriver(): 'pglite' | 'postgres' {
  return inject('postgresUrl') ? 'postgres' : 'pglite';
}

// Creating, migrating and seeding a PGlite takes seconds; do it once per worker and level, then clone.
const pgliteTemplates = new Map<SeedLevel, Promise<File | Blob>>();

function pgliteTemplate(level: SeedLevel): Promise<File | Blob> {
  let template = pgliteTemplates.get(level);
  if (!template) {
    template = (async () => {
      const client = await PGlite.create();
      await seedTo(await openDatabase({ pglite: client }), level);
      const dump = await client.dumpDataDir('none');
      await client.close();
      return dump;
    })();
    pgliteTemplates.set(level, template);
  }
  return template;
}

/**
 * A fresh database for one test file: an in-memory PGlite, or on the PostgreSQL project a new database
 * cloned from a template the global setup prepared.
 */
export async function openTestDatabase(level: SeedLevel = 'reference'): Promise<DatabaseHandle> {
  const postgresUrl = inject('postgresUrl');
  if (!postgresUrl) {
    const client = await PGlite.create({ loadDataDir: await pgliteTemplate(level) });
    return openDatabase({ pglite: client });
  }
  const name = `posko_test_${randomBytes(6).toString('hex')}`;
  const handle = await openDatabase({
    databaseUrl: await createDatabase(postgresUrl, name, TEMPLATE_DATABASES[level]),
  });
  return {
    ...handle,
    async close() {
      await handle.close();
      await adminQuery(postgresUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/** Creates database `name` (a copy of `template` when given) on the cluster at `clusterUrl`; resolves to its URL. */
export async function createDatabase(clusterUrl: string, name: string, template?: string): Promise<string> {
  await adminQuery(clusterUrl, `create database ${name}${template ? ` template ${template}` : ''}`);
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
