import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Faker, base, en, id_ID } from '@faker-js/faker';
import { and, asc, eq, like } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Executor } from '../../db/client';
import { regencies, trainings, volunteers, volunteerTrainings, type NewVolunteer } from '../../db/schema';
import { insertInChunks } from '../../db/batch';
import { seedReferenceData } from '../../db/reference';
import { seedDemoData } from '../../server/seed';

/** The one volunteer the big-roster tests look for: a name the generated ones never take. */
export const NEEDLE = {
  name: 'Kristina Ayuningtyas Pardede',
  regencyCode: '62.03',
  pillarCode: 'tagana',
  phone: '+628991234509876',
} as const;

const PILLARS = ['tagana', 'psm', 'tksk', 'pkh', 'pensosmas', 'karang_taruna', 'kalteng_berkah'];

/**
 * `count` more volunteers in a province's kabupaten/kota (plus NEEDLE in Kapuas): a roster as large as
 * a province really has. Phones get 13 digits after +62, a length the demo never uses.
 */
export async function seedManyVolunteers(db: Executor, count: number, provinceCode = '62'): Promise<void> {
  const faker = new Faker({ locale: [id_ID, en, base], seed: 10_000 });
  const regencyCodes = (
    await db
      .select({ code: regencies.code })
      .from(regencies)
      .where(like(regencies.code, `${provinceCode}.%`))
      .orderBy(asc(regencies.code))
  ).map((regency) => regency.code);
  const rows: NewVolunteer[] = [];
  for (let i = 0; i < count; i += 1) {
    rows.push({
      name: faker.person.fullName(),
      phone: `+62899${String(i).padStart(10, '0')}`,
      pillarCode: PILLARS[i % PILLARS.length]!,
      regencyCode: regencyCodes[i % regencyCodes.length]!,
      availability: i % 5 === 0 ? 'unavailable' : 'available',
      isCivilServant: i % 7 === 0,
      skills: [],
    });
  }
  rows.push({ ...NEEDLE, availability: 'available', isCivilServant: true, skills: ['evakuasi air'] });
  await insertInChunks(db, volunteers, rows);

  // The needle completed the province's first training, like many before it.
  const [training] = await db
    .select({ id: trainings.id, endsOn: trainings.endsOn })
    .from(trainings)
    .where(eq(trainings.provinceCode, provinceCode))
    .orderBy(asc(trainings.startsOn))
    .limit(1);
  const [needle] = await db
    .select({ id: volunteers.id })
    .from(volunteers)
    .where(and(eq(volunteers.phone, NEEDLE.phone)));
  if (training && needle) {
    await db
      .insert(volunteerTrainings)
      .values({ volunteerId: needle.id, trainingId: training.id, completedOn: training.endsOn });
  }
}

/** An embedded data folder with the demo and `count` more volunteers, for a Posko process to start on. */
export async function prepareBigRoster(count: number): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'posko-roster-'));
  const handle = await openDatabase({ dataDir });
  try {
    await migrateDatabase(handle);
    await seedReferenceData(handle.db);
    await seedDemoData(handle.db);
    await seedManyVolunteers(handle.db, count);
  } finally {
    await handle.close();
  }
  return dataDir;
}
