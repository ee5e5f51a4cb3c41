import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { assignments, deploymentRequests, provinceAsks } from '../../../db/schema';
import { ASSIGNMENT_EVENTS, REQUEST_EVENTS } from '../../../lib/dispatch';
import { PROVINCE_ASK_EVENTS } from '../../../lib/province-asks';
import { rooms } from '../../../lib/realtime';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { acceptProvinceAsk } from '../../../server/province-asks/accept-province-ask';
import { askProvinces } from '../../../server/province-asks/ask-provinces';
import { declineProvinceAsk } from '../../../server/province-asks/decline-province-ask';
import { listProvinceAsks } from '../../../server/province-asks/queries';
import { eventsSince, roomsForEvent } from '../../../server/realtime/scope';
import { openTestDatabase } from '../../support/database';
import {
  actorContext,
  actors,
  addIncident,
  addVolunteers,
  eventCount,
  expectDomainError,
  inHours,
} from '../../support/dispatch';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

/** Kalteng (62) asks Jawa Barat (32); 31 is a province with nothing to do with it. */
const kalteng = () => actorContext(handle, actors.coordinator('62'));
const jabar = () => actorContext(handle, actors.coordinator('32'));

const ask = (incidentId: string, extra: Record<string, unknown> = {}) => ({
  incidentId,
  toProvinceCodes: ['32'],
  slots: 2,
  pillarCodes: ['tagana'],
  deadline: inHours(12).toISOString(),
  meetingPoint: 'Posko Dinsos Katingan, Kasongan',
  bring: 'pelampung, senter',
  note: 'Banjir meluas ke tiga kecamatan.',
  ...extra,
});

async function askedByKalteng(regencyCode = '62.06') {
  const incident = await addIncident(handle, regencyCode);
  const asker = kalteng();
  const [made] = await askProvinces({ ctx: asker, input: ask(incident.id) });
  return { incident, asker, made: made! };
}

