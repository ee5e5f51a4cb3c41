import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { incidents, rollCallEntries, rollCalls, volunteers, type RollCall } from '../../db/schema';
import { RollCallRef, type OwnRollCall, type RollCallView } from '../../lib/roll-calls';
import type { ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { requireIncidentViewer } from '../incidents/queries';
import { findRollCall } from './access';

const iso = (value: Date | null) => value?.toISOString() ?? null;

async function viewsOf(db: Executor, calls: RollCall[]): Promise<RollCallView[]> {
  if (calls.length === 0) return [];
  const entries = await db
    .select({ entry: rollCallEntries, name: volunteers.name, regencyCode: volunteers.regencyCode })
    .from(rollCallEntries)
    .innerJoin(volunteers, eq(volunteers.id, rollCallEntries.volunteerId))
    .where(
      inArray(
        rollCallEntries.rollCallId,
        calls.map((call) => call.id),
      ),
    )
    .orderBy(volunteers.name, volunteers.id);
  return calls.map((call) => {
    const own = entries.filter((row) => row.entry.rollCallId === call.id);
    const answered = own.filter((row) => row.entry.answer !== null).length;
    return {
      id: call.id,
      incidentId: call.incidentId,
      requestId: call.requestId,
      regencyCode: call.regencyCode,
      calledAt: call.createdAt.toISOString(),
      remindedAt: iso(call.remindedAt),
      recipients: own.length,
      answered,
      needHelp: own.filter((row) => row.entry.answer === 'need_help').length,
      waiting: own.length - answered,
      entries: own.map(({ entry, name, regencyCode }) => ({
        volunteerId: entry.volunteerId,
        name,
        regencyCode,
        answer: entry.answer,
        answeredAt: iso(entry.answeredAt),
        receivedAt: iso(entry.receivedAt),
        note: entry.note,
      })),
    };
  });
}

/** A roll call's answers so far, for staff who may see its province. */
export async function rollCallView({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<RollCallView> {
  const { rollCallId } = parseInput(RollCallRef, input);
  const rollCall = await findRollCall(ctx.db, rollCallId);
  requireIncidentViewer(ctx.actor, rollCall.provinceCode);
  const [view] = await viewsOf(ctx.db, [rollCall]);
  return view!;
}

/** An incident's roll calls, newest first (the incident page's panel). */
export async function incidentRollCalls(db: Executor, incidentId: string, limit = 10): Promise<RollCallView[]> {
  const calls = await db
    .select()
    .from(rollCalls)
    .where(eq(rollCalls.incidentId, incidentId))
    .orderBy(desc(rollCalls.createdAt))
    .limit(limit);
  return viewsOf(db, calls);
}

/** How long a roll call stays on the phone of a person called. */
export const OWN_ROLL_CALL_HOURS = 24;

/** The roll calls a volunteer was called to in the last day, newest first. */
export async function ownRollCalls(db: Executor, volunteerId: string, now: Date): Promise<OwnRollCall[]> {
  const rows = await db
    .select({ call: rollCalls, entry: rollCallEntries, incidentTitle: incidents.title })
    .from(rollCallEntries)
    .innerJoin(rollCalls, eq(rollCalls.id, rollCallEntries.rollCallId))
    .leftJoin(incidents, eq(incidents.id, rollCalls.incidentId))
    .where(
      and(
        eq(rollCallEntries.volunteerId, volunteerId),
        gt(rollCalls.createdAt, new Date(now.getTime() - OWN_ROLL_CALL_HOURS * 3_600_000)),
      ),
    )
    .orderBy(desc(rollCalls.createdAt))
    .limit(20);
  return rows.map(({ call, entry, incidentTitle }) => ({
    id: call.id,
    incidentTitle,
    calledAt: call.createdAt.toISOString(),
    answer: entry.answer,
    answeredAt: iso(entry.answeredAt),
  }));
}
