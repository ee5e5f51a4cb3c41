import { Faker, base, en, id_ID } from '@faker-js/faker';
import { eq } from 'drizzle-orm';
import { appendEvents } from '../events/append';
import { loadDistricts } from '../../db/areas';
import type { Database } from '../../db/client';
import {
  assignments,
  coverageRules,
  deploymentRequests,
  incidents,
  pillars,
  provinces,
  readinessMinimums,
  trainings,
  volunteers,
  volunteerTrainings,
  type Training,
  type Volunteer,
  type VolunteerTraining,
} from '../../db/schema';
import { insertInChunks } from '../../db/batch';
import { daysBefore } from './clock';
import { planIncidents, type IncidentPlan } from './incidents';
import { uniqueMobileNumber } from './phones';
import {
  ACADEMIC_DEGREES,
  DEFAULT_REGISTERED_DAYS_AGO,
  DEMO_COVERAGE_RULES,
  DEMO_READINESS_MINIMUMS,
  DEMO_ROSTERS,
  DEMO_TKSK_VACANCIES,
  KALTENG_BERKAH,
  KARHUTLA_SKILL_OUTSIDE_KALTENG,
  PILLAR_TRAITS,
  provinceOf,
  TAGANA_PER_TEAM_LEADER,
  TAGANA_RANK_WEIGHTS,
  UNAVAILABLE_SHARE,
  type DemoPillarCode,
  type DemoSkill,
} from './rosters';
import { planTrainings } from './trainings';

export const DEFAULT_DEMO_SEED = 20261122;

export interface DemoSeedOptions {
  /** Same seed, same people, phones, ids and choices; only timestamps follow `now`. */
  seed?: number;
  now?: Date;
}

/** The rows the demo writes, planned before anything touches the database. */
export interface DemoData extends IncidentPlan {
  volunteers: Volunteer[];
  trainings: Training[];
  completions: VolunteerTraining[];
}

export interface DemoSeedSummary {
  volunteers: number;
  /** Province code → its volunteers, in total and per pillar code. */
  byProvince: Record<string, { volunteers: number; byPillar: Record<string, number> }>;
  trainings: number;
  trainingCompletions: number;
  incidents: number;
  deploymentRequests: number;
  assignments: number;
  events: number;
}

export async function planDemoData({
  seed = DEFAULT_DEMO_SEED,
  now = new Date(),
}: DemoSeedOptions = {}): Promise<DemoData> {
  // A faker of our own: seeding the shared `fakerID_ID` would reseed it for everyone else in the process.
  const faker = new Faker({ locale: [id_ID, en, base], seed });
  const districtsByRegency = new Map<string, string[]>();
  for (const district of await loadDistricts()) {
    const codes = districtsByRegency.get(district.regencyCode);
    if (codes) codes.push(district.code);
    else districtsByRegency.set(district.regencyCode, [district.code]);
  }
  const roster = planRoster(faker, now, (regencyCode) => districtsByRegency.get(regencyCode) ?? []);
  const { trainings, completions } = planTrainings(faker, now, roster);
  return { volunteers: roster, trainings, completions, ...planIncidents(faker, now, roster) };
}

/** The demo provinces' posko numbers (fixed lines, so no account signs in with them). */
const DEMO_HOTLINES: Record<string, string> = { '62': '+625363221100', '19': '+627174211100', '32': '+62224231100' };

/**
 * Writes the demo (Kalteng, Bangka Tengah, Kuningan, Indramayu) in one transaction: all of it or nothing.
 * Expects the reference data and no earlier demo; a second run fails on the unique phones and ids.
 */
