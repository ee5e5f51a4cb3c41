import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../db/client';
import { createDatabase, seedTo, TEMPLATE_DATABASES, type SeedLevel } from './database';
import { startPostgresCluster } from '../../server/cluster/postgres';

/** Starts the real PostgreSQL for the data-layer suite and prepares one template database per seed level. */
export default async function setup(project: TestProject) {
  const cluster = await startPostgresCluster();
  for (const [level, name] of Object.entries(TEMPLATE_DATABASES) as [SeedLevel, string][]) {
    const handle = await openDatabase({ databaseUrl: await createDatabase(cluster.url, name) });
    await seedTo(handle, level);
    await handle.close();
  }
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