describe('askProvinces', () => {
  it("writes one ask the asked province lists as incoming and the asker as outgoing, announced in the incident's scope", async () => {
    const { incident, asker, made } = await askedByKalteng();

    expect(made).toMatchObject({ fromProvinceCode: '62', toProvinceCode: '32', slots: 2, status: 'open' });
    const [event] = asker.published;
    expect(event).toMatchObject({
      type: PROVINCE_ASK_EVENTS.asked,
      provinceCode: '62',
      incidentId: incident.id,
      payload: { askId: made.id, toProvinceCode: '32', slots: 2 },
    });
    const incoming = await listProvinceAsks({ ctx: jabar(), input: {} });
    expect(incoming.incoming.map((view) => view.id)).toContain(made.id);
    expect(incoming.outgoing.map((view) => view.id)).not.toContain(made.id);
    const view = incoming.incoming.find((row) => row.id === made.id)!;
    expect(view).toMatchObject({
      fromProvince: { code: '62', name: 'Kalimantan Tengah' },
      toProvince: { code: '32', name: 'Jawa Barat' },
      incident: { id: incident.id, regencyName: expect.stringContaining('Katingan') },
      meetingPoint: 'Posko Dinsos Katingan, Kasongan',
      progress: null,
    });
    const outgoing = await listProvinceAsks({ ctx: kalteng(), input: { incidentId: incident.id } });
    expect(outgoing.outgoing.map((row) => row.id)).toEqual([made.id]);
    // A leader of the asked province reads it too; a volunteer reads no ask.
    const leader = await listProvinceAsks({ ctx: actorContext(handle, actors.leader('32')), input: {} });
    expect(leader.incoming.map((row) => row.id)).toContain(made.id);
    const [volunteer] = await addVolunteers(handle.db, { regencyCode: '32.01', count: 1 });
    await expectDomainError(
      listProvinceAsks({ ctx: actorContext(handle, actors.volunteer(volunteer!)), input: {} }),
      'FORBIDDEN',
    );
  });

  it('lets the admin ask several provinces at once, one ask each', async () => {
    const incident = await addIncident(handle, '62.03');
    const admin = actorContext(handle, actors.admin());
    const made = await askProvinces({ ctx: admin, input: ask(incident.id, { toProvinceCodes: ['32', '63', '32'] }) });
    expect(made.map((row) => row.toProvinceCode).sort()).toEqual(['32', '63']);
    expect(admin.published.map((event) => event.payload.toProvinceCode).sort()).toEqual(['32', '63']);
  });

  it('refuses what a province may not ask, and writes nothing', async () => {
    const incident = await addIncident(handle, '62.03');
    const before = await eventCount(handle.db);
    // Only the incident's own province, at the province level.
    await expectDomainError(
      askProvinces({ ctx: jabar(), input: ask(incident.id, { toProvinceCodes: ['63'] }) }),
      'FORBIDDEN',
    );
    const kabupaten = actorContext(handle, actors.coordinator('62', '62.03'));
    const refused = await expectDomainError(askProvinces({ ctx: kabupaten, input: ask(incident.id) }), 'FORBIDDEN');
    expect(refused.message).toContain('koordinator provinsi');
    await expectDomainError(
      askProvinces({ ctx: actorContext(handle, actors.leader('62')), input: ask(incident.id) }),
      'FORBIDDEN',
    );
    // One province at a time for a coordinator; never its own; only provinces that exist.
    const several = await expectDomainError(
      askProvinces({ ctx: kalteng(), input: ask(incident.id, { toProvinceCodes: ['32', '63'] }) }),
      'INVALID',
    );
    expect(several.details?.toProvinceCodes).toBeDefined();
    await expectDomainError(
      askProvinces({ ctx: kalteng(), input: ask(incident.id, { toProvinceCodes: ['62'] }) }),
      'INVALID',
    );
    await expectDomainError(
      askProvinces({ ctx: kalteng(), input: ask(incident.id, { toProvinceCodes: ['99'] }) }),
      'INVALID',
    );
    await expectDomainError(askProvinces({ ctx: kalteng(), input: ask(incident.id, { slots: 0 }) }), 'INVALID');
    await expectDomainError(
      askProvinces({ ctx: kalteng(), input: ask(incident.id, { deadline: inHours(-1).toISOString() }) }),
      'INVALID',
    );
    await expectDomainError(
      askProvinces({ ctx: kalteng(), input: ask(incident.id, { pillarCodes: ['tidak_ada'] }) }),
      'INVALID',
    );
    await expectDomainError(askProvinces({ ctx: kalteng(), input: 'tolong' }), 'INVALID');
    expect(await eventCount(handle.db)).toBe(before);
    expect(await handle.db.select().from(provinceAsks).where(eq(provinceAsks.incidentId, incident.id))).toEqual([]);
  });

  it('refuses a second ask to a province that has not answered the first', async () => {
    const { incident } = await askedByKalteng('62.07');
    const again = await expectDomainError(askProvinces({ ctx: kalteng(), input: ask(incident.id) }), 'CONFLICT');
    expect(again.message).toContain('Jawa Barat');
  });
});

