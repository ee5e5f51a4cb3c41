import { openDatabase, type DatabaseHandle } from '../../db/client';
import { adminQuery, seedTo, type SeedLevel } from './database';
import { startPostgresCluster, type PostgresCluster } from './postgres';

/** A throwaway PostgreSQL cluster with one seeded database, for end-to-end tests that check the server's numbers. */
export interface SeededPostgres {
  cluster: PostgresCluster;
  databaseUrl: string;
  handle: DatabaseHandle;
  stop(): Promise<void>;
}

export async function startSeededPostgres(level: SeedLevel = 'demo'): Promise<SeededPostgres> {
  const cluster = await startPostgresCluster();
  await adminQuery(cluster.url, 'create database posko');
  const url = new URL(cluster.url);
  url.pathname = '/posko';
  const databaseUrl = url.toString();
  const handle = await openDatabase({ databaseUrl });
  await seedTo(handle, level);
  return {
    cluster,
    databaseUrl,
    handle,
    async stop() {
      await handle.close();
      await cluster.stop();
    },
  };
}
