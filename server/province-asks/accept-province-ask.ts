import { and, eq, inArray } from 'drizzle-orm';
import { provinceAsks, regencies, volunteers, type ProvinceAsk } from '../../db/schema';
import { RequestDeployment } from '../../lib/dispatch';
import { AcceptProvinceAsk, PROVINCE_ASK_EVENTS } from '../../lib/province-asks';
import type { ActorContext } from '../auth/actor';
import { matchesCriteria } from '../deployments/matching';
import { openRequest } from '../deployments/request-deployment';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { assertIncidentOpen, lockIncident } from '../incidents/access';
import { askEvent, assertOpen, lockAsk, requireProvinceCoordinator } from './access';

const NO_MATCH =
  'Tidak ada relawan siaga dengan pilar yang diminta di kabupaten/kota yang dipilih. Pilih kabupaten/kota lain, atau tolak permintaan ini dengan alasannya.';

/**
 * The asked province accepts: the ask becomes a request of the asking incident, offered to every matching
 * siaga volunteer of the kabupaten/kota the asked province chose (its own, and only its own).
 */
export async function acceptProvinceAsk({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ ask: ProvinceAsk; requestId: string; offered: number }> {
  const data = parseInput(AcceptProvinceAsk, input);
  const now = ctx.now();

  return commitWithEvents(ctx, async (tx) => {
    const ask = await lockAsk(tx, data.askId);
    requireProvinceCoordinator(ctx.actor, ask.toProvinceCode, 'menerima permintaan bantuan provinsi lain');
    assertOpen(ask);
    if (ask.deadline <= now) {
      throw new DomainError(
        'CONFLICT',
        'Batas waktu permintaan bantuan ini sudah lewat; minta provinsi yang meminta mengirim permintaan baru.',
      );
    }
    const incident = await lockIncident(tx, ask.incidentId);
    assertIncidentOpen(incident, 'pengiriman bantuan');
    const own = await tx
      .select({ code: regencies.code })
      .from(regencies)
      .where(and(inArray(regencies.code, data.sourceRegencyCodes), eq(regencies.provinceCode, ask.toProvinceCode)));
    const outside = data.sourceRegencyCodes.filter((code) => !own.some((row) => row.code === code));
    if (outside.length > 0) {
      throw new DomainError('INVALID', 'Kabupaten/kota sumber harus di provinsi Anda sendiri.', {
        sourceRegencyCodes: [`Tidak dapat dipakai: ${outside.join(', ')}.`],
      });
    }

    const request = RequestDeployment.parse({
      incidentId: incident.id,
      slots: ask.slots,
      pillarCodes: ask.pillarCodes,
      sourceRegencyCodes: data.sourceRegencyCodes,
      meetingPoint: ask.meetingPoint,
      ...(ask.meetingLat !== null && ask.meetingLng !== null
        ? { meetingLat: ask.meetingLat, meetingLng: ask.meetingLng }
        : {}),
      bring: ask.bring,
      deadline: ask.deadline.toISOString(),
    });
    const where = and(matchesCriteria(request, ''), inArray(volunteers.regencyCode, data.sourceRegencyCodes))!;
    const opened = await openRequest(tx, ctx, {
      incident,
      data: request,
      sourceRegencyCodes: data.sourceRegencyCodes,
      to: { where },
      more: false,
    });
    if (opened.offered === 0) {
      throw new DomainError('CONFLICT', NO_MATCH, {
        sourceRegencyCodes: ['Tidak ada relawan siaga yang cocok di sini.'],
      });
    }

    const [accepted] = await tx
      .update(provinceAsks)
      .set({
        status: 'accepted',
        sourceRegencyCodes: data.sourceRegencyCodes,
        requestId: opened.request.id,
        answeredBy: ctx.actor.userId,
        answeredAt: now,
        updatedAt: now,
      })
      .where(eq(provinceAsks.id, ask.id))
      .returning();
    return {
      result: { ask: accepted!, requestId: opened.request.id, offered: opened.offered },
      events: [
        askEvent(incident, PROVINCE_ASK_EVENTS.accepted, {
          askId: ask.id,
          toProvinceCode: ask.toProvinceCode,
          requestId: opened.request.id,
          sourceRegencyCodes: data.sourceRegencyCodes,
          offered: opened.offered,
          by: ctx.actor.userId,
        }),
        ...opened.events,
      ],
    };
  });
}
