import type { NATIONAL_PILLARS } from '../../lib/domain';
import type { NewPillar, coverageRules, readinessMinimums } from '../../db/schema';

/** Kalimantan Tengah's own corps, registered beside the national pillars. */
export const KALTENG_BERKAH = {
  code: 'kalteng_berkah',
  name: 'Kalteng Berkah',
  provinceCode: '62',
} as const satisfies NewPillar;

export type DemoPillarCode = (typeof NATIONAL_PILLARS)[number]['code'] | typeof KALTENG_BERKAH.code;

/** The skills volunteers list, as coordinators write them. */
export const DEMO_SKILLS = [
  'evakuasi air',
  'pertolongan pertama',
  'dapur umum',
  'pemadaman karhutla',
  'SAR',
  'psikososial',
  'logistik',
  'komunikasi radio',
  'pendataan',
] as const;
export type DemoSkill = (typeof DEMO_SKILLS)[number];

/** Official codes nest: regency "62.03" lies in province "62". */
export const provinceOf = (regencyCode: string) => regencyCode.slice(0, 2);

export interface PillarQuota {
  pillarCode: DemoPillarCode;
  count: number;
  /** When they joined the roster, in days before now; recruits of a recent batch joined lately. */
  registeredDaysAgo?: readonly [number, number];
}

/** The volunteers of one province in the demo, taken from the field reports in DOMAIN.md. */
export interface Roster {
  provinceCode: string;
  /** Regency code → weight that spreads each pillar's volunteers (rough population in thousands). */
  regencyWeights: Readonly<Record<string, number>>;
  /** Volunteers per pillar over all those regencies; on top of these, one TKSK per kecamatan. */
  quotas: readonly PillarQuota[];
}

export const DEFAULT_REGISTERED_DAYS_AGO = [180, 2_400] as const;

export const DEMO_ROSTERS: readonly Roster[] = [
  {
    // About 1,600 volunteers in all 14 kabupaten/kota; Palangka Raya weighs more than its population
    // because the provincial Dinsos recruits there.
    provinceCode: '62',
    regencyWeights: {
      '62.01': 270, // Kotawaringin Barat
      '62.02': 430, // Kotawaringin Timur
      '62.03': 410, // Kapuas
      '62.04': 130, // Barito Selatan
      '62.05': 155, // Barito Utara
      '62.06': 160, // Katingan
      '62.07': 160, // Seruyan
      '62.08': 65, // Sukamara
      '62.09': 95, // Lamandau
      '62.10': 135, // Gunung Mas
      '62.11': 135, // Pulang Pisau
      '62.12': 110, // Murung Raya
      '62.13': 130, // Barito Timur
      '62.71': 400, // Kota Palangka Raya
    },
    quotas: [
      { pillarCode: 'tagana', count: 554 },
      { pillarCode: 'psm', count: 250 },
      { pillarCode: 'karang_taruna', count: 170 },
      { pillarCode: 'pkh', count: 160 },
      { pillarCode: 'pelopor_perdamaian', count: 150 },
      { pillarCode: 'kalteng_berkah', count: 100 },
      { pillarCode: 'slrt', count: 50 },
      // The RPSM batch of the four-day latsar, recruited shortly before it.
      { pillarCode: 'pensosmas', count: 30, registeredDaysAgo: [62, 95] },
    ],
  },
  {
    // Bangka Tengah: 115 in the bimtek on orang terlantar (6 of them the TKSK of its 6 kecamatan).
    provinceCode: '19',
    regencyWeights: { '19.04': 1 },
    quotas: [
      { pillarCode: 'psm', count: 45 },
      { pillarCode: 'pkh', count: 44 },
      { pillarCode: 'pensosmas', count: 20 },
    ],
  },
  {
    // Kuningan: 100 PSM candidates and 32 TKSK; Indramayu: its six pilar sosial.
    provinceCode: '32',
    regencyWeights: { '32.08': 1 },
    quotas: [{ pillarCode: 'psm', count: 100, registeredDaysAgo: [25, 60] }],
  },
  {
    provinceCode: '32',
    regencyWeights: { '32.12': 1 },
    quotas: [
      { pillarCode: 'pkh', count: 110 },
      { pillarCode: 'psm', count: 80 },
      { pillarCode: 'karang_taruna', count: 62 },
      { pillarCode: 'tagana', count: 60 },
      { pillarCode: 'slrt', count: 25 },
    ],
  },
];

/**
 * Kecamatan whose TKSK post is vacant in the demo: the TKSK recruited for it lives and serves in the
 * neighbouring kecamatan instead, so the count stays one per kecamatan while one kecamatan has none.
 */
export const DEMO_TKSK_VACANCIES: Readonly<Record<string, string>> = {
  '32.08.25': '32.08.03', // Cilebak's TKSK is in Subang, the kecamatan Cilebak was split from.
};

