/**
 * The domain's vocabularies, shared by the database schema, the server and the pages.
 * Codes are English; labels are what people read, in Bahasa Indonesia.
 */

export const REGENCY_KINDS = ['kabupaten', 'kota'] as const;
export type RegencyKind = (typeof REGENCY_KINDS)[number];

/** WIB, WITA, WIT. */
export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type TimeZone = (typeof TIME_ZONES)[number];

export const AVAILABILITIES = ['available', 'deployed', 'unavailable'] as const;
export type Availability = (typeof AVAILABILITIES)[number];
export const AVAILABILITY_LABELS: Record<Availability, string> = {
  available: 'Siaga',
  deployed: 'Bertugas',
  unavailable: 'Tidak siaga',
};

export const TAGANA_RANKS = ['muda', 'madya', 'utama'] as const;
export type TaganaRank = (typeof TAGANA_RANKS)[number];

export const TRAINING_KINDS = ['bimtek', 'latsar', 'camp', 'diklat_basic', 'diklat_advanced', 'other'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

/** menunggu persetujuan → disetujui / ditolak. */
export const SIGNUP_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

export const INCIDENT_TYPES = [
  'flood',
  'forest_fire',
  'landslide',
  'whirlwind',
  'earthquake',
  'settlement_fire',
  'drought',
  'neglected_person',
  'other_social',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];
export const INCIDENT_TYPE_LABELS: Record<IncidentType, string> = {
  flood: 'Banjir',
  forest_fire: 'Kebakaran hutan dan lahan',
  landslide: 'Tanah longsor',
  whirlwind: 'Angin puting beliung',
  earthquake: 'Gempa bumi',
  settlement_fire: 'Kebakaran permukiman',
  drought: 'Kekeringan',
  neglected_person: 'Orang terlantar',
  other_social: 'Kasus sosial lain',
};

/** dilaporkan → tanggap darurat → pemulihan → selesai. */
export const INCIDENT_PHASES = ['reported', 'response', 'recovery', 'closed'] as const;
export type IncidentPhase = (typeof INCIDENT_PHASES)[number];
export const INCIDENT_PHASE_LABELS: Record<IncidentPhase, string> = {
  reported: 'Dilaporkan',
  response: 'Tanggap darurat',
  recovery: 'Pemulihan',
  closed: 'Selesai',
};

export const REQUEST_STATUSES = ['open', 'filled', 'expired', 'cancelled', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const ASSIGNMENT_STATUSES = [
  'offered',
  'accepted',
  'declined',
  'expired',
  'en_route',
  'on_site',
  'completed',
  'withdrawn',
  'cancelled',
  /** diganti: a relief team is on site; the volunteer is still on duty until back home. */
  'relieved',
  /** kembali: back home after relief, resting until Siaga (or the province's rest period ends). */
  'returned',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** The national pilar-pilar sosial; provinces may add their own. */
export const NATIONAL_PILLARS = [
  { code: 'tagana', name: 'Tagana' },
  { code: 'psm', name: 'PSM' },
  { code: 'tksk', name: 'TKSK' },
  { code: 'pkh', name: 'Pendamping PKH' },
  { code: 'pensosmas', name: 'Pensosmas/RPSM' },
  { code: 'karang_taruna', name: 'Karang Taruna' },
  { code: 'slrt', name: 'SLRT' },
  { code: 'pelopor_perdamaian', name: 'Pelopor Perdamaian' },
] as const;

/** Official area codes: "62", "62.03", "62.03.01". */
export const PROVINCE_CODE = /^\d{2}$/;
export const REGENCY_CODE = /^\d{2}\.\d{2}$/;
export const DISTRICT_CODE = /^\d{2}\.\d{2}\.\d{2}$/;
