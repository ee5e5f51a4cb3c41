import type { Figures } from './situation';
import { z } from 'zod';
import type { RegencyAvailability } from './availability';
import type { IncidentPhase, IncidentType, RequestStatus } from './domain';
import { PROVINCE_CODE } from './domain';

/**
 * The coordinator's command centre: what the page and its routes exchange. A view is one province or,
 * for admins, the whole country.
 */

export const NATIONAL = 'nasional';

export const CommandCentreScope = z.object({
  /** Two digits, or "nasional" for every province. */
  wilayah: z
    .string({ error: 'Sebutkan wilayah: kode provinsi dua angka (mis. "62") atau "nasional".' })
    .refine((value) => value === NATIONAL || PROVINCE_CODE.test(value), {
      error: 'Wilayah harus kode provinsi dua angka (mis. "62") atau "nasional".',
    }),
});
export type CommandCentreScope = z.infer<typeof CommandCentreScope>;

/** Which volunteers the map counts: one pillar, one completed training, or both. */
export const VolunteerFilter = z.object({
  pillarCode: z
    .string({ error: 'Kode pilar harus berupa teks.' })
    .regex(/^[a-z0-9_]{1,40}$/, { error: 'Kode pilar tidak dikenal, mis. "tagana".' })
    .optional(),
  trainingId: z.uuid({ error: 'Pelatihan harus dipilih dari daftar.' }).optional(),
});
export type VolunteerFilter = z.infer<typeof VolunteerFilter>;

export const FilteredAvailabilityQuery = CommandCentreScope.extend(VolunteerFilter.shape);
export type FilteredAvailabilityQuery = z.infer<typeof FilteredAvailabilityQuery>;

/** An incident as a marker and a row beside the map. */
export interface CommandIncident {
  id: string;
  type: IncidentType;
  title: string;
  severity: number;
  phase: IncidentPhase;
  provinceCode: string;
  regencyCode: string;
  regencyName: string;
  /** The incident's own point, else its kabupaten's; null when neither is known. */
  lat: number | null;
  lng: number | null;
  occurredAt: string;
  /** Running requests (open or filled): places asked and taken; overdue ones among all not closed. */
  slots: number;
  accepted: number;
  overdue: number;
  /** Its totals from the rapid assessments and the part not yet verified; null before the first one. */
  figures: { totals: Figures; unverified: Figures } | null;
}

/** A deployment request beside the map: how full it is and whether its deadline passed unfilled. */
export interface CommandRequest {
  id: string;
  incidentId: string;
  incidentTitle: string;
  incidentType: IncidentType;
  provinceCode: string;
  regencyName: string;
  status: RequestStatus;
  slots: number;
  acceptedCount: number;
  deadline: string;
  pillarCodes: string[];
  sourceRegencyCodes: string[];
  overdue: boolean;
}

/** A line on the map from a source kabupaten of a running request to its incident. */
export interface DeploymentLine {
  requestId: string;
  incidentId: string;
  sourceRegencyCode: string;
  from: { lat: number; lng: number };
  to: { lat: number; lng: number };
  /** Volunteers from that kabupaten who took a place (accepted, en route, on site). */
  active: number;
}

/** One line of the activity feed: an event of the log with the names it refers to. */
export interface ActivityEntry {
  id: number;
  type: string;
  at: string;
  provinceCode: string;
  regencyName: string | null;
  volunteerName: string | null;
  incidentTitle: string | null;
  payload: Record<string, unknown>;
}

/** Everything beside the counts, read at one position of the event log. */
export interface CommandCentreLive {
  position: number;
  incidents: CommandIncident[];
  requests: CommandRequest[];
  lines: DeploymentLine[];
  activity: ActivityEntry[];
  /** Volunteers on site longer than 12 hours at the moment read: due for relief. */
  longOnSite: LongOnSite[];
}

export interface LongOnSite {
  assignmentId: string;
  name: string;
  incidentId: string;
  incidentTitle: string;
  arrivedAt: string;
}

export interface FilteredAvailability {
  position: number;
  regencies: RegencyAvailability[];
}
