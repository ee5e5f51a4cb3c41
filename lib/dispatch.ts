import { z } from 'zod';
import {
  ASSIGNMENT_STATUSES,
  INCIDENT_PHASES,
  INCIDENT_TYPES,
  PROVINCE_CODE,
  REQUEST_STATUSES,
  type AssignmentStatus,
  type RequestStatus,
} from './domain';
import {
  OBJECT_ERROR,
  dateTime,
  districtCode,
  id,
  idempotencyKey,
  latitude,
  longitude,
  lines,
  optionalText,
  pillarCode,
  regencyCode,
  text,
  uniqueList,
} from './fields';
import { checkInGraceMinutes, checkInMinutes } from './operations';

/**
 * The dispatch loop's inputs (incidents, deployment requests, answers from phones), the event types the
 * verbs write, and the answers phones get back. Shared by the server, the pages and the Socket.IO contract.
 */

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  open: 'Terbuka',
  filled: 'Terpenuhi',
  expired: 'Kedaluwarsa',
  cancelled: 'Dibatalkan',
  closed: 'Ditutup',
};

// ---- event types (the `events.type` column) ----

/** Scope: province and regency of the incident, incidentId. */
export const INCIDENT_EVENTS = {
  reported: 'incident.reported',
  updated: 'incident.updated',
  phaseChanged: 'incident.phase_changed',
} as const;

/** Scope: province and regency of the incident, incidentId (no volunteerId: phones match on requestId). */
export const REQUEST_EVENTS = {
  created: 'request.created',
  changed: 'request.changed',
  filled: 'request.filled',
  reopened: 'request.reopened',
  expired: 'request.expired',
  cancelled: 'request.cancelled',
  closed: 'request.closed',
  /** A request in waves offered to the next nearest matches (payload: wave, offered). */
  widened: 'request.widened',
} as const;

/** Scope: the volunteer's province and regency, volunteerId, incidentId. One per status an assignment reaches. */
export const ASSIGNMENT_EVENTS = {
  offered: 'assignment.offered',
  accepted: 'assignment.accepted',
  declined: 'assignment.declined',
  expired: 'assignment.expired',
  en_route: 'assignment.en_route',
  on_site: 'assignment.on_site',
  completed: 'assignment.completed',
  withdrawn: 'assignment.withdrawn',
  cancelled: 'assignment.cancelled',
  relieved: 'assignment.relieved',
  returned: 'assignment.returned',
} as const satisfies Record<AssignmentStatus, `assignment.${AssignmentStatus}`>;

/** A volunteer took back their last status report (payload: from, to). Same scope as ASSIGNMENT_EVENTS. */
export const ASSIGNMENT_UNDONE = 'assignment.status_undone';

export type IncidentEventType = (typeof INCIDENT_EVENTS)[keyof typeof INCIDENT_EVENTS];
export type RequestEventType = (typeof REQUEST_EVENTS)[keyof typeof REQUEST_EVENTS];
export type AssignmentEventType = (typeof ASSIGNMENT_EVENTS)[keyof typeof ASSIGNMENT_EVENTS];

// ---- field schemas ----

const severity = z
  .number({ error: 'Tingkat keparahan harus angka 1 sampai 5.' })
  .int({ error: 'Tingkat keparahan harus angka bulat 1 sampai 5.' })
  .min(1, { error: 'Tingkat keparahan paling rendah 1.' })
  .max(5, { error: 'Tingkat keparahan paling tinggi 5.' });

/** How many volunteers a request (or a province's help) asks for. */
export const slots = z
  .number({ error: 'Jumlah relawan harus berupa angka.' })
  .int({ error: 'Jumlah relawan harus angka bulat.' })
  .min(1, { error: 'Minta paling sedikit 1 relawan.' })
  .max(1000, { error: 'Satu permintaan paling banyak 1.000 relawan.' });

const POINT_PAIR = { error: 'Isi lintang dan bujur bersama-sama, atau kosongkan keduanya.' };
const pairComplete = (lat: unknown, lng: unknown) => (lat === undefined) === (lng === undefined);
const pairSame = (lat: unknown, lng: unknown) => pairComplete(lat, lng) && (lat === null) === (lng === null);

