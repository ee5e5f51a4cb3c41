import { z } from 'zod';
import { slots } from './dispatch';
import { PROVINCE_CODE } from './domain';
import {
  OBJECT_ERROR,
  dateTime,
  id,
  latitude,
  longitude,
  optionalText,
  pillarCode,
  regencyCode,
  text,
  uniqueList,
} from './fields';

/**
 * Help across provinces: a province coordinator asks another province for volunteers for one of its
 * incidents; that province's coordinator accepts (choosing its own source kabupaten/kota, whose siaga
 * volunteers then get the offers) or declines with a reason. Each province acts only on its own people.
 */

export const PROVINCE_ASK_STATUSES = ['open', 'accepted', 'declined'] as const;
export type ProvinceAskStatus = (typeof PROVINCE_ASK_STATUSES)[number];

/**
 * Scope: the asking incident's province and kabupaten, incidentId. The asked province sees them too: an
 * incident that asked a province for help is visible to that province's staff (see server/realtime/scope).
 */
export const PROVINCE_ASK_EVENTS = {
  asked: 'province_ask.asked',
  accepted: 'province_ask.accepted',
  declined: 'province_ask.declined',
} as const;

/** An admin may ask every other province at once. */
export const MAX_ASKED_PROVINCES = 38;

const provinceCode = z
  .string({ error: 'Kode provinsi harus berupa teks.' })
  .regex(PROVINCE_CODE, { error: 'Kode provinsi harus dua angka, mis. "32".' });

export const AskProvinces = z.object(
  {
    incidentId: id('incidentId'),
    /** A province coordinator asks one province; an admin may ask several at once. */
    toProvinceCodes: uniqueList(provinceCode, 'provinsi yang dimintai bantuan', MAX_ASKED_PROVINCES),
    slots,
    pillarCodes: uniqueList(pillarCode, 'pilar', 20),
    /** Offers made for the ask expire then. */
    deadline: dateTime('Batas waktu'),
    /** Where the helpers report: the asking province knows it, so it asks with it. */
    meetingPoint: text('Titik kumpul', 300, { min: 3, minError: 'Tulis titik kumpul, paling sedikit 3 huruf.' }),
    meetingLat: latitude.optional(),
    meetingLng: longitude.optional(),
    bring: text('Yang perlu dibawa', 1000).default(''),
    note: optionalText('Catatan', 1000, 'lines'),
  },
  OBJECT_ERROR,
);
export type AskProvinces = z.infer<typeof AskProvinces>;

export const AcceptProvinceAsk = z.object(
  {
    askId: id('askId'),
    /** The asked province's own kabupaten/kota whose siaga volunteers get the offers. */
    sourceRegencyCodes: uniqueList(regencyCode, 'kabupaten/kota sumber', 60),
  },
  OBJECT_ERROR,
);
export type AcceptProvinceAsk = z.infer<typeof AcceptProvinceAsk>;

export const DeclineProvinceAsk = z.object(
  {
    askId: id('askId'),
    reason: text('Alasan', 500, { min: 3, minError: 'Tulis alasannya, paling sedikit 3 huruf.' }),
  },
  OBJECT_ERROR,
);
export type DeclineProvinceAsk = z.infer<typeof DeclineProvinceAsk>;

export const ProvinceAsksQuery = z.object({ incidentId: id('incidentId').optional() }, OBJECT_ERROR);
export type ProvinceAsksQuery = z.infer<typeof ProvinceAsksQuery>;

/** The progress of the request an accepted ask became: what both provinces follow. */
export interface ProvinceAskProgress {
  requestId: string;
  status: string;
  offered: number;
  accepted: number;
  enRoute: number;
  onSite: number;
  done: number;
}

/** One ask as both provinces see it. */
export interface ProvinceAskView {
  id: string;
  incident: { id: string; title: string; type: string; regencyName: string };
  fromProvince: { code: string; name: string };
  toProvince: { code: string; name: string };
  slots: number;
  pillarCodes: string[];
  deadline: string;
  meetingPoint: string;
  bring: string;
  note: string | null;
  status: ProvinceAskStatus;
  declineReason: string | null;
  sourceRegencyCodes: string[];
  /** The same kabupaten/kota, by name. */
  sourceRegencyNames: string[];
  askedAt: string;
  answeredAt: string | null;
  progress: ProvinceAskProgress | null;
}

/** The asks the actor's province made and received; an admin sees every ask. */
export interface ProvinceAsksList {
  outgoing: ProvinceAskView[];
  incoming: ProvinceAskView[];
}
