import type { Faker } from '@faker-js/faker';
import type { TrainingKind } from '../../lib/domain';
import { certificateValidUntil } from '../../lib/trainings';
import type { Training, Volunteer, VolunteerTraining } from '../../db/schema';
import { daysBefore, wibDate } from './clock';
import type { DemoPillarCode, DemoSkill } from './rosters';

/** A training of the demo and who attended it: volunteers of the province (or regencies) who match. */
export interface TrainingPlan {
  kind: TrainingKind;
  name: string;
  organiser: string;
  provinceCode: string;
  startsDaysAgo: number;
  days: number;
  /** How many months a certificate counts; absent: for good. */
  validMonths?: number;
  attendees: {
    regencyCodes?: readonly string[];
    pillarCodes?: readonly DemoPillarCode[];
    skill?: DemoSkill;
    /** At most this many; everyone who matches when absent. */
    count?: number;
  };
}

const DINSOS_KALTENG = 'Dinas Sosial Provinsi Kalimantan Tengah';

export const DEMO_TRAININGS: readonly TrainingPlan[] = [
  {
    kind: 'camp',
    name: 'Kemah Bakti Relawan Sosial Kalimantan Tengah',
    organiser: DINSOS_KALTENG,
    provinceCode: '62',
    startsDaysAgo: 118,
    days: 3,
    attendees: { count: 1_000 },
  },
  {
    kind: 'latsar',
    name: 'Latsar Relawan Penyuluh Sosial Masyarakat (RPSM) Angkatan I',
    organiser: DINSOS_KALTENG,
    provinceCode: '62',
    startsDaysAgo: 58,
    days: 4,
    validMonths: 24,
    attendees: { pillarCodes: ['pensosmas'] },
  },
  {
    kind: 'bimtek',
    name: 'Bimtek Tagana: Pengendalian Karhutla di Lahan Gambut',
    organiser: DINSOS_KALTENG,
    provinceCode: '62',
    startsDaysAgo: 205,
    days: 2,
    validMonths: 24,
    attendees: { pillarCodes: ['tagana'], skill: 'pemadaman karhutla', count: 120 },
  },
  {
    kind: 'bimtek',
    name: 'Bimtek Tagana: Evakuasi dan Penyelamatan di Air',
    organiser: 'Direktorat Perlindungan Sosial Korban Bencana Alam, Kementerian Sosial',
    provinceCode: '62',
    startsDaysAgo: 330,
    days: 3,
    // Ends about a month from now: "segera kedaluwarsa".
    validMonths: 12,
    attendees: { pillarCodes: ['tagana'], skill: 'evakuasi air', count: 90 },
  },
  {
    kind: 'bimtek',
    name: 'Bimtek Tagana: Dapur Umum Lapangan',
    organiser: DINSOS_KALTENG,
    provinceCode: '62',
    startsDaysAgo: 470,
    days: 2,
    // Ended some three months ago: "kedaluwarsa".
    validMonths: 12,
    attendees: { pillarCodes: ['tagana'], skill: 'dapur umum', count: 60 },
  },
  {
    kind: 'bimtek',
    name: 'Bimtek Penanganan Orang Terlantar bagi Pilar Sosial Kabupaten Bangka Tengah',
    organiser: 'Dinas Sosial Kabupaten Bangka Tengah',
    provinceCode: '19',
    startsDaysAgo: 44,
    days: 2,
    attendees: { regencyCodes: ['19.04'] },
  },
  {
    kind: 'bimtek',
    name: 'Pembekalan Calon Pekerja Sosial Masyarakat Kabupaten Kuningan',
    organiser: 'Dinas Sosial Kabupaten Kuningan',
    provinceCode: '32',
    startsDaysAgo: 20,
    days: 2,
    attendees: { regencyCodes: ['32.08'], pillarCodes: ['psm'] },
  },
  {
    kind: 'bimtek',
    name: 'Bimtek Tagana Kabupaten Indramayu: Kesiapsiagaan Banjir dan Rob',
    organiser: 'Dinas Sosial Kabupaten Indramayu',
    provinceCode: '32',
    startsDaysAgo: 150,
    days: 2,
    attendees: { regencyCodes: ['32.12'], pillarCodes: ['tagana'] },
  },
];

/** The trainings and their completions; only volunteers already on the roster when it began attend. */
export function planTrainings(
  faker: Faker,
  now: Date,
  roster: readonly Volunteer[],
): { trainings: Training[]; completions: VolunteerTraining[] } {
  const trainings: Training[] = [];
  const completions: VolunteerTraining[] = [];
  for (const plan of DEMO_TRAININGS) {
    const startsAt = daysBefore(now, plan.startsDaysAgo);
    const endsAt = daysBefore(now, plan.startsDaysAgo - plan.days + 1);
    const training: Training = {
      id: faker.string.uuid(),
      kind: plan.kind,
      name: plan.name,
      organiser: plan.organiser,
      provinceCode: plan.provinceCode,
      startsOn: wibDate(startsAt),
      endsOn: wibDate(endsAt),
      place: null,
      validMonths: plan.validMonths ?? null,
      createdAt: daysBefore(startsAt, 30),
    };
    trainings.push(training);

    const { regencyCodes, pillarCodes, skill, count } = plan.attendees;
    const eligible = roster.filter(
      (volunteer) =>
        (regencyCodes
          ? regencyCodes.includes(volunteer.regencyCode)
          : volunteer.regencyCode.startsWith(`${plan.provinceCode}.`)) &&
        (!pillarCodes || (pillarCodes as readonly string[]).includes(volunteer.pillarCode)) &&
        (!skill || volunteer.skills.includes(skill)) &&
        volunteer.createdAt < startsAt,
    );
    const attendees = count === undefined ? eligible : faker.helpers.arrayElements(eligible, count);
    for (const volunteer of attendees) {
      completions.push({
        volunteerId: volunteer.id,
        trainingId: training.id,
        completedOn: training.endsOn,
        certifiedOn: null,
        validUntil: certificateValidUntil({ completedOn: training.endsOn }, training.validMonths),
        recordedAt: endsAt,
      });
    }
  }
  return { trainings, completions };
}
