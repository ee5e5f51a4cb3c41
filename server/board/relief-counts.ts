import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { assignments, deploymentRequests, incidents } from '../../db/schema';
import type { TimeZone } from '../../lib/domain';

export interface ReliefCounts {
  /** Volunteers under way or on site now. */
  onDuty: number;
  /** Relieved by a relief team since midnight in the province's zone. */
  relievedToday: number;
  /** Reported back home since midnight in the province's zone. */
  returnedToday: number;
}

/** The leaders' relief figures for one province's incidents; "today" is the province's own calendar day. */
export async function reliefCounts(
  db: Executor,
  provinceCode: string,
  timeZone: TimeZone,
  now: Date,
): Promise<ReliefCounts> {
  const today = sql`(${now.toISOString()}::timestamptz at time zone ${timeZone})::date`;
  const sameDay = (column: typeof assignments.relievedAt | typeof assignments.returnedAt) =>
    sql`(${column} at time zone ${timeZone})::date = ${today}`;
  const [row] = await db
    .select({
      onDuty: sql<number>`count(*) filter (where ${assignments.status} in ('en_route', 'on_site'))::int`,
      relievedToday: sql<number>`count(*) filter (where ${sameDay(assignments.relievedAt)})::int`,
      returnedToday: sql<number>`count(*) filter (where ${sameDay(assignments.returnedAt)})::int`,
    })
    .from(assignments)
    .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
    .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
    .where(
      and(
        eq(incidents.provinceCode, provinceCode),
        sql`${assignments.status} in ('en_route', 'on_site', 'relieved', 'returned')`,
      ),
    );
  return { onDuty: row?.onDuty ?? 0, relievedToday: row?.relievedToday ?? 0, returnedToday: row?.returnedToday ?? 0 };
}