// ---- incidents ----

const incidentType = z.enum(INCIDENT_TYPES, {
  error: `Jenis kejadian harus salah satu dari: ${INCIDENT_TYPES.join(', ')}.`,
});
const title = text('Judul', 160, { min: 5, minError: 'Judul paling sedikit 5 huruf.' });

export const CreateIncident = z
  .object(
    {
      type: incidentType,
      /** Left out (or empty): "Banjir di Kabupaten Katingan". */
      // Only a truly empty title counts as left out; one of invisible characters is too short.
      title: z
        .string({ error: 'Judul harus berupa teks.' })
        .optional()
        .transform((value) => (value?.trim() ? value : undefined))
        .pipe(title.optional()),
      severity,
      regencyCode,
      districtCode: districtCode.optional(),
      lat: latitude.optional(),
      lng: longitude.optional(),
      description: lines('Uraian', 4000).default(''),
      needs: lines('Kebutuhan', 4000).default(''),
      /** Left out: now. */
      occurredAt: dateTime('Waktu kejadian').optional(),
    },
    OBJECT_ERROR,
  )
  .refine((input) => pairComplete(input.lat, input.lng), { ...POINT_PAIR, path: ['lat'] });
export type CreateIncident = z.infer<typeof CreateIncident>;

/**
 * Before registering: running incidents of the same type in the same kabupaten/kota, near the point when
 * one is given, that may be the same event (`GET /api/incidents/nearby`).
 */
export const NearbyIncidentsQuery = z
  .object({ type: incidentType, regencyCode, lat: latitude.optional(), lng: longitude.optional() }, OBJECT_ERROR)
  .refine((input) => pairComplete(input.lat, input.lng), { ...POINT_PAIR, path: ['lat'] });
export type NearbyIncidentsQuery = z.infer<typeof NearbyIncidentsQuery>;

/** A running incident that may be the one being registered; its distance is null when either has no point. */
export interface NearbyIncident {
  id: string;
  title: string;
  severity: number;
  phase: string;
  occurredAt: string;
  distanceKm: number | null;
}

/** Within this distance of the new point, an incident of the same type counts as possibly the same one. */
export const NEARBY_INCIDENT_KM = 25;

/** Only the fields sent change; null clears the kecamatan or the point. The kabupaten cannot move. */
export const UpdateIncident = z
  .object(
    {
      incidentId: id('incidentId'),
      type: incidentType.optional(),
      title: title.optional(),
      severity: severity.optional(),
      districtCode: districtCode.nullable().optional(),
      lat: latitude.nullable().optional(),
      lng: longitude.nullable().optional(),
      description: lines('Uraian', 4000).optional(),
      needs: lines('Kebutuhan', 4000).optional(),
      occurredAt: dateTime('Waktu kejadian').optional(),
    },
    OBJECT_ERROR,
  )
  .refine((input) => pairSame(input.lat, input.lng), { ...POINT_PAIR, path: ['lat'] });
export type UpdateIncident = z.infer<typeof UpdateIncident>;

export const ChangeIncidentPhase = z.object(
  {
    incidentId: id('incidentId'),
    phase: z.enum(INCIDENT_PHASES, { error: `Fase harus salah satu dari: ${INCIDENT_PHASES.join(', ')}.` }),
  },
  OBJECT_ERROR,
);
export type ChangeIncidentPhase = z.infer<typeof ChangeIncidentPhase>;

export const ListIncidents = z.object(
  {
    provinceCode: z
      .string({ error: 'Sebutkan provinsi: kode dua angka, mis. "62".' })
      .regex(PROVINCE_CODE, { error: 'Kode provinsi harus dua angka, mis. "62".' }),
    includeClosed: z.boolean({ error: 'includeClosed harus true atau false.' }).default(false),
  },
  OBJECT_ERROR,
);
export type ListIncidents = z.infer<typeof ListIncidents>;

export const IncidentRef = z.object({ incidentId: id('incidentId') }, OBJECT_ERROR);
export type IncidentRef = z.infer<typeof IncidentRef>;