export async function seedDemoData(db: Database, options: DemoSeedOptions = {}): Promise<DemoSeedSummary> {
  const demo = await planDemoData(options);
  await db.transaction(async (tx) => {
    await tx.insert(pillars).values(KALTENG_BERKAH).onConflictDoNothing();
    await insertInChunks(tx, volunteers, demo.volunteers);
    await insertInChunks(tx, trainings, demo.trainings);
    await insertInChunks(tx, volunteerTrainings, demo.completions);
    await insertInChunks(tx, incidents, demo.incidents);
    await insertInChunks(tx, deploymentRequests, demo.requests);
    await insertInChunks(tx, assignments, demo.assignments);
    await appendEvents(tx, demo.events);
    await tx.insert(readinessMinimums).values([...DEMO_READINESS_MINIMUMS]);
    await tx.insert(coverageRules).values([...DEMO_COVERAGE_RULES]);
    for (const [code, hotline] of Object.entries(DEMO_HOTLINES)) {
      await tx.update(provinces).set({ hotline }).where(eq(provinces.code, code));
    }
  });
  return summarize(demo);
}

function summarize(demo: DemoData): DemoSeedSummary {
  const byProvince: DemoSeedSummary['byProvince'] = {};
  for (const volunteer of demo.volunteers) {
    const province = (byProvince[provinceOf(volunteer.regencyCode)] ??= { volunteers: 0, byPillar: {} });
    province.volunteers += 1;
    province.byPillar[volunteer.pillarCode] = (province.byPillar[volunteer.pillarCode] ?? 0) + 1;
  }
  return {
    volunteers: demo.volunteers.length,
    byProvince,
    trainings: demo.trainings.length,
    trainingCompletions: demo.completions.length,
    incidents: demo.incidents.length,
    deploymentRequests: demo.requests.length,
    assignments: demo.assignments.length,
    events: demo.events.length,
  };
}

/** Every roster's volunteers: one TKSK per kecamatan (but for the vacancies), then each pillar spread over the regencies by weight. */
function planRoster(faker: Faker, now: Date, districtsOf: (regencyCode: string) => string[]): Volunteer[] {
  const roster: Volunteer[] = [];
  const phones = new Set<string>();
  const enrol = (pillarCode: DemoPillarCode, districtCode: string, registeredDaysAgo: readonly [number, number]) =>
    roster.push(planVolunteer(faker, now, phones, pillarCode, districtCode, registeredDaysAgo));

  for (const { regencyWeights, quotas } of DEMO_ROSTERS) {
    for (const regencyCode of Object.keys(regencyWeights)) {
      const districtCodes = districtsOf(regencyCode);
      if (districtCodes.length === 0) throw new Error(`Demo regency ${regencyCode} has no kecamatan`);
      for (const districtCode of districtCodes) {
        enrol('tksk', DEMO_TKSK_VACANCIES[districtCode] ?? districtCode, DEFAULT_REGISTERED_DAYS_AGO);
      }
    }
    for (const { pillarCode, count, registeredDaysAgo = DEFAULT_REGISTERED_DAYS_AGO } of quotas) {
      for (const [regencyCode, share] of apportion(count, regencyWeights)) {
        const districtCodes = districtsOf(regencyCode);
        for (let i = 0; i < share; i += 1) {
          enrol(pillarCode, faker.helpers.arrayElement(districtCodes), registeredDaysAgo);
        }
      }
    }
  }
  appointTeamLeaders(roster);
  return roster;
}

