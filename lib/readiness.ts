import { z } from 'zod';
import { PROVINCE_CODE } from './domain';
import { OBJECT_ERROR, pillarCode, regencyCode } from './fields';

/**
 * Readiness rules a province holds its kabupaten/kota to: a minimum on standby per pillar, and a number
 * of active volunteers of a pillar in every kecamatan. Shared by the verbs, the routes and the pages.
 */

/** Scope: the rule's province and kabupaten/kota. */
export const READINESS_EVENTS = {
  minimumSet: 'readiness.minimum_set',
  minimumRemoved: 'readiness.minimum_removed',
  coverageSet: 'readiness.coverage_set',
  coverageRemoved: 'readiness.coverage_removed',
} as const;
export type ReadinessEventType = (typeof READINESS_EVENTS)[keyof typeof READINESS_EVENTS];

const wholeNumber = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} harus berupa angka.` })
    .int({ error: `${field} harus angka bulat.` })
    .min(min, { error: `${field} paling sedikit ${min}.` })
    .max(max, { error: `${field} paling banyak ${max.toLocaleString('id-ID')}.` });

const ruleKey = { regencyCode, pillarCode };

export const SetReadinessMinimum = z.object(
  { ...ruleKey, minimumAvailable: wholeNumber('Jumlah minimum siaga', 1, 100_000) },
  OBJECT_ERROR,
);
export type SetReadinessMinimum = z.infer<typeof SetReadinessMinimum>;

export const RemoveReadinessMinimum = z.object(ruleKey, OBJECT_ERROR);
export type RemoveReadinessMinimum = z.infer<typeof RemoveReadinessMinimum>;

export const SetCoverageRule = z.object(
  { ...ruleKey, minimumPerDistrict: wholeNumber('Jumlah per kecamatan', 1, 1_000).default(1) },
  OBJECT_ERROR,
);
export type SetCoverageRule = z.infer<typeof SetCoverageRule>;

export const RemoveCoverageRule = z.object(ruleKey, OBJECT_ERROR);
export type RemoveCoverageRule = z.infer<typeof RemoveCoverageRule>;

export const ReadinessQuery = z.object(
  {
    provinceCode: z
      .string({ error: 'Sebutkan provinsi: provinceCode dua angka, mis. "62".' })
      .regex(PROVINCE_CODE, { error: 'provinceCode harus dua angka, mis. "62".' }),
  },
  OBJECT_ERROR,
);
export type ReadinessQuery = z.infer<typeof ReadinessQuery>;

/** A minimum on standby and how the kabupaten/kota stands against it now. */
export interface ReadinessMinimumStatus {
  regencyCode: string;
  regencyName: string;
  pillarCode: string;
  pillarName: string;
  minimumAvailable: number;
  /** Not retired and siaga now. */
  available: number;
  /** How many more on standby the minimum needs; 0 when it is met. */
  shortBy: number;
}

/** A coverage rule and how many of the kabupaten/kota's kecamatan it leaves uncovered. */
export interface CoverageRuleStatus {
  regencyCode: string;
  regencyName: string;
  pillarCode: string;
  pillarName: string;
  minimumPerDistrict: number;
  districts: number;
  uncovered: number;
}

/** A kecamatan with fewer active volunteers of a pillar than its kabupaten's rule asks. */
export interface UncoveredDistrict {
  districtCode: string;
  districtName: string;
  regencyCode: string;
  regencyName: string;
  pillarCode: string;
  pillarName: string;
  /** Not retired, whatever their availability. */
  active: number;
  required: number;
}

/** A province's readiness at one position of the event log: every rule, and what falls short. */
export interface ProvinceReadiness {
  provinceCode: string;
  position: number;
  minimums: ReadinessMinimumStatus[];
  rules: CoverageRuleStatus[];
  /** The minimums not met, largest shortfall first. */
  belowMinimum: ReadinessMinimumStatus[];
  /** By kabupaten/kota, pillar and kecamatan name. */
  uncovered: UncoveredDistrict[];
}

/** Events after which a page showing readiness reads it again: rules, and anything that moves a volunteer. */
export const affectsReadiness = (type: string) => type.startsWith('readiness.') || type.startsWith('volunteer.');