export const IncidentTimelineQuery = z.object(
  {
    incidentId: id('incidentId'),
    /** Entries after this event id (0: from the start). */
    afterId: z
      .number({ error: 'afterId harus berupa nomor posisi.' })
      .int({ error: 'afterId harus angka bulat.' })
      .min(0, { error: 'afterId tidak boleh negatif.' })
      .default(0),
    limit: z
      .number({ error: 'limit harus berupa angka.' })
      .int({ error: 'limit harus angka bulat.' })
      .min(1, { error: 'limit paling sedikit 1.' })
      .max(1000, { error: 'limit paling banyak 1.000.' })
      .default(500),
  },
  OBJECT_ERROR,
);
export type IncidentTimelineQuery = z.infer<typeof IncidentTimelineQuery>;

// ---- deployment requests ----

/** What makes a volunteer fit a request, besides being siaga in a source kabupaten. */
const volunteerCriteria = {
  pillarCodes: uniqueList(pillarCode, 'pilar', 20),
  /** One skill from the volunteer's list, compared without regard to case. */
  skill: optionalText('Keahlian', 60),
  /** A training the volunteer must have completed. */
  trainingId: id('trainingId').optional(),
};

/** How many named regu or hand-picked volunteers one request may address. */
export const MAX_ADDRESSED_TEAMS = 50;
export const MAX_ADDRESSED_VOLUNTEERS = 500;

/**
 * Who gets the offers: everyone who matches in the source kabupaten/kota, the members of named regu, or
 * hand-picked volunteers (those siaga among them; the coordinator chose them, so pillars are not checked).
 */
export const RequestAudience = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('match') }),
    z.object({ kind: z.literal('teams'), teamIds: uniqueList(id('teamIds'), 'regu', MAX_ADDRESSED_TEAMS) }),
    z.object({
      kind: z.literal('volunteers'),
      volunteerIds: uniqueList(id('volunteerIds'), 'relawan', MAX_ADDRESSED_VOLUNTEERS),
    }),
  ],
  { error: 'audience.kind harus match, teams atau volunteers.' },
);
export type RequestAudience = z.infer<typeof RequestAudience>;
export type RequestAudienceKind = RequestAudience['kind'];

export const WAVE_FACTOR_DEFAULT = 3;

/** Offers in waves: the nearest slots × factor first, the next as many after `everyMinutes` while places are left. */
export const RequestWaves = z.object(
  {
    factor: z
      .number({ error: 'Kelipatan gelombang harus berupa angka.' })
      .int({ error: 'Kelipatan gelombang harus angka bulat.' })
      .min(1, { error: 'Kelipatan gelombang paling sedikit 1.' })
      .max(20, { error: 'Kelipatan gelombang paling banyak 20.' })
      .default(WAVE_FACTOR_DEFAULT),
    everyMinutes: z
      .number({ error: 'Jeda antargelombang harus berupa angka (menit).' })
      .int({ error: 'Jeda antargelombang harus angka bulat (menit).' })
      .min(1, { error: 'Jeda antargelombang paling sedikit 1 menit.' })
      .max(1440, { error: 'Jeda antargelombang paling lama 1.440 menit (sehari).' }),
  },
  { error: 'waves harus berupa objek, mis. { "factor": 3, "everyMinutes": 30 }.' },
);
export type RequestWaves = z.infer<typeof RequestWaves>;

