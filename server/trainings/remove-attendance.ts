import { and, eq } from 'drizzle-orm';
import { volunteers, volunteerTrainings } from '../../db/schema';
import { RemoveAttendance, TRAINING_EVENTS } from '../../lib/trainings';
import { scopeCovers, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { eventProvince, lockTraining, requireAttendanceKeeper, trainingEvent } from './access';

/** Takes back a completion recorded by mistake (the volunteer's other trainings stay). */
export async function removeAttendance({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<void> {
  const data = parseInput(RemoveAttendance, input);

  await commitWithEvents(ctx, async (tx) => {
    const training = await lockTraining(tx, data.trainingId);
    requireAttendanceKeeper(ctx.actor, training);
    const [volunteer] = await tx
      .select({ id: volunteers.id, regencyCode: volunteers.regencyCode })
      .from(volunteers)
      .where(eq(volunteers.id, data.volunteerId))
      .limit(1);
    if (!volunteer) throw new DomainError('NOT_FOUND', 'Relawan tidak ditemukan.');
    const provinceCode = volunteer.regencyCode.slice(0, 2);
    if (!scopeCovers(ctx.actor, { provinceCode, regencyCode: volunteer.regencyCode })) {
      throw new DomainError('FORBIDDEN', 'Relawan ini di luar wilayah tugas Anda.');
    }
    const [removed] = await tx
      .delete(volunteerTrainings)
      .where(and(eq(volunteerTrainings.trainingId, training.id), eq(volunteerTrainings.volunteerId, volunteer.id)))
      .returning();
    if (!removed) throw new DomainError('NOT_FOUND', 'Relawan ini tidak tercatat mengikuti pelatihan ini.');
    return {
      result: undefined,
      events: [
        trainingEvent(
          eventProvince(ctx.actor, training),
          TRAINING_EVENTS.attendanceRemoved,
          { trainingId: training.id, completedOn: removed.completedOn, validUntil: removed.validUntil },
          { regencyCode: volunteer.regencyCode, volunteerId: volunteer.id },
        ),
      ],
    };
  });
}