describe('acceptProvinceAsk', () => {
  it("becomes a request of the asking incident, offered to the asked province's siaga volunteers of the kabupaten it chose", async () => {
    const { incident, made } = await askedByKalteng();
    const chosen = await addVolunteers(handle.db, { regencyCode: '32.04', count: 3 });
    await addVolunteers(handle.db, { regencyCode: '32.05', count: 2 });
    await addVolunteers(handle.db, { regencyCode: '32.04', count: 1, availability: 'unavailable' });
    const answerer = jabar();

    const accepted = await acceptProvinceAsk({
      ctx: answerer,
      input: { askId: made.id, sourceRegencyCodes: ['32.04'] },
    });

    expect(accepted.offered).toBe(3);
    expect(accepted.ask).toMatchObject({
      status: 'accepted',
      sourceRegencyCodes: ['32.04'],
      requestId: accepted.requestId,
    });
    const [request] = await handle.db
      .select()
      .from(deploymentRequests)
      .where(eq(deploymentRequests.id, accepted.requestId));
    expect(request).toMatchObject({
      incidentId: incident.id,
      slots: 2,
      sourceRegencyCodes: ['32.04'],
      meetingPoint: made.meetingPoint,
    });
    const offers = await handle.db.select().from(assignments).where(eq(assignments.requestId, accepted.requestId));
    expect(offers.map((offer) => offer.volunteerId).sort()).toEqual(chosen.map((volunteer) => volunteer.id).sort());
    expect(answerer.published.map((event) => event.type)).toEqual([
      PROVINCE_ASK_EVENTS.accepted,
      REQUEST_EVENTS.created,
      ASSIGNMENT_EVENTS.offered,
    ]);

    // A Jawa Barat volunteer takes it; both provinces follow the progress.
    await acceptOffer({
      ctx: actorContext(handle, actors.volunteer(chosen[0]!)),
      input: { requestId: accepted.requestId },
    });
    for (const [ctx, side] of [
      [kalteng(), 'outgoing'],
      [jabar(), 'incoming'],
    ] as const) {
      const listed = await listProvinceAsks({ ctx, input: { incidentId: incident.id } });
      expect(listed[side][0]?.progress).toMatchObject({
        requestId: accepted.requestId,
        offered: 3,
        accepted: 1,
        onSite: 0,
      });
    }
  });

  it("lets each province act only on its own people, and the ask's answer land once", async () => {
    const { made } = await askedByKalteng();
    await addVolunteers(handle.db, { regencyCode: '32.06', count: 2 });
    const before = await eventCount(handle.db);
    // The asking province cannot answer for the asked one, nor send the asked one's people itself.
    await expectDomainError(
      acceptProvinceAsk({ ctx: kalteng(), input: { askId: made.id, sourceRegencyCodes: ['32.06'] } }),
      'FORBIDDEN',
    );
    await expectDomainError(
      declineProvinceAsk({ ctx: kalteng(), input: { askId: made.id, reason: 'Tidak jadi' } }),
      'FORBIDDEN',
    );
    // A third province, and a kabupaten coordinator of the asked one, may not answer.
    const other = actorContext(handle, actors.coordinator('63'));
    await expectDomainError(
      acceptProvinceAsk({ ctx: other, input: { askId: made.id, sourceRegencyCodes: ['32.06'] } }),
      'FORBIDDEN',
    );
    const kabupaten = actorContext(handle, actors.coordinator('32', '32.06'));
    await expectDomainError(
      acceptProvinceAsk({ ctx: kabupaten, input: { askId: made.id, sourceRegencyCodes: ['32.06'] } }),
      'FORBIDDEN',
    );
    // The asked province sends only its own kabupaten/kota.
    const outside = await expectDomainError(
      acceptProvinceAsk({ ctx: jabar(), input: { askId: made.id, sourceRegencyCodes: ['32.06', '62.71'] } }),
      'INVALID',
    );
    expect(outside.details?.sourceRegencyCodes?.[0]).toContain('62.71');
    // Nobody siaga there: refused, and the ask stays open.
    await expectDomainError(
      acceptProvinceAsk({ ctx: jabar(), input: { askId: made.id, sourceRegencyCodes: ['32.09'] } }),
      'CONFLICT',
    );
    await expectDomainError(acceptProvinceAsk({ ctx: jabar(), input: { askId: 'x' } }), 'INVALID');
    await expectDomainError(
      acceptProvinceAsk({
        ctx: jabar(),
        input: { askId: '00000000-0000-4000-8000-000000000000', sourceRegencyCodes: ['32.06'] },
      }),
      'NOT_FOUND',
    );
    expect(await eventCount(handle.db)).toBe(before);
    const [still] = await handle.db.select().from(provinceAsks).where(eq(provinceAsks.id, made.id));
    expect(still).toMatchObject({ status: 'open', requestId: null });

    await acceptProvinceAsk({ ctx: jabar(), input: { askId: made.id, sourceRegencyCodes: ['32.06'] } });
    await expectDomainError(
      acceptProvinceAsk({ ctx: jabar(), input: { askId: made.id, sourceRegencyCodes: ['32.06'] } }),
      'CONFLICT',
    );
    await expectDomainError(
      declineProvinceAsk({ ctx: jabar(), input: { askId: made.id, reason: 'Sudah dikirim' } }),
      'CONFLICT',
    );
  });
});