export const RequestDeployment = z
  .object(
    {
      incidentId: id('incidentId'),
      slots,
      ...volunteerCriteria,
      /** Needed to match everyone; left out for regu and hand-picked volunteers (their homes are used). */
      sourceRegencyCodes: uniqueList(regencyCode, 'kabupaten/kota sumber', 60).optional(),
      audience: RequestAudience.default({ kind: 'match' }),
      waves: RequestWaves.optional(),
      meetingPoint: text('Titik kumpul', 300, { min: 3, minError: 'Tulis titik kumpul, paling sedikit 3 huruf.' }),
      meetingLat: latitude.optional(),
      meetingLng: longitude.optional(),
      /** What each volunteer should bring, e.g. "pelampung, senter, obat pribadi". */
      bring: text('Yang perlu dibawa', 1000).default(''),
      /** Minutes between safety check-ins; left out: the incident type's default (2 h for a flood). */
      checkInMinutes: checkInMinutes.optional(),
      /** Past due by this many minutes, a check-in is critical (default 30). */
      checkInGraceMinutes: checkInGraceMinutes.optional(),
      /** Also check in while en route, not only on site. */
      checkInEnRoute: z.boolean({ error: 'checkInEnRoute harus true atau false.' }).default(false),
      /** Offers not answered by then expire. */
      deadline: dateTime('Batas waktu'),
      /** The team's planned end of shift: past it the incident page says it is time for a relief. */
      shiftEndsAt: dateTime('Akhir giliran tugas').optional(),
      /** The request whose team this one relieves (same incident); its on-site volunteers become "diganti". */
      relievesRequestId: id('relievesRequestId').optional(),
    },
    OBJECT_ERROR,
  )
  .refine((input) => pairComplete(input.meetingLat, input.meetingLng), { ...POINT_PAIR, path: ['meetingLat'] })
  .refine((input) => input.audience.kind !== 'match' || input.sourceRegencyCodes !== undefined, {
    error: 'Pilih paling sedikit satu kabupaten/kota sumber.',
    path: ['sourceRegencyCodes'],
  })
  .refine((input) => input.waves === undefined || input.audience.kind === 'match', {
    error: 'Gelombang hanya untuk permintaan ke semua relawan yang cocok, bukan ke regu atau relawan pilihan.',
    path: ['waves'],
  });
export type RequestDeployment = z.infer<typeof RequestDeployment>;

export const ChangeRequest = z
  .object(
    {
      requestId: id('requestId'),
      slots: slots.optional(),
      /** Only later than the current deadline. */
      deadline: dateTime('Batas waktu').optional(),
      /** The team's planned end of shift; null clears it. */
      shiftEndsAt: dateTime('Akhir giliran tugas').nullable().optional(),
    },
    OBJECT_ERROR,
  )
  .refine((input) => input.slots !== undefined || input.deadline !== undefined || input.shiftEndsAt !== undefined, {
    error: 'Ubah jumlah relawan, batas waktu atau akhir giliran tugas.',
    path: ['slots'],
  });
export type ChangeRequest = z.infer<typeof ChangeRequest>;

export const CancelRequest = z.object(
  { requestId: id('requestId'), reason: optionalText('Alasan', 300) },
  OBJECT_ERROR,
);
export type CancelRequest = z.infer<typeof CancelRequest>;

export const RequestRef = z.object({ requestId: id('requestId') }, OBJECT_ERROR);
export type RequestRef = z.infer<typeof RequestRef>;

/** A draft request: who would get an offer, per kabupaten/kota of the incident's province. */
export const MatchVolunteers = z.object(
  {
    incidentId: id('incidentId'),
    ...volunteerCriteria,
    /** The draft's deadline: a required training's certificate must still be valid then (default: now). */
    deadline: dateTime('Batas waktu').optional(),
  },
  OBJECT_ERROR,
);
export type MatchVolunteers = z.infer<typeof MatchVolunteers>;

// ---- answers from phones (and coordinators recording them) ----

/**
 * A phone names the offer it takes by its assignment, or only by the request (the server finds the
 * volunteer's own assignment on it): a wave's offer event names the request, not each assignment.
 */
export const AcceptOffer = z
  .object(
    { assignmentId: id('assignmentId').optional(), requestId: id('requestId').optional(), idempotencyKey },
    OBJECT_ERROR,
  )
  .refine((input) => (input.assignmentId === undefined) !== (input.requestId === undefined), {
    message: 'Sebutkan assignmentId (penugasan) atau requestId (permintaan), salah satu saja.',
    path: ['assignmentId'],
  });
export type AcceptOffer = z.infer<typeof AcceptOffer>;

export const DeclineOffer = z.object(
  { assignmentId: id('assignmentId'), reason: optionalText('Alasan', 300), idempotencyKey },
  OBJECT_ERROR,
);
export type DeclineOffer = z.infer<typeof DeclineOffer>;