function planVolunteer(
  faker: Faker,
  now: Date,
  phones: Set<string>,
  pillarCode: DemoPillarCode,
  districtCode: string,
  [minDaysAgo, maxDaysAgo]: readonly [number, number],
): Volunteer {
  const traits = PILLAR_TRAITS[pillarCode];
  const regencyCode = districtCode.slice(0, 5);
  const id = faker.string.uuid();
  const sex = faker.datatype.boolean(traits.maleShare) ? 'male' : 'female';
  const name = personName(faker, sex, traits.graduateShare);
  const phone = uniqueMobileNumber(faker, phones);
  const inKalteng = provinceOf(regencyCode) === KALTENG_BERKAH.provinceCode;
  const skillChances = Object.entries(traits.skills) as [DemoSkill, number][];
  const skills = skillChances
    .filter(([skill, chance]) =>
      faker.datatype.boolean(
        skill === 'pemadaman karhutla' && !inKalteng ? chance * KARHUTLA_SKILL_OUTSIDE_KALTENG : chance,
      ),
    )
    .map(([skill]) => skill);
  // Everyone lists at least the skill most of their pillar has.
  if (skills.length === 0 && skillChances[0]) skills.push(skillChances[0][0]);
  const createdAt = daysBefore(now, faker.number.float({ min: minDaysAgo, max: maxDaysAgo }));
  const availabilityChangedAt = faker.date.between({ from: createdAt, to: now });
  return {
    id,
    name,
    phone,
    pillarCode,
    regencyCode,
    districtCode,
    availability: faker.datatype.boolean(UNAVAILABLE_SHARE) ? 'unavailable' : 'available',
    availabilityChangedAt,
    skills,
    isCivilServant: faker.datatype.boolean(traits.civilServantShare),
    taganaRank: pillarCode === 'tagana' ? faker.helpers.weightedArrayElement(TAGANA_RANK_WEIGHTS) : null,
    isTeamLeader: false,
    nik: null,
    village: null,
    gender: sex,
    birthYear: null,
    emergencyContactName: null,
    emergencyContactPhone: null,
    retiredAt: null,
    retiredReason: null,
    positionConsent: null,
    textConsent: true,
    erasedAt: null,
    createdAt,
    updatedAt: availabilityChangedAt,
  };
}

/** "Agus Saputra", sometimes one name only or three, sometimes with a degree: "Siti Rahayu, S.Sos". */
function personName(faker: Faker, sex: 'male' | 'female', graduateShare: number): string {
  const first = faker.person.firstName(sex);
  const last = faker.person.lastName(sex);
  const middle = faker.person.firstName(sex);
  const shape = faker.number.float();
  let name = `${first} ${last}`;
  if (shape < 0.08) name = first;
  else if (shape < 0.25 && middle !== first) name = `${first} ${middle} ${last}`;
  return faker.datatype.boolean(graduateShare) ? `${name}, ${faker.helpers.arrayElement(ACADEMIC_DEGREES)}` : name;
}

/** Splits `total` by weight with the largest-remainder method: exact, and the same on every run. */
function apportion(total: number, weights: Readonly<Record<string, number>>): [string, number][] {
  const entries = Object.entries(weights);
  const sum = entries.reduce((acc, [, weight]) => acc + weight, 0);
  const shares = entries.map(([code, weight]) => {
    const exact = (total * weight) / sum;
    return { code, count: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let left = total - shares.reduce((acc, share) => acc + share.count, 0);
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder)) {
    if (left === 0) break;
    share.count += 1;
    left -= 1;
  }
  return shares.map((share) => [share.code, share.count]);
}

const RANK_SENIORITY = { utama: 0, madya: 1, muda: 2 } as const;

/** The most senior Tagana of each regency lead its regu, one leader for about ten members. */
function appointTeamLeaders(roster: Volunteer[]): void {
  const taganaByRegency = new Map<string, Volunteer[]>();
  for (const volunteer of roster) {
    if (volunteer.pillarCode !== 'tagana') continue;
    const members = taganaByRegency.get(volunteer.regencyCode);
    if (members) members.push(volunteer);
    else taganaByRegency.set(volunteer.regencyCode, [volunteer]);
  }
  for (const members of taganaByRegency.values()) {
    const bySeniority = [...members].sort(
      (a, b) => RANK_SENIORITY[a.taganaRank ?? 'muda'] - RANK_SENIORITY[b.taganaRank ?? 'muda'],
    );
    for (const leader of bySeniority.slice(0, Math.ceil(members.length / TAGANA_PER_TEAM_LEADER))) {
      leader.isTeamLeader = true;
    }
  }
}
