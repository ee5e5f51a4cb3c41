import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { FIGURE_KEYS, type Figures } from '../../../lib/situation';
import { incidentFigures } from '../../../server/assessments/figures';
import { submitAssessment } from '../../../server/assessments/submit-assessment';
import { verifyAssessment } from '../../../server/assessments/verify-assessment';
import { reportStatus } from '../../../server/deployments/report-status';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { changeIncidentPhase } from '../../../server/incidents/change-incident-phase';
import { openTestDatabase } from '../../support/database';
import { actorContext, actors, addIncident, eventCount, expectDomainError, openRequest } from '../../support/dispatch';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

// Kabupaten Kapuas: Kecamatan Selat (62.03.01) with its desa Murung Keramat and Selat Hilir.
const KAPUAS = '62.03';
const SELAT = '62.03.01';
const MURUNG_KERAMAT = '62.03.01.1006';
const SELAT_HILIR = '62.03.01.1007';
const KAPUAS_HILIR = '62.03.02';

const kalteng = () => actorContext(handle, actors.coordinator('62'));

async function submit(incidentId: string, input: Record<string, unknown>, ctx = kalteng()) {
  return submitAssessment({ ctx, input: { incidentId, ...input } });
}

/** The figures straight from the table: per place the newest assessment that was not rejected. */
async function directTotals(incidentId: string): Promise<Figures> {
  const columns = FIGURE_KEYS.map((key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  const result = await handle.db.execute(
    sql.raw(`select ${columns.map((c) => `coalesce(sum(${c}), 0)::int as ${c}`).join(', ')}
      from (select distinct on (district_code, coalesce(village_code, '')) *
            from assessments where incident_id = '${incidentId}' and status <> 'rejected'
            order by district_code, coalesce(village_code, ''), seq desc) as current_places`),
  );
  const row = (result as unknown as { rows: Record<string, number>[] }).rows[0]!;
  return Object.fromEntries(FIGURE_KEYS.map((key, i) => [key, Number(row[columns[i]!])])) as Figures;
}

describe('rapid assessments and the figures', () => {
  it('a newer assessment of the same desa replaces the older one in the totals, and history is kept', async () => {
    const incident = await addIncident(handle, KAPUAS);
    const ctx = kalteng();
    const first = await submit(incident.id, {
      districtCode: SELAT,
      villageCode: MURUNG_KERAMAT,
      dead: 1,
      displacedFamilies: 40,
      displacedPeople: 150,
      housesFlooded: 60,
    });
    expect(first.placeName).toBe('Murung Keramat, Kec. Selat');
    expect(first.status).toBe('unverified');
    await submit(incident.id, {
      districtCode: SELAT,
      villageCode: SELAT_HILIR,
      displacedFamilies: 10,
      displacedPeople: 30,
    });
    await submit(incident.id, { districtCode: KAPUAS_HILIR, injuredLight: 4 });
    await submit(incident.id, {
      districtCode: SELAT,
      villageCode: MURUNG_KERAMAT,
      dead: 2,
      missing: 1,
      displacedFamilies: 55,
      displacedPeople: 210,
      housesFlooded: 80,
      vulnerable: { infants: 12, elderly: 9, pregnant: 3, disabled: 2 },
    });

    const figures = await incidentFigures({ ctx, input: { incidentId: incident.id } });
    expect(figures.totals).toMatchObject({
      dead: 2,
      missing: 1,
      injuredLight: 4,
      displacedFamilies: 65,
      displacedPeople: 240,
      housesFlooded: 80,
    });
    expect(figures.totals).toEqual(await directTotals(incident.id));
    // Nothing is verified yet: every figure is also counted as unverified.
    expect(figures.unverified).toEqual(figures.totals);
    expect(figures.vulnerable).toEqual({ infants: 12, elderly: 9, pregnant: 3, disabled: 2 });
    expect(figures.superseded).toBe(1);
    expect(figures.history.map((point) => point.totals.displacedPeople)).toEqual([150, 180, 180, 240]);
    const selat = figures.byDistrict.find((district) => district.districtCode === SELAT)!;
    expect(selat.districtName).toBe('Selat');
    expect(selat.totals.displacedPeople).toBe(240);
    expect(selat.places.map((place) => place.villageName)).toEqual(['Murung Keramat', 'Selat Hilir']);
    expect(figures.byDistrict.find((district) => district.districtCode === KAPUAS_HILIR)!.totals.injuredLight).toBe(4);
  });

  it('verification marks figures verified; a rejection (with a reason) brings the place’s previous one back', async () => {
    const incident = await addIncident(handle, KAPUAS);
    const ctx = kalteng();
    const older = await submit(incident.id, { districtCode: SELAT, villageCode: MURUNG_KERAMAT, dead: 1 });
    const verified = await verifyAssessment({ ctx, input: { assessmentId: older.id, verified: true } });
    expect(verified.status).toBe('verified');
    expect(ctx.published.at(-1)?.type).toBe('assessment.verified');
    let figures = await incidentFigures({ ctx, input: { incidentId: incident.id } });
    expect(figures.totals.dead).toBe(1);
    expect(figures.unverified.dead).toBe(0);

    const newer = await submit(incident.id, { districtCode: SELAT, villageCode: MURUNG_KERAMAT, dead: 9 });
    figures = await incidentFigures({ ctx, input: { incidentId: incident.id } });
    expect(figures.totals.dead).toBe(9);
    expect(figures.unverified.dead).toBe(9);

    const noReason = await expectDomainError(
      verifyAssessment({ ctx, input: { assessmentId: newer.id, verified: false } }),
      'INVALID',
    );
    expect(noReason.details?.reason?.[0]).toMatch(/alasan/i);
    await verifyAssessment({
      ctx,
      input: { assessmentId: newer.id, verified: false, reason: 'Angka ganda dengan desa tetangga' },
    });
    figures = await incidentFigures({ ctx, input: { incidentId: incident.id } });
    expect(figures.totals.dead).toBe(1);
    expect(figures.totals).toEqual(await directTotals(incident.id));
    await expectDomainError(verifyAssessment({ ctx, input: { assessmentId: newer.id, verified: true } }), 'CONFLICT');
  });

  it('a volunteer on site of the incident may submit from the phone, once per idempotency key', async () => {
    const { incident, crew } = await openRequest(handle, { regencyCode: KAPUAS, slots: 2, offered: 2 });
    const [onSite, notThere] = crew;
    const phone = actorContext(handle, actors.volunteer(onSite!.volunteer));
    const other = actorContext(handle, actors.volunteer(notThere!.volunteer));
    await acceptOffer({ ctx: phone, input: { assignmentId: onSite!.offer.id } });
    const input = {
      incidentId: incident.id,
      districtCode: SELAT,
      displacedFamilies: 3,
      displacedPeople: 11,
      idempotencyKey: 'kaji-1',
    };
    // Accepted but not yet on site: not yet (and that key keeps its refusal; the phone's next try has its own).
    await expectDomainError(
      submitAssessment({ ctx: phone, input: { ...input, idempotencyKey: 'kaji-0' } }),
      'FORBIDDEN',
    );
    await expectDomainError(
      submitAssessment({ ctx: phone, input: { ...input, idempotencyKey: 'kaji-0' } }),
      'FORBIDDEN',
    );
    await reportStatus({ ctx: phone, input: { assignmentId: onSite!.offer.id, status: 'en_route', from: 'accepted' } });
    await reportStatus({ ctx: phone, input: { assignmentId: onSite!.offer.id, status: 'on_site', from: 'en_route' } });

    const answer = await submitAssessment({ ctx: phone, input });
    const events = await eventCount(handle.db);
    const again = await submitAssessment({ ctx: phone, input });
    expect(again).toEqual(answer);
    expect(await eventCount(handle.db)).toBe(events);
    expect(phone.published.filter((event) => event.type === 'assessment.submitted')).toHaveLength(1);
    expect((await incidentFigures({ ctx: kalteng(), input: { incidentId: incident.id } })).totals.displacedPeople).toBe(
      11,
    );

    // A volunteer of the same incident who is not on site, and one assigned elsewhere, are refused.
    await expectDomainError(
      submitAssessment({ ctx: other, input: { ...input, idempotencyKey: 'kaji-2' } }),
      'FORBIDDEN',
    );
    const elsewhere = await addIncident(handle, KAPUAS);
    await expectDomainError(
      submitAssessment({ ctx: phone, input: { ...input, incidentId: elsewhere.id, idempotencyKey: 'kaji-3' } }),
      'FORBIDDEN',
    );
    // Volunteers do not verify.
    await expectDomainError(
      verifyAssessment({ ctx: phone, input: { assessmentId: answer.id, verified: true } }),
      'FORBIDDEN',
    );
  });

  it('refuses other provinces, leaders, places outside the kabupaten, bad numbers and closed incidents, writing nothing', async () => {
    const incident = await addIncident(handle, KAPUAS);
    const before = await eventCount(handle.db);
    const jabar = actorContext(handle, actors.coordinator('32'));
    await expectDomainError(submit(incident.id, { districtCode: SELAT }, jabar), 'FORBIDDEN');
    await expectDomainError(incidentFigures({ ctx: jabar, input: { incidentId: incident.id } }), 'FORBIDDEN');
    const katingan = actorContext(handle, actors.coordinator('62', '62.06'));
    await expectDomainError(submit(incident.id, { districtCode: SELAT }, katingan), 'FORBIDDEN');
    await expectDomainError(
      submit(incident.id, { districtCode: SELAT }, actorContext(handle, actors.leader('62'))),
      'FORBIDDEN',
    );

    const outside = await expectDomainError(submit(incident.id, { districtCode: '62.71.01' }), 'INVALID');
    expect(outside.details?.districtCode?.[0]).toContain('tidak berada di Kabupaten Kapuas');
    const unknownVillage = await expectDomainError(
      submit(incident.id, { districtCode: SELAT, villageCode: '62.03.01.9999' }),
      'INVALID',
    );
    expect(unknownVillage.details?.villageCode).toBeDefined();
    const wrongDistrict = await expectDomainError(
      submit(incident.id, { districtCode: KAPUAS_HILIR, villageCode: MURUNG_KERAMAT }),
      'INVALID',
    );
    expect(wrongDistrict.details?.villageCode?.[0]).toContain('tidak berada di kecamatan');
    for (const bad of [{ dead: -1 }, { dead: 1.5 }, { dead: '3' }, { housesHeavy: 1e12 }]) {
      const error = await expectDomainError(submit(incident.id, { districtCode: SELAT, ...bad }), 'INVALID');
      expect(Object.keys(error.details ?? {})).toEqual(Object.keys(bad));
    }
    const families = await expectDomainError(
      submit(incident.id, { districtCode: SELAT, displacedFamilies: 20, displacedPeople: 10 }),
      'INVALID',
    );
    expect(families.details?.displacedFamilies?.[0]).toContain('tidak boleh lebih banyak');
    await expectDomainError(
      submit(incident.id, { districtCode: SELAT, displacedPeople: 5, vulnerable: { infants: 6 } }),
      'INVALID',
    );
    await expectDomainError(
      submit(incident.id, { districtCode: SELAT, urgentNeeds: [{ item: 'Tenda', quantity: 0 }] }),
      'INVALID',
    );
    expect(await eventCount(handle.db)).toBe(before);

    const ctx = kalteng();
    const kept = await submit(incident.id, { districtCode: SELAT, dead: 2 });
    await changeIncidentPhase({ ctx, input: { incidentId: incident.id, phase: 'closed' } });
    await expectDomainError(submit(incident.id, { districtCode: SELAT, dead: 3 }), 'CONFLICT');
    await expectDomainError(verifyAssessment({ ctx, input: { assessmentId: kept.id, verified: true } }), 'CONFLICT');
    // Closed incidents keep their figures, read-only.
    expect((await incidentFigures({ ctx, input: { incidentId: incident.id } })).totals.dead).toBe(2);
  });
});