/** What the provinces ask of their kabupaten/kota in the demo: standby minimums and coverage by kecamatan. */
export const DEMO_READINESS_MINIMUMS: readonly (typeof readinessMinimums.$inferInsert)[] = [
  // Katingan, flooded, keeps 30 Tagana siaga for the next call; it has 27.
  { regencyCode: '62.06', pillarCode: 'tagana', minimumAvailable: 30 },
  { regencyCode: '62.71', pillarCode: 'tagana', minimumAvailable: 40 },
  { regencyCode: '62.03', pillarCode: 'tagana', minimumAvailable: 50 },
];
export const DEMO_COVERAGE_RULES: readonly (typeof coverageRules.$inferInsert)[] = [
  // One TKSK in each of Kuningan's 32 kecamatan.
  { regencyCode: '32.08', pillarCode: 'tksk', minimumPerDistrict: 1 },
];

/** How the people of one pillar tend to look: sex, civil-servant status, degrees and skills. */
export interface PillarTraits {
  maleShare: number;
  civilServantShare: number;
  /** Share with an academic degree after the name ("Siti Rahmawati, S.Sos"). */
  graduateShare: number;
  /** Chance of listing each skill. */
  skills: Partial<Record<DemoSkill, number>>;
}

export const PILLAR_TRAITS: Record<DemoPillarCode, PillarTraits> = {
  tagana: {
    maleShare: 0.78,
    civilServantShare: 0.03,
    graduateShare: 0.05,
    skills: {
      'evakuasi air': 0.6,
      'pertolongan pertama': 0.55,
      SAR: 0.45,
      'pemadaman karhutla': 0.5,
      'dapur umum': 0.3,
      'komunikasi radio': 0.25,
      logistik: 0.2,
    },
  },
  psm: {
    maleShare: 0.5,
    civilServantShare: 0,
    graduateShare: 0.1,
    skills: { psikososial: 0.6, pendataan: 0.6, 'dapur umum': 0.25, 'pertolongan pertama': 0.15, logistik: 0.1 },
  },
  tksk: {
    maleShare: 0.7,
    civilServantShare: 0,
    graduateShare: 0.3,
    skills: { pendataan: 0.8, psikososial: 0.5, logistik: 0.2, 'komunikasi radio': 0.1 },
  },
  pkh: {
    maleShare: 0.35,
    // Some companions became PPPK, which makes them ASN.
    civilServantShare: 0.15,
    graduateShare: 0.7,
    skills: { pendataan: 0.75, psikososial: 0.35, 'dapur umum': 0.1 },
  },
  pensosmas: {
    maleShare: 0.55,
    civilServantShare: 0,
    graduateShare: 0.3,
    skills: { psikososial: 0.55, pendataan: 0.45, 'komunikasi radio': 0.1 },
  },
  karang_taruna: {
    maleShare: 0.65,
    civilServantShare: 0,
    graduateShare: 0.05,
    skills: {
      'dapur umum': 0.4,
      logistik: 0.4,
      'pertolongan pertama': 0.3,
      'evakuasi air': 0.2,
      'pemadaman karhutla': 0.15,
    },
  },
  slrt: {
    maleShare: 0.45,
    civilServantShare: 0.2,
    graduateShare: 0.5,
    skills: { pendataan: 0.85, psikososial: 0.2 },
  },
  pelopor_perdamaian: {
    maleShare: 0.6,
    civilServantShare: 0,
    graduateShare: 0.15,
    skills: { psikososial: 0.5, pendataan: 0.3, 'komunikasi radio': 0.2, logistik: 0.2 },
  },
  kalteng_berkah: {
    maleShare: 0.6,
    civilServantShare: 0,
    graduateShare: 0.05,
    skills: { 'dapur umum': 0.5, logistik: 0.5, 'pemadaman karhutla': 0.35, 'pertolongan pertama': 0.3 },
  },
};

/** Peat fires are Kalteng's disaster; elsewhere few volunteers have fought one. */
export const KARHUTLA_SKILL_OUTSIDE_KALTENG = 0.2;

export const TAGANA_RANK_WEIGHTS = [
  { value: 'muda', weight: 55 },
  { value: 'madya', weight: 33 },
  { value: 'utama', weight: 12 },
] as const;

/** One ketua regu for about every ten Tagana of a regency. */
export const TAGANA_PER_TEAM_LEADER = 10;

export const ACADEMIC_DEGREES = ['S.Sos', 'S.Pd', 'S.E.', 'S.Kom', 'S.H.', 'S.IP', 'S.Psi', 'A.Md.'] as const;

/** Share of the roster not ready for duty (sick, working away, caring for family). */
export const UNAVAILABLE_SHARE = 0.12;
