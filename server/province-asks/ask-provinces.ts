import { and, eq, inArray } from 'drizzle-orm';
import { provinceAsks, type NewEventRow, type ProvinceAsk } from '../../db/schema';
import { AskProvinces, PROVINCE_ASK_EVENTS } from '../../lib/province-asks';
import type { ActorContext } from '../auth/actor';
import { assertDeadline } from '../deployments/access';
import { checkCriteria } from '../deployments/matching';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { assertIncidentOpen, lockIncident } from '../incidents/access';
import { askEvent, provinceNames, requireProvinceCoordinator } from './access';

/**
 * A province coordinator asks another province for volunteers for one of its incidents; the admin may ask
 * several provinces at once. Each asked province gets one ask, which its coordinator sees live.
 */
export async function askProvinces({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<ProvinceAsk[]> {
  const data = parseInput(AskProvinces, input);
  const now = ctx.now();
  assertDeadline(data.deadline, now);

  return commitWithEvents(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId);
    requireProvinceCoordinator(ctx.actor, incident.provinceCode, 'meminta bantuan provinsi lain');
    assertIncidentOpen(incident, 'permintaan bantuan provinsi lain');
    if (ctx.actor.role !== 'admin' && data.toProvinceCodes.length > 1) {
      throw new DomainError(
        'INVALID',
        'Minta bantuan satu provinsi sekaligus; hanya admin nasional yang dapat meminta beberapa provinsi.',
        {
          toProvinceCodes: ['Pilih satu provinsi.'],
        },
      );
    }
    if (data.toProvinceCodes.includes(incident.provinceCode)) {
      throw new DomainError(
        'INVALID',
        'Provinsi kejadian tidak perlu dimintai bantuan; kirim permintaan relawan biasa.',
        {
          toProvinceCodes: ['Pilih provinsi lain.'],
        },
      );
    }
    const names = await provinceNames(tx, data.toProvinceCodes);
    const unknown = data.toProvinceCodes.filter((code) => !names.has(code));
    if (unknown.length > 0) {
      throw new DomainError('INVALID', 'Ada provinsi yang tidak dikenal.', {
        toProvinceCodes: [`Tidak ada provinsi dengan kode ${unknown.join(', ')}.`],
      });
    }
    // The asked provinces' own volunteers answer: each pillar asked for must be one they have.
    for (const code of data.toProvinceCodes) await checkCriteria(tx, { pillarCodes: data.pillarCodes }, code);
    const waiting = await tx
      .select({ toProvinceCode: provinceAsks.toProvinceCode })
      .from(provinceAsks)
      .where(
        and(
          eq(provinceAsks.incidentId, incident.id),
          eq(provinceAsks.status, 'open'),
          inArray(provinceAsks.toProvinceCode, data.toProvinceCodes),
        ),
      );
    if (waiting.length > 0) {
      const still = waiting.map((row) => names.get(row.toProvinceCode)).join(', ');
      throw new DomainError('CONFLICT', `${still} sudah dimintai bantuan untuk kejadian ini dan belum menjawab.`, {
        toProvinceCodes: [`Tunggu jawaban ${still}, atau pilih provinsi lain.`],
      });
    }

    const asks = await tx
      .insert(provinceAsks)
      .values(
        data.toProvinceCodes.map((toProvinceCode) => ({
          incidentId: incident.id,
          fromProvinceCode: incident.provinceCode,
          toProvinceCode,
          slots: data.slots,
          pillarCodes: data.pillarCodes,
          deadline: data.deadline,
          meetingPoint: data.meetingPoint,
          meetingLat: data.meetingLat ?? null,
          meetingLng: data.meetingLng ?? null,
          bring: data.bring,
          note: data.note ?? null,
          askedBy: ctx.actor.userId,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();
    const events: NewEventRow[] = asks.map((ask) =>
      askEvent(incident, PROVINCE_ASK_EVENTS.asked, {
        askId: ask.id,
        toProvinceCode: ask.toProvinceCode,
        slots: ask.slots,
        pillarCodes: ask.pillarCodes,
        deadline: ask.deadline.toISOString(),
        by: ctx.actor.userId,
      }),
    );
    return { result: asks, events };
  });
}
