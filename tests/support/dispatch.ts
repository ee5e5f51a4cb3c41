import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { DatabaseHandle, Executor } from '../../db/client';
import {
  assignments,
  events,
  regencies,
  volunteers,
  type Assignment,
  type Incident,
  type Volunteer,
} from '../../db/schema';
import type { Actor, ActorContext } from '../../server/auth/actor';
import { requestDeployment } from '../../server/deployments/request-deployment';
import { DomainError } from '../../server/errors';
import type { CommittedEvent } from '../../server/events/append';
import { createIncident } from '../../server/incidents/create-incident';

/** People acting in the tests; there are no accounts yet, so actors are made directly. */
export const actors = {
  admin: (): Actor => ({ role: 'admin', userId: randomUUID(), name: 'Admin Posko' }),
  coordinator: (provinceCode: string, regencyCode: string | null = null): Actor => ({
    role: 'coordinator',
    userId: randomUUID(),
    name: regencyCode ? `Koordinator ${regencyCode}` : `Koordinator Provinsi ${provinceCode}`,
    scope: { provinceCode, regencyCode },
  }),
  leader: (provinceCode: string): Actor => ({
    role: 'leader',
    userId: randomUUID(),
    name: `Kepala Dinas ${provinceCode}`,
    scope: { provinceCode, regencyCode: null },
  }),
  volunteer: (volunteer: Volunteer): Actor => ({
    role: 'volunteer',
    userId: randomUUID(),
    name: volunteer.name,
    volunteerId: volunteer.id,
    provinceCode: volunteer.regencyCode.slice(0, 2),
    regencyCode: volunteer.regencyCode,
    pillarCode: volunteer.pillarCode,
    isTeamLeader: volunteer.isTeamLeader,
  }),
};

/** A context acting as `actor` that records what the verbs announced; `now` can be moved. */
export function actorContext(
  handle: DatabaseHandle,
  actor: Actor,
  now: () => Date = () => new Date(),
): ActorContext & { published: CommittedEvent[] } {
  const published: CommittedEvent[] = [];
  return { db: handle.db, actor, now, published, publish: (written) => published.push(...written) };
}

let phoneCounter = 0;
let skillCounter = 0;

/** A skill nobody else has, so one test's request offers only to that test's volunteers. */
export const uniqueSkill = () => `uji ${process.pid}-${++skillCounter}`;

/** Volunteers made for one test, all with the same pillar, kabupaten and skill. */
export async function addVolunteers(
  db: Executor,
  spec: {
    regencyCode: string;
    count: number;
    pillarCode?: string;
    skills?: string[];
    availability?: Volunteer['availability'];
    /** Sharing the phone's position; the dispatch tests' volunteers agreed unless a test says otherwise. */
    positionConsent?: boolean | null;
    /** The home kecamatan (distances run from its centroid). */
    districtCode?: string;
  },
): Promise<Volunteer[]> {
  const rows = Array.from({ length: spec.count }, () => {
    phoneCounter += 1;
    // "+6200…" is no mobile prefix, so it never meets the demo's numbers.
    const phone = `+6200${String(process.pid % 10_000).padStart(4, '0')}${String(phoneCounter).padStart(5, '0')}`;
    return {
      name: `Relawan Uji ${phoneCounter}`,
      phone,
      pillarCode: spec.pillarCode ?? 'tagana',
      regencyCode: spec.regencyCode,
      skills: spec.skills ?? [],
      availability: spec.availability ?? 'available',
      positionConsent: spec.positionConsent === undefined ? true : spec.positionConsent,
      districtCode: spec.districtCode ?? null,
    };
  });
  return db.insert(volunteers).values(rows).returning();
}

/** An incident registered through the verb by a coordinator of its province. */
export async function addIncident(
  handle: DatabaseHandle,
  regencyCode: string,
  extra: Record<string, unknown> = {},
): Promise<Incident> {
  const ctx = actorContext(handle, actors.coordinator(regencyCode.slice(0, 2)));
  return createIncident({ ctx, input: { type: 'flood', severity: 3, regencyCode, ...extra } });
}

export const inHours = (hours: number, from = new Date()) => new Date(from.getTime() + hours * 3_600_000);

/**
 * An incident in `regencyCode` with one request for `slots` places, offered to `offered` fresh
 * volunteers of that kabupaten (and nobody else: they share a skill of their own).
 */
export async function openRequest(
  handle: DatabaseHandle,
  spec: { regencyCode?: string; slots: number; offered: number; deadline?: Date },
) {
  const regencyCode = spec.regencyCode ?? '62.71';
  const skill = uniqueSkill();
  const crew = await addVolunteers(handle.db, { regencyCode, count: spec.offered, skills: [skill] });
  const incident = await addIncident(handle, regencyCode);
  const coordinator = actorContext(handle, actors.coordinator(regencyCode.slice(0, 2)));
  const { request } = await requestDeployment({
    ctx: coordinator,
    input: {
      incidentId: incident.id,
      slots: spec.slots,
      pillarCodes: ['tagana'],
      skill,
      sourceRegencyCodes: [regencyCode],
      meetingPoint: 'Halaman kantor Dinas Sosial',
      deadline: (spec.deadline ?? inHours(6)).toISOString(),
    },
  });
  const offers = await handle.db.select().from(assignments).where(eq(assignments.requestId, request.id));
  const offerOf = new Map(offers.map((offer) => [offer.volunteerId, offer]));
  return {
    incident,
    request,
    coordinator,
    crew: crew.map((volunteer) => ({ volunteer, offer: offerOf.get(volunteer.id)! })),
  };
}

export async function assignmentRow(db: Executor, id: string): Promise<Assignment> {
  const [row] = await db.select().from(assignments).where(eq(assignments.id, id));
  return row!;
}

export async function volunteerRow(db: Executor, id: string): Promise<Volunteer> {
  const [row] = await db.select().from(volunteers).where(eq(volunteers.id, id));
  return row!;
}

export async function eventCount(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(events);
  return row?.n ?? 0;
}

export async function provinceOfRegency(db: Executor, code: string): Promise<string> {
  const [row] = await db
    .select({ provinceCode: regencies.provinceCode })
    .from(regencies)
    .where(eq(regencies.code, code));
  return row!.provinceCode;
}

/** The verb's promise rejects with a DomainError of that code; returns it for a look at the message. */
export async function expectDomainError(promise: Promise<unknown>, code: DomainError['code']): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, `expected a ${code} DomainError`).toBeInstanceOf(DomainError);
  expect((error as DomainError).code, (error as DomainError).message).toBe(code);
  return error as DomainError;
}

/**
 * The volunteer also offered a place at another incident of their kabupaten (with the others of their
 * test skill): that request and the volunteer's offer on it.
 */
export async function offerElsewhere(
  handle: DatabaseHandle,
  coordinator: ActorContext,
  volunteer: Volunteer,
  { slots = 1, meetingPoint, hours = 2 }: { slots?: number; meetingPoint: string; hours?: number },
) {
  const incident = await addIncident(handle, volunteer.regencyCode);
  const { request } = await requestDeployment({
    ctx: coordinator,
    input: {
      incidentId: incident.id,
      slots,
      pillarCodes: ['tagana'],
      skill: volunteer.skills[0],
      sourceRegencyCodes: [volunteer.regencyCode],
      meetingPoint,
      deadline: inHours(hours).toISOString(),
    },
  });
  const [offer] = await handle.db
    .select()
    .from(assignments)
    .where(and(eq(assignments.requestId, request.id), eq(assignments.volunteerId, volunteer.id)));
  return { request, offer: offer! };
}
