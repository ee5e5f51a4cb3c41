import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../db/client';
import { volunteers } from '../../db/schema';
import { ROWS_PER_INSERT } from '../../db/batch';
import { seedReferenceData } from '../../db/reference';
import { DEFAULT_DEMO_SEED, planDemoData, seedDemoData, type DemoSeedSummary } from '../../server/seed';
import { isIndonesianMobile } from '../../server/seed/phones';
import { NATIONAL_PILLARS } from '../../lib/domain';
import { openTestDatabase } from '../support/database';

const NOW = new Date('2026-11-22T02:00:00Z');

let handle: DatabaseHandle;
let summary: DemoSeedSummary;
const seconds = { reference: 0, demo: 0 };
const extraHandles: DatabaseHandle[] = [];

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, (performance.now() - started) / 1000];
}

beforeAll(async () => {
  handle = await openTestDatabase('none');
  [, seconds.reference] = await timed(() => seedReferenceData(handle.db));
  [summary, seconds.demo] = await timed(() => seedDemoData(handle.db, { seed: DEFAULT_DEMO_SEED, now: NOW }));
}, 120_000);
afterAll(async () => {
  await Promise.all([handle, ...extraHandles].map((opened) => opened?.close()));
});

const rows = <Row>(query: SQL, db = handle.db) => queryRows<Row>(db, query);
const count = async (query: SQL, db = handle.db) => (await rows<{ n: number }>(query, db))[0]?.n ?? 0;

