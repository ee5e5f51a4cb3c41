import DataLoader from 'dataloader';
import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { assignments, deploymentRequests, type DeploymentRequest } from '../../db/schema';
import type { AssignmentStatus } from '../../lib/domain';

/** An offer named by its assignment, or by its request and the volunteer it was made to. */
export type OfferKey = { assignmentId: string } | { requestId: string; volunteerId: string };

/** An assignment and its request as last committed (no lock). */
export interface CommittedOffer {
  assignmentId: string;
  volunteerId: string;
  status: AssignmentStatus;
  request: DeploymentRequest;
}

const nameOf = (key: OfferKey): string =>
  'assignmentId' in key ? key.assignmentId : `${key.requestId}:${key.volunteerId}`;

/**
 * The committed offers for many keys in one statement. When 500 phones accept at once, their reads
 * arrive together and leave as one query instead of 500 that would queue for the pool's connections in
 * front of the accepts that actually take a place.
 */
async function readOffers(db: Database, keys: readonly OfferKey[]): Promise<(CommittedOffer | null)[]> {
  const ids = [...new Set(keys.flatMap((key) => ('assignmentId' in key ? [key.assignmentId] : [])))];
  const pairs = keys.flatMap((key) => ('requestId' in key ? [key] : []));
  const named: SQL[] = [];
  if (ids.length > 0) named.push(inArray(assignments.id, ids));
  if (pairs.length > 0) {
    named.push(
      sql`(${assignments.requestId}, ${assignments.volunteerId}) in (${sql.join(
        pairs.map((pair) => sql`(${pair.requestId}::uuid, ${pair.volunteerId}::uuid)`),
        sql`, `,
      )})`,
    );
  }
  const rows = await db
    .select({
      assignmentId: assignments.id,
      volunteerId: assignments.volunteerId,
      status: assignments.status,
      request: deploymentRequests,
    })
    .from(assignments)
    .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
    .where(or(...named));
  const found = new Map<string, CommittedOffer>();
  for (const row of rows) {
    found.set(row.assignmentId, row);
    found.set(`${row.request.id}:${row.volunteerId}`, row);
  }
  return keys.map((key) => found.get(nameOf(key)) ?? null);
}

const loaders = new WeakMap<Database, DataLoader<OfferKey, CommittedOffer | null, string>>();

/**
 * One offer as last committed, read together with the others asked for in the same turn of the event
 * loop (the messages one network read delivered). Nothing is cached: every call reads afresh.
 */
export function committedOffer(db: Database, key: OfferKey): Promise<CommittedOffer | null> {
  let loader = loaders.get(db);
  if (!loader) {
    loader = new DataLoader((keys) => readOffers(db, keys), {
      cache: false,
      batchScheduleFn: (run) => setImmediate(run),
      maxBatchSize: 500,
    });
    loaders.set(db, loader);
  }
  return loader.load(key);
}