describe('declineProvinceAsk', () => {
  it('records the reason, which the asking province reads, and lets it ask again', async () => {
    const { incident, made } = await askedByKalteng('62.08');
    const answerer = jabar();
    const declined = await declineProvinceAsk({
      ctx: answerer,
      input: { askId: made.id, reason: 'Tagana Jawa Barat sedang siaga banjir di Bandung.' },
    });
    expect(declined).toMatchObject({
      status: 'declined',
      declineReason: 'Tagana Jawa Barat sedang siaga banjir di Bandung.',
    });
    expect(answerer.published).toMatchObject([
      { type: PROVINCE_ASK_EVENTS.declined, provinceCode: '62', incidentId: incident.id },
    ]);
    const listed = await listProvinceAsks({ ctx: kalteng(), input: { incidentId: incident.id } });
    expect(listed.outgoing[0]).toMatchObject({ status: 'declined', declineReason: declined.declineReason });
    await expectDomainError(
      declineProvinceAsk({ ctx: jabar(), input: { askId: made.id, reason: 'Sekali lagi' } }),
      'CONFLICT',
    );
    const [again] = await askProvinces({ ctx: kalteng(), input: ask(incident.id) });
    expect(again?.status).toBe('open');
  });

  it('needs a reason', async () => {
    const { made } = await askedByKalteng('62.09');
    const refused = await expectDomainError(
      declineProvinceAsk({ ctx: jabar(), input: { askId: made.id, reason: ' ' } }),
      'INVALID',
    );
    expect(refused.details?.reason).toBeDefined();
  });
});

describe('who sees an ask and its request', () => {
  it('shows the incident to the asked province, live and in replay, and nothing to a third province', async () => {
    const { incident, made } = await askedByKalteng('62.10');
    const [volunteer] = await addVolunteers(handle.db, { regencyCode: '32.07', count: 1 });
    const answerer = jabar();
    const { requestId } = await acceptProvinceAsk({
      ctx: answerer,
      input: { askId: made.id, sourceRegencyCodes: ['32.07'] },
    });
    const taker = actorContext(handle, actors.volunteer(volunteer!));
    await acceptOffer({ ctx: taker, input: { requestId } });

    const ofIncident = async (actor: ReturnType<typeof actors.coordinator>) =>
      ((await eventsSince(handle.db, actor, 0)) as { events: { type: string; incidentId: string | null }[] }).events
        .filter((event) => event.incidentId === incident.id)
        .map((event) => event.type);
    const seenByJabar = await ofIncident(actors.coordinator('32'));
    expect(seenByJabar).toEqual(
      expect.arrayContaining([
        PROVINCE_ASK_EVENTS.asked,
        PROVINCE_ASK_EVENTS.accepted,
        REQUEST_EVENTS.created,
        ASSIGNMENT_EVENTS.accepted,
      ]),
    );
    // Kalteng sees the Jawa Barat volunteer's answer on its incident.
    expect(await ofIncident(actors.coordinator('62'))).toContain(ASSIGNMENT_EVENTS.accepted);
    expect(await ofIncident(actors.coordinator('63'))).toEqual([]);
    // The offered phone hears its request's events, as a phone of the incident's province does.
    const phone = actors.volunteer(volunteer!);
    const heard = (
      (await eventsSince(handle.db, phone, 0)) as { events: { type: string; payload: Record<string, unknown> }[] }
    ).events
      .filter((event) => event.payload.requestId === requestId)
      .map((event) => event.type);
    expect(heard).toEqual(
      expect.arrayContaining([REQUEST_EVENTS.created, ASSIGNMENT_EVENTS.offered, ASSIGNMENT_EVENTS.accepted]),
    );

    // Live: the same rooms.
    const accepted = taker.published.find((event) => event.type === ASSIGNMENT_EVENTS.accepted)!;
    const place = { provinceCode: '62', regencyCode: '62.10', askedProvinceCodes: ['32'] };
    expect(roomsForEvent(accepted, place)).toEqual(
      expect.arrayContaining([rooms.province('32'), rooms.province('62')]),
    );
    const created = answerer.published.find((event) => event.type === REQUEST_EVENTS.created)!;
    expect(roomsForEvent(created, place)).toEqual(
      expect.arrayContaining([rooms.province('32'), rooms.provinceVolunteers('32'), rooms.provinceVolunteers('62')]),
    );
    expect(roomsForEvent(created, place)).not.toContain(rooms.province('63'));
  });
});
