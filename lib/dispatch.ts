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
  optionalText,
  pillarCode,
  regencyCode,
  text,
  uniqueList,
} from './fields';

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
} as const satisfies Record<AssignmentStatus, `assignment.${AssignmentStatus}`>;

export type IncidentEventType = (typeof INCIDENT_EVENTS)[keyof typeof INCIDENT_EVENTS];
export type RequestEventType = (typeof REQUEST_EVENTS)[keyof typeof REQUEST_EVENTS];
export type AssignmentEventType = (typeof ASSIGNMENT_EVENTS)[keyof typeof ASSIGNMENT_EVENTS];

// ---- field schemas ----

const severity = z
  .number({ error: 'Tingkat keparahan harus angka 1 sampai 5.' })
  .int({ error: 'Tingkat keparahan harus angka bulat 1 sampai 5.' })
  .min(1, { error: 'Tingkat keparahan paling rendah 1.' })
  .max(5, { error: 'Tingkat keparahan paling tinggi 5.' });

const slots = z
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
const title = text('Judul', 160).min(5, { error: 'Judul paling sedikit 5 huruf.' });

export const CreateIncident = z
  .object(
    {
      type: incidentType,
      /** Left out (or empty): "Banjir di Kabupaten Katingan". */
      title: text('Judul', 160)
        .refine((value) => value === '' || value.length >= 5, { error: 'Judul paling sedikit 5 huruf.' })
        .optional()
        .transform((value) => value || undefined),
      severity,
      regencyCode,
      districtCode: districtCode.optional(),
      lat: latitude.optional(),
      lng: longitude.optional(),
      description: text('Uraian', 4000).default(''),
      needs: text('Kebutuhan', 4000).default(''),
      /** Left out: now. */
      occurredAt: dateTime('Waktu kejadian').optional(),
    },
    OBJECT_ERROR,
  )
  .refine((input) => pairComplete(input.lat, input.lng), { ...POINT_PAIR, path: ['lat'] });
export type CreateIncident = z.infer<typeof CreateIncident>;

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
      description: text('Uraian', 4000).optional(),
      needs: text('Kebutuhan', 4000).optional(),
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

export const RequestDeployment = z
  .object(
    {
      incidentId: id('incidentId'),
      slots,
      ...volunteerCriteria,
      sourceRegencyCodes: uniqueList(regencyCode, 'kabupaten/kota sumber', 60),
      meetingPoint: text('Titik kumpul', 300).min(3, { error: 'Tulis titik kumpul, paling sedikit 3 huruf.' }),
      meetingLat: latitude.optional(),
      meetingLng: longitude.optional(),
      /** Offers not answered by then expire. */
      deadline: dateTime('Batas waktu'),
    },
    OBJECT_ERROR,
  )
  .refine((input) => pairComplete(input.meetingLat, input.meetingLng), { ...POINT_PAIR, path: ['meetingLat'] });
export type RequestDeployment = z.infer<typeof RequestDeployment>;

export const ChangeRequest = z
  .object(
    {
      requestId: id('requestId'),
      slots: slots.optional(),
      /** Only later than the current deadline. */
      deadline: dateTime('Batas waktu').optional(),
    },
    OBJECT_ERROR,
  )
  .refine((input) => input.slots !== undefined || input.deadline !== undefined, {
    error: 'Ubah jumlah relawan atau batas waktu.',
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

export const AcceptOffer = z.object({ assignmentId: id('assignmentId'), idempotencyKey }, OBJECT_ERROR);
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

export const REPORTABLE_STATUSES = ['en_route', 'on_site', 'completed'] as const satisfies AssignmentStatus[];

export const ReportStatus = z
  .object(
    {
      assignmentId: id('assignmentId'),
      status: z.enum(REPORTABLE_STATUSES, { error: 'Status harus en_route, on_site atau completed.' }),
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
  }),
  request: z.object({
    id: z.string(),
    status: z.enum(REQUEST_STATUSES),
    slots: z.number().int(),
    acceptedCount: z.number().int(),
  }),
});
export type AssignmentAnswer = z.infer<typeof AssignmentAnswer>;
