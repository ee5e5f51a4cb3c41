import { and, eq } from 'drizzle-orm';
import type { Executor, Transaction } from '../../db/client';
import {
  assignments,
  deploymentRequests,
  incidents,
  regencies,
  rollCallEntries,
  rollCalls,
  volunteers,
  type NewEventRow,
  type RollCall,
} from '../../db/schema';
import { ROLL_CALL_EVENTS } from '../../lib/roll-calls';
import type { DeployedPerson } from '../deployments/deployed-people';
import { DomainError } from '../errors';

export async function findRollCall(db: Executor, rollCallId: string): Promise<RollCall> {
  const [rollCall] = await db.select().from(rollCalls).where(eq(rollCalls.id, rollCallId)).limit(1);
  if (!rollCall) throw new DomainError('NOT_FOUND', 'Apel tidak ditemukan.');
  return rollCall;
}

/** One person's place in a roll call, locked; a volunteer who was not called gets a FORBIDDEN. */
export async function lockOwnEntry(tx: Transaction, rollCallId: string, volunteerId: string) {
  await findRollCall(tx, rollCallId);
  const [entry] = await tx
    .select()
    .from(rollCallEntries)
    .where(and(eq(rollCallEntries.rollCallId, rollCallId), eq(rollCallEntries.volunteerId, volunteerId)))
    .for('no key update');
  if (!entry) throw new DomainError('FORBIDDEN', 'Apel ini bukan untuk Anda.');
  return entry;
}

export async function incidentTitleOf(db: Executor, incidentId: string | null): Promise<string | null> {
  if (!incidentId) return null;
  const [row] = await db.select({ title: incidents.title }).from(incidents).where(eq(incidents.id, incidentId));
  return row?.title ?? null;
}

export type PersonScope = Pick<DeployedPerson, 'volunteerId' | 'provinceCode' | 'regencyCode'> & {
  incidentId: string | null;
};

/** The event that brings a roll call (or its reminder) to one person's phone. */
export function askedEvent(rollCallId: string, person: PersonScope, reminder: boolean): NewEventRow {
  return {
    type: ROLL_CALL_EVENTS.asked,
    provinceCode: person.provinceCode,
    regencyCode: person.regencyCode,
    volunteerId: person.volunteerId,
    incidentId: person.incidentId,
    payload: { rollCallId, reminder },
  };
}

/** Who an entry is about, with the incident of the assignment they were called on. */
export async function personOfEntry(
  db: Executor,
  entry: { volunteerId: string; assignmentId: string | null },
  fallbackIncidentId: string | null,
): Promise<PersonScope> {
  const [row] = await db
    .select({ provinceCode: regencies.provinceCode, regencyCode: volunteers.regencyCode })
    .from(volunteers)
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(eq(volunteers.id, entry.volunteerId));
  let incidentId = fallbackIncidentId;
  if (entry.assignmentId) {
    const [on] = await db
      .select({ incidentId: deploymentRequests.incidentId })
      .from(assignments)
      .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
      .where(eq(assignments.id, entry.assignmentId));
    incidentId = on?.incidentId ?? incidentId;
  }
  return { volunteerId: entry.volunteerId, provinceCode: row!.provinceCode, regencyCode: row!.regencyCode, incidentId };
}