/** What a coordinator would see of each volunteer, in a stable order. */
async function rosterDigest(db = handle.db): Promise<string> {
  const roster = await rows<Record<string, string>>(
    sql`select id, name, phone, regency_code, pillar_code, availability::text from volunteers order by id`,
    db,
  );
  const lines = roster.map((v) => [v.id, v.name, v.phone, v.regency_code, v.pillar_code, v.availability].join('|'));
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

describe('reference data', () => {
  it('loads the 38 provinces, 514 kabupaten/kota, 7,277 kecamatan and the national pillars in order', async () => {
    expect(await count(sql`select count(*)::int as n from provinces`)).toBe(38);
    expect(await count(sql`select count(*)::int as n from regencies`)).toBe(514);
    expect(await count(sql`select count(*)::int as n from districts`)).toBe(7_277);
    const national = await rows<{ code: string }>(
      sql`select code from pillars where province_code is null order by sort_order`,
    );
    expect(national.map((pillar) => pillar.code)).toEqual(NATIONAL_PILLARS.map((pillar) => pillar.code));
    const [kalteng] = await rows<{ name: string; time_zone: string }>(
      sql`select name, time_zone::text from provinces where code = '62'`,
    );
    expect(kalteng).toEqual({ name: 'Kalimantan Tengah', time_zone: 'Asia/Jakarta' });
  });

  it('can run again on a seeded database without changing anything', async () => {
    await seedReferenceData(handle.db);
    expect(await count(sql`select count(*)::int as n from districts`)).toBe(7_277);
    expect(await count(sql`select count(*)::int as n from pillars`)).toBe(NATIONAL_PILLARS.length + 1);
  });

  it('takes seconds, not minutes', () => {
    // The first start of the app seeds both under a 120 s budget shared with the production build.
    expect(seconds.reference).toBeLessThan(15);
    expect(seconds.demo).toBeLessThan(15);
  });
});

describe('Kalimantan Tengah roster', () => {
  it('has about 1,600 volunteers spread over all 14 kabupaten/kota, the big ones largest', async () => {
    const perRegency = await rows<{ code: string; n: number }>(sql`
      select r.code, count(v.id)::int as n from regencies r left join volunteers v on v.regency_code = r.code
      where r.province_code = '62' group by r.code order by n desc`);
    expect(perRegency).toHaveLength(14);
    expect(perRegency.every((regency) => regency.n > 0)).toBe(true);
    const total = perRegency.reduce((sum, regency) => sum + regency.n, 0);
    expect(total).toBeGreaterThanOrEqual(1_500);
    expect(total).toBeLessThanOrEqual(1_700);
    expect(
      perRegency
        .slice(0, 3)
        .map((regency) => regency.code)
        .sort(),
    ).toEqual(['62.02', '62.03', '62.71']);
    expect(
      perRegency
        .slice(-2)
        .map((regency) => regency.code)
        .sort(),
    ).toEqual(['62.08', '62.09']);
    expect(summary.byProvince['62']?.volunteers).toBe(total);
  });

  it('has Tagana as its largest pillar, ranked, and Kalteng Berkah as its own pillar', async () => {
    const perPillar = await rows<{ pillar_code: string; n: number }>(sql`
      select pillar_code, count(*)::int as n from volunteers where regency_code like '62.%'
      group by 1 order by n desc`);
    expect(perPillar[0]?.pillar_code).toBe('tagana');
    expect(perPillar.map((pillar) => pillar.pillar_code)).toEqual(
      expect.arrayContaining(['pelopor_perdamaian', 'psm', 'tksk', 'pensosmas', 'kalteng_berkah', 'pkh', 'slrt']),
    );
    expect(
      await count(sql`select count(*)::int as n from volunteers where pillar_code = 'tagana' and tagana_rank is null`),
    ).toBe(0);
    const [berkah] = await rows<{ province_code: string }>(
      sql`select province_code from pillars where code = 'kalteng_berkah'`,
    );
    expect(berkah?.province_code).toBe('62');
  });

  it('places every volunteer in a kecamatan of their own kabupaten, with one TKSK per kecamatan', async () => {
    expect(
      await count(sql`
        select count(*)::int as n from volunteers v left join districts d on d.code = v.district_code
        where d.regency_code is distinct from v.regency_code`),
    ).toBe(0);
    const kecamatan = await count(
      sql`select count(*)::int as n from districts d join regencies r on r.code = d.regency_code where r.province_code = '62'`,
    );
    const tksk = await rows<{ n: number; districts: number }>(sql`
      select count(*)::int as n, count(distinct district_code)::int as districts from volunteers
      where pillar_code = 'tksk' and regency_code like '62.%'`);
    expect(tksk[0]).toEqual({ n: kecamatan, districts: kecamatan });
  });

  it('has about 30 RPSM, none a civil servant, all through the four-day latsar', async () => {
    const [rpsm] = await rows<{ n: number; civil_servants: number; latsar: number }>(sql`
      select count(*)::int as n, count(*) filter (where is_civil_servant)::int as civil_servants,
        count(*) filter (where exists (
          select 1 from volunteer_trainings vt join trainings t on t.id = vt.training_id
          where vt.volunteer_id = v.id and t.kind = 'latsar' and t.ends_on - t.starts_on = 3))::int as latsar
      from volunteers v where pillar_code = 'pensosmas' and regency_code like '62.%'`);
    expect(rpsm?.n).toBeGreaterThanOrEqual(25);
    expect(rpsm?.n).toBeLessThanOrEqual(35);
    expect(rpsm?.civil_servants).toBe(0);
    expect(rpsm?.latsar).toBe(rpsm?.n);
  });

  it('sent 1,000 of them to the three-day camp, and some have several trainings', async () => {
    const [camp] = await rows<{ days: number; n: number }>(sql`
      select t.ends_on - t.starts_on + 1 as days, count(vt.volunteer_id)::int as n
      from trainings t join volunteer_trainings vt on vt.training_id = t.id
      where t.kind = 'camp' and t.province_code = '62' group by t.id`);
    expect(camp).toEqual({ days: 3, n: 1_000 });
    expect(
      await count(sql`
        select count(*)::int as n from (select volunteer_id from volunteer_trainings group by 1 having count(*) >= 3) x`),
    ).toBeGreaterThan(0);
  });
});

describe('other rosters', () => {
  it('gives Kuningan 100 PSM and 32 TKSK for its 32 kecamatan, Cilebak’s post vacant (its TKSK is in Subang)', async () => {
    const [kuningan] = await rows<{ psm: number; tksk: number; tksk_districts: number; districts: number }>(sql`
      select count(*) filter (where pillar_code = 'psm')::int as psm,
        count(*) filter (where pillar_code = 'tksk')::int as tksk,
        count(distinct district_code) filter (where pillar_code = 'tksk')::int as tksk_districts,
        (select count(*)::int from districts where regency_code = '32.08') as districts
      from volunteers where regency_code = '32.08'`);
    expect(kuningan).toEqual({ psm: 100, tksk: 32, tksk_districts: 31, districts: 32 });
    const doubled = await rows<{ name: string; n: number }>(sql`
      select d.name, count(v.id)::int as n from districts d
      left join volunteers v on v.district_code = d.code and v.pillar_code = 'tksk'
      where d.regency_code = '32.08' group by d.name having count(v.id) <> 1 order by d.name`);
    expect(doubled).toEqual([
      { name: 'Cilebak', n: 0 },
      { name: 'Subang', n: 2 },
    ]);
  });

  it('asks one TKSK per kecamatan in Kuningan and sets Tagana minimums in three Kalteng kabupaten', async () => {
    expect(await rows(sql`select regency_code, pillar_code, minimum_per_district from coverage_rules`)).toEqual([
      { regency_code: '32.08', pillar_code: 'tksk', minimum_per_district: 1 },
    ]);
    expect(
      await rows(sql`select regency_code, pillar_code, minimum_available from readiness_minimums order by 1`),
    ).toEqual([
      { regency_code: '62.03', pillar_code: 'tagana', minimum_available: 50 },
      { regency_code: '62.06', pillar_code: 'tagana', minimum_available: 30 },
      { regency_code: '62.71', pillar_code: 'tagana', minimum_available: 40 },
    ]);
  });

  it('gives Bangka Tengah 115 PSM, TKSK, Pensosmas and PKH, all through the bimtek on orang terlantar', async () => {
    const perPillar = await rows<{ pillar_code: string; n: number; bimtek: number }>(sql`
      select pillar_code, count(*)::int as n, count(*) filter (where exists (
        select 1 from volunteer_trainings vt join trainings t on t.id = vt.training_id
        where vt.volunteer_id = v.id and t.kind = 'bimtek' and t.name ilike '%orang terlantar%'))::int as bimtek
      from volunteers v where regency_code = '19.04' group by 1`);
    expect(perPillar.map((pillar) => pillar.pillar_code).sort()).toEqual(['pensosmas', 'pkh', 'psm', 'tksk']);
    expect(perPillar.reduce((sum, pillar) => sum + pillar.n, 0)).toBe(115);
    expect(perPillar.every((pillar) => pillar.bimtek === pillar.n)).toBe(true);
  });

  it('gives Indramayu its six pilar sosial, a few hundred people, one TKSK per kecamatan', async () => {
    const perPillar = await rows<{ pillar_code: string; n: number }>(sql`
      select pillar_code, count(*)::int as n from volunteers where regency_code = '32.12' group by 1`);
    expect(perPillar.map((pillar) => pillar.pillar_code).sort()).toEqual(
      ['karang_taruna', 'pkh', 'psm', 'slrt', 'tagana', 'tksk'].sort(),
    );
    const total = perPillar.reduce((sum, pillar) => sum + pillar.n, 0);
    expect(total).toBeGreaterThanOrEqual(200);
    expect(total).toBeLessThanOrEqual(500);
    const districts = await count(sql`select count(*)::int as n from districts where regency_code = '32.12'`);
    expect(perPillar.find((pillar) => pillar.pillar_code === 'tksk')?.n).toBe(districts);
  });

  it('gives every volunteer a different, valid Indonesian mobile number', async () => {
    const phones = (await rows<{ phone: string }>(sql`select phone from volunteers`)).map((row) => row.phone);
    expect(phones).toHaveLength(summary.volunteers);
    expect(new Set(phones).size).toBe(phones.length);
    expect(phones.filter((phone) => !isIndonesianMobile(phone))).toEqual([]);
  });
});

describe('incidents and deployments', () => {
  it('has the Pulang Pisau karhutla and the Katingan flood in tanggap darurat, located in their kabupaten', async () => {
    const open = await rows<{ type: string; regency_code: string; phase: string; in_regency: boolean }>(sql`
      select i.type::text, i.regency_code, i.phase::text,
        (d.regency_code = i.regency_code and i.lat is not null and i.lng is not null) as in_regency
      from incidents i join districts d on d.code = i.district_code where i.closed_at is null`);
    expect(open).toEqual(
      expect.arrayContaining([
        { type: 'forest_fire', regency_code: '62.11', phase: 'response', in_regency: true },
        { type: 'flood', regency_code: '62.06', phase: 'response', in_regency: true },
      ]),
    );
    expect(open.every((incident) => incident.in_regency)).toBe(true);
  });

  it('marks as Bertugas exactly the volunteers holding an active assignment', async () => {
    const deployed = await rows<{ id: string }>(
      sql`select id from volunteers where availability = 'deployed' order by id`,
    );
    const active = await rows<{ id: string }>(sql`
      select distinct volunteer_id as id from assignments where status in ('accepted', 'en_route', 'on_site') order by 1`);
    expect(deployed.length).toBeGreaterThan(0);
    expect(deployed).toEqual(active);
  });

  it('keeps every request’s acceptedCount equal to the assignments that took a slot', async () => {
    const requests = await rows<{
      status: string;
      slots: number;
      accepted_count: number;
      took: number;
      offered: number;
    }>(
      sql`
      select r.status::text, r.slots, r.accepted_count,
        count(a.id) filter (where a.status in ('accepted', 'en_route', 'on_site', 'completed'))::int as took,
        count(a.id) filter (where a.status = 'offered')::int as offered
      from deployment_requests r left join assignments a on a.request_id = r.id group by r.id`,
    );
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect(request.accepted_count).toBe(request.took);
      expect(request.status === 'filled').toBe(request.accepted_count === request.slots);
    }
    expect(requests.some((request) => request.status === 'open' && request.offered > 0)).toBe(true);
  });

  it('logs what every incident and offer went through, oldest first, scoped to a province', async () => {
    const perIncident = await rows<{ reported: number; offers: number; offered_events: number }>(sql`
      select (select count(*) from events e where e.incident_id = i.id and e.type = 'incident.reported')::int as reported,
        (select count(*) from assignments a join deployment_requests r on r.id = a.request_id
          where r.incident_id = i.id)::int as offers,
        (select count(*) from events e where e.incident_id = i.id and e.type = 'assignment.offered')::int as offered_events
      from incidents i`);
    for (const incident of perIncident) {
      expect(incident.reported).toBe(1);
      expect(incident.offered_events).toBe(incident.offers);
    }
    expect(
      await count(sql`
        select count(*)::int as n from (
          select created_at < lag(created_at) over (order by id) as out_of_order from events) e
        where out_of_order`),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from events`)).toBe(summary.events);
  });
});

describe('the demo as a whole', () => {
  it('gives the same volunteers for the same seed in another database, and others for another seed', async () => {
    const twin = await openTestDatabase('reference');
    extraHandles.push(twin);
    await seedDemoData(twin.db, { seed: DEFAULT_DEMO_SEED, now: new Date(NOW.getTime() + 86_400_000) });
    expect(await rosterDigest(twin.db)).toBe(await rosterDigest());

    const other = await planDemoData({ seed: DEFAULT_DEMO_SEED + 1, now: NOW });
    const ours = await planDemoData({ seed: DEFAULT_DEMO_SEED, now: NOW });
    expect(other.volunteers.map((v) => v.phone)).not.toEqual(ours.volunteers.map((v) => v.phone));
  }, 120_000);

  it('writes nothing at all when any part of it fails', async () => {
    const plan = await planDemoData({ seed: DEFAULT_DEMO_SEED, now: NOW });
    // The clash sits in the last batch, so earlier batches were written before the failure.
    expect(plan.volunteers.length).toBeGreaterThan(ROWS_PER_INSERT);
    const clashingPhone = plan.volunteers.at(-1)!.phone;
    const failing = await openTestDatabase('reference');
    extraHandles.push(failing);
    await failing.db
      .insert(volunteers)
      .values({ name: 'Relawan Lama', phone: clashingPhone, pillarCode: 'psm', regencyCode: '62.71' });

    const failure = await seedDemoData(failing.db, { seed: DEFAULT_DEMO_SEED, now: NOW }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).cause ?? failure)).toMatch(/volunteers_phone_idx/);
    for (const table of [
      'volunteers',
      'trainings',
      'volunteer_trainings',
      'incidents',
      'assignments',
      'events',
      'readiness_minimums',
      'coverage_rules',
    ]) {
      const expected = table === 'volunteers' ? 1 : 0;
      expect(await count(sql`select count(*)::int as n from ${sql.identifier(table)}`, failing.db), table).toBe(
        expected,
      );
    }
    expect(await count(sql`select count(*)::int as n from pillars where code = 'kalteng_berkah'`, failing.db)).toBe(0);
  }, 120_000);
});