export const WithdrawAssignment = z.object(
  { assignmentId: id('assignmentId'), reason: optionalText('Alasan', 300), idempotencyKey },
  OBJECT_ERROR,
);
export type WithdrawAssignment = z.infer<typeof WithdrawAssignment>;

export const REPORTABLE_STATUSES = [
  'en_route',
  'on_site',
  'completed',
  'returned',
] as const satisfies AssignmentStatus[];
/** The statuses a report moves from. */
export const REPORTED_FROM_STATUSES = [
  'accepted',
  'en_route',
  'on_site',
  'relieved',
] as const satisfies AssignmentStatus[];

// Kept in the zod-free assignment-state module, which the phone page imports.
export { UNDO_WINDOW_MS } from './assignment-state';

export const ReportStatus = z
  .object(
    {
      assignmentId: id('assignmentId'),
      /** The status the phone saw when the volunteer tapped: a report from any other is refused, so a repeated tap cannot skip a step. */
      from: z.enum(REPORTED_FROM_STATUSES, {
        error: 'Sebutkan status asal: accepted, en_route, on_site atau relieved.',
      }),
      status: z.enum(REPORTABLE_STATUSES, { error: 'Status harus en_route, on_site, completed atau returned.' }),
      /** Where the volunteer arrived; only with on_site. */
      lat: latitude.optional(),
      lng: longitude.optional(),
      idempotencyKey,
    },
    OBJECT_ERROR,
  )
  .refine((input) => pairComplete(input.lat, input.lng), { ...POINT_PAIR, path: ['lat'] })
  .refine((input) => input.status === 'on_site' || input.lat === undefined, {
    error: 'Lokasi hanya dikirim bersama laporan tiba di lokasi (on_site).',
    path: ['lat'],
  });
export type ReportStatus = z.infer<typeof ReportStatus>;

/** Takes back the volunteer's last status report, within UNDO_WINDOW_MS of it. */
export const UndoStatus = z.object(
  {
    assignmentId: id('assignmentId'),
    /** The status being taken back, as the phone shows it: if it changed meanwhile, nothing is undone. */
    status: z.enum(REPORTABLE_STATUSES, { error: 'Status harus en_route, on_site, completed atau returned.' }),
    idempotencyKey,
  },
  OBJECT_ERROR,
);
export type UndoStatus = z.infer<typeof UndoStatus>;

export const CancelAssignment = z.object(
  { assignmentId: id('assignmentId'), reason: optionalText('Alasan', 300) },
  OBJECT_ERROR,
);
export type CancelAssignment = z.infer<typeof CancelAssignment>;

/** A phone's own offers and assignments; coordinators may name a volunteer in their scope. */
export const VolunteerAssignmentsQuery = z.object({ volunteerId: id('volunteerId').optional() }, OBJECT_ERROR);
export type VolunteerAssignmentsQuery = z.infer<typeof VolunteerAssignmentsQuery>;

// ---- answers ----

const isoTime = z.string();

/** What an answer from a phone returns; plain JSON, so a retried command returns exactly the same. */
export const AssignmentAnswer = z.object({
  assignment: z.object({
    id: z.string(),
    requestId: z.string(),
    volunteerId: z.string(),
    status: z.enum(ASSIGNMENT_STATUSES),
    declineReason: z.string().nullable(),
    offeredAt: isoTime,
    respondedAt: isoTime.nullable(),
    departedAt: isoTime.nullable(),
    arrivedAt: isoTime.nullable(),
    arrivedLat: z.number().nullable(),
    arrivedLng: z.number().nullable(),
    completedAt: isoTime.nullable(),
    // Answers kept from before relief existed lack these; a retry still reads them.
    relievedAt: isoTime.nullable().default(null),
    returnedAt: isoTime.nullable().default(null),
    restEndsAt: isoTime.nullable().default(null),
  }),
  request: z.object({
    id: z.string(),
    status: z.enum(REQUEST_STATUSES),
    slots: z.number().int(),
    acceptedCount: z.number().int(),
  }),
});
export type AssignmentAnswer = z.infer<typeof AssignmentAnswer>;
