import { rollCallEntries, rollCalls, type NewEventRow } from '../../db/schema';
import { CallRollCall, ROLL_CALL_EVENTS } from '../../lib/roll-calls';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import {
  deployedFromRegency,
  deployedOnIncident,
  findRequestWithIncident,
  teamOfRequest,
  type DeployedPerson,
} from '../deployments/deployed-people';
import { DomainError, parseInput } from '../errors';
import { findIncident } from '../incidents/queries';
import { commitWithEvents } from '../events/commit';
import { findRegency } from '../incidents/access';
import { askedEvent } from './access';

/** What was called: the roll call's id and how many people it reached. */
export interface RollCallCalled {
  id: string;
  recipients: number;
}

/**
 * A coordinator calls a roll for a request, an incident or a kabupaten's deployed people, inside their
 * scope; every person called gets one `rollcall.asked` event (their phone's socket and Web Push).
 */
export async function callRollCall({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<RollCallCalled> {
  const target = parseInput(CallRollCall, input);
  const now = ctx.now();

  return commitWithEvents(ctx, async (tx) => {
    let place: { provinceCode: string; regencyCode: string; incidentId: string | null; requestId: string | null };
    let people: DeployedPerson[];
    if (target.requestId) {
      const { request, incident } = await findRequestWithIncident(tx, target.requestId);
      requireCoordinatorFor(ctx.actor, incident);
      place = { ...incident, incidentId: incident.id, requestId: request.id };
      people = await teamOfRequest(tx, request.id);
    } else if (target.incidentId) {
      const incident = await findIncident(tx, target.incidentId);
      requireCoordinatorFor(ctx.actor, incident);
      place = { ...incident, incidentId: incident.id, requestId: null };
      people = await deployedOnIncident(tx, incident.id);
    } else {
      const regency = await findRegency(tx, target.regencyCode!);
      if (!regency) {
        throw new DomainError('NOT_FOUND', 'Kabupaten/kota tidak dikenal.', {
          regencyCode: [`Tidak ada kabupaten/kota dengan kode ${target.regencyCode}.`],
        });
      }
      requireCoordinatorFor(ctx.actor, { provinceCode: regency.provinceCode, regencyCode: regency.code });
      place = { provinceCode: regency.provinceCode, regencyCode: regency.code, incidentId: null, requestId: null };
      people = await deployedFromRegency(tx, regency.code);
    }
    if (people.length === 0) {
      throw new DomainError('CONFLICT', 'Belum ada relawan yang bertugas di sini; tidak ada yang bisa dipanggil apel.');
    }

    const [rollCall] = await tx
      .insert(rollCalls)
      .values({
        provinceCode: place.provinceCode,
        regencyCode: place.regencyCode,
        incidentId: place.incidentId,
        requestId: place.requestId,
        calledBy: ctx.actor.userId,
        createdAt: now,
      })
      .returning();
    await tx.insert(rollCallEntries).values(
      people.map((person) => ({
        rollCallId: rollCall!.id,
        volunteerId: person.volunteerId,
        assignmentId: person.assignmentId,
      })),
    );

    const events: NewEventRow[] = [
      {
        type: ROLL_CALL_EVENTS.called,
        provinceCode: place.provinceCode,
        regencyCode: place.regencyCode,
        incidentId: place.incidentId,
        payload: {
          rollCallId: rollCall!.id,
          recipients: people.length,
          ...(place.requestId ? { requestId: place.requestId } : {}),
          ...(target.regencyCode ? { regencyCode: target.regencyCode } : {}),
        },
      },
      ...people.map((person) => askedEvent(rollCall!.id, person, false)),
    ];
    return { result: { id: rollCall!.id, recipients: people.length }, events };
  });
}
