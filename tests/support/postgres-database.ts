import { openDatabase, type DatabaseHandle } from '../../db/client';
import { createDatabase, seedTo, type SeedLevel } from './database';
import { startPostgresCluster, type PostgresCluster } from '../../server/cluster/postgres';

/** A throwaway PostgreSQL cluster with one seeded database, for end-to-end tests that check the server's numbers. */
export interface SeededPostgres {
  cluster: PostgresCluster;
  databaseUrl: string;
  handle: DatabaseHandle;
  stop(): Promise<void>;
}

export async function startSeededPostgres(level: SeedLevel = 'demo'): Promise<SeededPostgres> {
  const cluster = await startPostgresCluster();
  const databaseUrl = await createDatabase(cluster.url, 'posko');
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
