import type { Executor } from '../client';
import { provinces, volunteers } from '../schema';

export {
  DEFAULT_DEMO_SEED,
  planDemoData,
  seedDemoData,
  type DemoData,
  type DemoSeedOptions,
  type DemoSeedSummary,
} from './demo';
export { seedReferenceData, type ReferenceSeedSummary } from './reference';

/** True before the first start has loaded anything: not even the provinces are there. */
export async function isDatabaseEmpty(db: Executor): Promise<boolean> {
  const rows = await db.select({ code: provinces.code }).from(provinces).limit(1);
  return rows.length === 0;
}

/** True once any volunteer is on the roster, demo or real: the demo must not be mixed in then. */
export async function hasVolunteers(db: Executor): Promise<boolean> {
  const rows = await db.select({ id: volunteers.id }).from(volunteers).limit(1);
  return rows.length > 0;
}
