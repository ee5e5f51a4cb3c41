import { sql } from 'drizzle-orm';
import { volunteerTrainings } from '../../db/schema';
import { certificateValidUntil, RecordAttendance, TRAINING_EVENTS } from '../../lib/trainings';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { eventProvince, lockTraining, requireAttendanceKeeper, trainingEvent } from './access';
import { resolveAttendance, unresolvedMessages } from './resolve';

const ROWS_PER_INSERT = 1_000;

export interface RecordedAttendance {
  recorded: number;
  /** New completions, and ones recorded before whose dates were written again. */
  created: number;
  updated: number;
  /** Pasted lines left out because of `skipUnmatched`. */
  skipped: number;
  validUntil: string | null;
}

/**
 * Records that many volunteers completed a training, with completion and certificate dates; each
 * certificate's last day follows from the training's validity. Volunteers come from the roster (ids) or
 * from pasted phones and names, resolved inside the coordinator's scope. A line that matches nobody or
 * several people stops the whole batch (nothing is written) and is named by line, unless the coordinator
 * chose to skip the unmatched.
 */
export async function recordAttendance({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<RecordedAttendance> {
  const data = parseInput(RecordAttendance, input);
  const now = ctx.now();

  return commitWithEvents(ctx, async (tx) => {
    const training = await lockTraining(tx, data.trainingId);
    requireAttendanceKeeper(ctx.actor, training);
    if (data.completedOn < training.startsOn) {
      const message = `Tanggal selesai tidak boleh sebelum pelatihan dimulai (${training.startsOn}).`;
      throw new DomainError('INVALID', message, { completedOn: [message] });
    }
    const resolved = await resolveAttendance(tx, ctx.actor, training, data);
    if (resolved.unresolved.length > 0 && !data.skipUnmatched) {
      const messages = unresolvedMessages(resolved.unresolved);
      throw new DomainError(
        'INVALID',
        `${resolved.unresolved.length} baris tidak cocok dengan tepat satu relawan; perbaiki barisnya, atau pilih "lewati yang tidak cocok". Belum ada yang dicatat.`,
        { lines: messages },
      );
    }
    if (resolved.matched.length === 0) {
      const message = 'Tidak ada relawan yang cocok; belum ada yang dicatat.';
      throw new DomainError('INVALID', message, { lines: [message] });
    }

    const validUntil = certificateValidUntil(data, training.validMonths);
    const rows = resolved.matched.map((volunteer) => ({
      volunteerId: volunteer.id,
      trainingId: training.id,
      completedOn: data.completedOn,
      certifiedOn: data.certifiedOn ?? null,
      validUntil,
      recordedAt: now,
    }));
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      await tx
        .insert(volunteerTrainings)
        .values(rows.slice(start, start + ROWS_PER_INSERT))
        .onConflictDoUpdate({
          target: [volunteerTrainings.volunteerId, volunteerTrainings.trainingId],
          set: {
            completedOn: sql`excluded.completed_on`,
            certifiedOn: sql`excluded.certified_on`,
            validUntil: sql`excluded.valid_until`,
            recordedAt: sql`excluded.recorded_at`,
          },
        });
    }
    const updated = resolved.matched.filter((volunteer) => volunteer.already).length;
    const result: RecordedAttendance = {
      recorded: rows.length,
      created: rows.length - updated,
      updated,
      skipped: resolved.unresolved.length,
      validUntil,
    };
    const regencyCodes = [...new Set(resolved.regencyOf.values())].sort();
    return {
      result,
      events: [
        trainingEvent(
          eventProvince(ctx.actor, training),
          TRAINING_EVENTS.attendanceRecorded,
          {
            trainingId: training.id,
            ...result,
            completedOn: data.completedOn,
            certifiedOn: data.certifiedOn ?? null,
            regencyCodes,
            volunteerIds: rows.map((row) => row.volunteerId),
          },
          { regencyCode: regencyCodes.length === 1 ? regencyCodes[0] : null },
        ),
      ],
    };
  });
}
