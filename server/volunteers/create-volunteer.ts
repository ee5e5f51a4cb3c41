import type { Transaction } from '../../db/client';
import { volunteers, type NewEventRow, type Volunteer } from '../../db/schema';
import { CreateVolunteer, VOLUNTEER_EVENTS } from '../../lib/registry';
import type { Actor } from '../../lib/roles';
import type { ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { checkHome, checkPillar, guardUnique, requireFreeIdentity } from './record';

/**
 * Adds a volunteer to the roster inside the actor's scope, on standby (siaga); phone and NIK stay unique
 * among active volunteers.
 */
export async function createVolunteer({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<Volunteer> {
  const data = parseInput(CreateVolunteer, input);
  return guardUnique(() =>
    commitWithEvents(ctx, async (tx) => {
      const { volunteer, event } = await addToRoster(tx, ctx.actor, data, ctx.now());
      return { result: volunteer, events: [event] };
    }),
  );
}

/**
 * The roster entry itself, inside the caller's transaction and by the registry's rules (home and pillar
 * checked in the actor's scope, phone and NIK free among active volunteers); returns the row and its
 * `volunteer.created` event. `source` says where the entry came from when not from the form (a sign-up).
 */
export async function addToRoster(
  tx: Transaction,
  actor: Actor,
  data: CreateVolunteer,
  now: Date,
  source: Record<string, string> = {},
): Promise<{ volunteer: Volunteer; event: NewEventRow }> {
  const provinceCode = await checkHome(tx, actor, data);
  await checkPillar(tx, provinceCode, data.pillarCode, data.taganaRank);
  await requireFreeIdentity(tx, actor, data);
  const [volunteer] = await tx
    .insert(volunteers)
    .values({
      name: data.name,
      phone: data.phone,
      nik: data.nik ?? null,
      pillarCode: data.pillarCode,
      regencyCode: data.regencyCode,
      districtCode: data.districtCode ?? null,
      village: data.village ?? null,
      skills: data.skills,
      isCivilServant: data.isCivilServant,
      taganaRank: data.taganaRank ?? null,
      isTeamLeader: data.isTeamLeader,
      gender: data.gender ?? null,
      birthYear: data.birthYear ?? null,
      emergencyContactName: data.emergencyContactName ?? null,
      emergencyContactPhone: data.emergencyContactPhone ?? null,
      availability: 'available',
      availabilityChangedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return {
    volunteer: volunteer!,
    event: {
      type: VOLUNTEER_EVENTS.created,
      provinceCode,
      regencyCode: data.regencyCode,
      volunteerId: volunteer!.id,
      // Names and places only: the log reaches leaders, who never see NIK or numbers.
      payload: { name: data.name, pillarCode: data.pillarCode, ...source },
    },
  };
}
