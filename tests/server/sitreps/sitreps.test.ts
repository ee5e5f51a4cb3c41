import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client';
import { incidentFigures } from '../../../server/assessments/figures';
import { submitAssessment } from '../../../server/assessments/submit-assessment';
import { verifyAssessment } from '../../../server/assessments/verify-assessment';
import { acceptOffer } from '../../../server/deployments/accept-offer';
import { reportStatus } from '../../../server/deployments/report-status';
import { changeIncidentPhase } from '../../../server/incidents/change-incident-phase';
import { issueSitrep } from '../../../server/sitreps/issue-sitrep';
import { getSitrep, sitrepsOf } from '../../../server/sitreps/queries';
import { sitrepText } from '../../../server/sitreps/report-text';
import { openTestDatabase } from '../../support/database';
import { actorContext, actors, addIncident, eventCount, expectDomainError, openRequest } from '../../support/dispatch';

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase('reference');
});
afterAll(async () => {
  await handle?.close();
});

const SELAT = '62.03.01';
const MURUNG_KERAMAT = '62.03.01.1006';

describe('Laporan Situasi', () => {
  it('numbers reports 1, 2, … and freezes the figures and Posko’s numbers as they were', async () => {
    const { incident, crew, coordinator } = await openRequest(handle, { regencyCode: '62.03', slots: 3, offered: 3 });
    const [first, second] = crew;
    for (const member of [first!, second!]) {
      const phone = actorContext(handle, actors.volunteer(member.volunteer));
      await acceptOffer({ ctx: phone, input: { assignmentId: member.offer.id } });
    }
    await reportStatus({
      ctx: actorContext(handle, actors.volunteer(first!.volunteer)),
      input: { assignmentId: first!.offer.id, status: 'en_route', from: 'accepted' },
    });
    const assessed = await submitAssessment({
      ctx: coordinator,
      input: {
        incidentId: incident.id,
        districtCode: SELAT,
        villageCode: MURUNG_KERAMAT,
        dead: 1,
        displacedFamilies: 12,
        displacedPeople: 45,
      },
    });
    await verifyAssessment({ ctx: coordinator, input: { assessmentId: assessed.id, verified: true } });

    const one = await issueSitrep({
      ctx: coordinator,
      input: {
        incidentId: incident.id,
        cause: 'Hujan deras dan luapan Sungai Kapuas',
        urgentNeeds: ['Perahu karet', 'Air bersih'],
        kitchen: '1.200 bungkus per hari',
        aid: [{ item: 'Selimut', unit: 'lembar', needed: 300, received: 120, distributed: 100, inStock: 20 }],
      },
    });
    expect(one.number).toBe(1);
    expect(coordinator.published.at(-1)).toMatchObject({ type: 'sitrep.issued', incidentId: incident.id });
    const report = await getSitrep({ ctx: coordinator, input: { sitrepId: one.id } });
    expect(report.snapshot.figures.totals).toMatchObject({ dead: 1, displacedFamilies: 12, displacedPeople: 45 });
    expect(report.snapshot.response.total).toBe(2);
    expect(report.snapshot.response.byRegency).toEqual([
      {
        code: '62.03',
        name: 'Kabupaten Kapuas',
        byStatus: { accepted: 1, en_route: 1, on_site: 0, completed: 0 },
        total: 2,
      },
    ]);
    expect(report.snapshot.response.byPillar[0]).toMatchObject({ code: 'tagana', total: 2 });
    expect(report.snapshot.response.openRequests).toHaveLength(1);
    expect(report.snapshot.response.openRequests[0]).toMatchObject({ slots: 3, accepted: 2 });
    expect(report.sections.aid[0]!.shortfall).toBe(180);
    expect(report.snapshot.issuedAtText).toMatch(/^\d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WIB$/);
    expect(report.snapshot.office).toBe('Dinas Sosial Provinsi Kalimantan Tengah');

    // Later assessments change the figures, never the report already issued.
    await submitAssessment({
      ctx: coordinator,
      input: {
        incidentId: incident.id,
        districtCode: SELAT,
        villageCode: MURUNG_KERAMAT,
        dead: 3,
        displacedFamilies: 20,
        displacedPeople: 80,
      },
    });
    const frozen = await getSitrep({ ctx: coordinator, input: { sitrepId: one.id } });
    expect(frozen.snapshot).toEqual(report.snapshot);
    const now = await incidentFigures({ ctx: coordinator, input: { incidentId: incident.id } });
    expect(now.totals.dead).toBe(3);
    expect(now.change).toMatchObject({ dead: 2, displacedPeople: 35 });
    expect(now.lastReport?.number).toBe(1);

    const two = await issueSitrep({ ctx: coordinator, input: { incidentId: incident.id } });
    expect(two.number).toBe(2);
    const latest = await getSitrep({ ctx: coordinator, input: { sitrepId: two.id } });
    expect(latest.snapshot.figures.totals.dead).toBe(3);
    expect(latest.snapshot.figures.change).toMatchObject({ dead: 2 });
    expect((await sitrepsOf(handle.db, incident.id)).map((entry) => entry.number)).toEqual([1, 2]);

    const text = sitrepText(latest);
    expect(text).toContain('*LAPORAN SITUASI NO. 2*');
    expect(text).toContain('- Meninggal: 3* (+2)');
    expect(text).toContain('- Kabupaten Kapuas: 2 (diterima 1, berangkat 1)');
  });

  it('refuses leaders, other provinces and closed incidents; reports stay readable after closing', async () => {
    const incident = await addIncident(handle, '62.03');
    const coordinator = actorContext(handle, actors.coordinator('62'));
    const before = await eventCount(handle.db);
    await expectDomainError(
      issueSitrep({ ctx: actorContext(handle, actors.leader('62')), input: { incidentId: incident.id } }),
      'FORBIDDEN',
    );
    await expectDomainError(
      issueSitrep({ ctx: actorContext(handle, actors.coordinator('32')), input: { incidentId: incident.id } }),
      'FORBIDDEN',
    );
    const bad = await expectDomainError(
      issueSitrep({
        ctx: coordinator,
        input: {
          incidentId: incident.id,
          aid: [{ item: 'Beras', needed: -5, received: 0, distributed: 0, inStock: 0 }],
        },
      }),
      'INVALID',
    );
    expect(Object.keys(bad.details ?? {})).toEqual(['aid.0.needed']);
    expect(await eventCount(handle.db)).toBe(before);

    const issued = await issueSitrep({ ctx: coordinator, input: { incidentId: incident.id } });
    await changeIncidentPhase({ ctx: coordinator, input: { incidentId: incident.id, phase: 'closed' } });
    await expectDomainError(issueSitrep({ ctx: coordinator, input: { incidentId: incident.id } }), 'CONFLICT');
    const kept = await getSitrep({ ctx: actorContext(handle, actors.leader('62')), input: { sitrepId: issued.id } });
    expect(kept.number).toBe(1);
    await expectDomainError(
      getSitrep({ ctx: actorContext(handle, actors.coordinator('32')), input: { sitrepId: issued.id } }),
      'FORBIDDEN',
    );
  });
});
