import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  customType,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import {
  ASSIGNMENT_STATUSES,
  AVAILABILITIES,
  INCIDENT_PHASES,
  INCIDENT_TYPES,
  REGENCY_KINDS,
  REQUEST_STATUSES,
  TAGANA_RANKS,
  TIME_ZONES,
  TRAINING_KINDS,
  GENDERS,
  SIGNUP_STATUSES,
} from '../lib/domain';
import { ROLES } from '../lib/roles';

// Column names are camelCase here and snake_case in SQL through the `casing: 'snake_case'` option that
// both drizzle-kit and the client use.
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const regencyKind = pgEnum('regency_kind', REGENCY_KINDS);
export const timeZone = pgEnum('time_zone', TIME_ZONES);
export const availability = pgEnum('availability', AVAILABILITIES);
export const taganaRank = pgEnum('tagana_rank', TAGANA_RANKS);
export const trainingKind = pgEnum('training_kind', TRAINING_KINDS);
export const incidentType = pgEnum('incident_type', INCIDENT_TYPES);
export const incidentPhase = pgEnum('incident_phase', INCIDENT_PHASES);
export const requestStatus = pgEnum('request_status', REQUEST_STATUSES);
export const assignmentStatus = pgEnum('assignment_status', ASSIGNMENT_STATUSES);
export const role = pgEnum('role', ROLES);
export const gender = pgEnum('gender', GENDERS);
export const signupStatus = pgEnum('signup_status', SIGNUP_STATUSES);

/** The 38 provinces, keyed by their two-digit official code ("62"). */
export const provinces = pgTable('provinces', {
  code: varchar({ length: 2 }).primaryKey(),
  name: text().notNull(),
  timeZone: timeZone().notNull(),
});

/** The 514 kabupaten and kota, keyed by official code ("62.03"). */
export const regencies = pgTable(
  'regencies',
  {
    code: varchar({ length: 5 }).primaryKey(),
    provinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    kind: regencyKind().notNull(),
    name: text().notNull(),
    shortName: text().notNull(),
    /** A point inside the regency (label position, distances); null until boundaries are known. */
    lat: doublePrecision(),
    lng: doublePrecision(),
  },
  (t) => [
    // Every province view lists its regencies.
    index('regencies_province_idx').on(t.provinceCode),
  ],
);

/** Kecamatan, keyed by official code ("62.03.01"). */
export const districts = pgTable(
  'districts',
  {
    code: varchar({ length: 8 }).primaryKey(),
    regencyCode: varchar({ length: 5 })
      .notNull()
      .references(() => regencies.code),
    name: text().notNull(),
  },
  (t) => [
    // Kecamatan pickers list one regency's districts.
    index('districts_regency_idx').on(t.regencyCode),
  ],
);

/** Pilar sosial: the national corps, plus ones a province adds for itself (provinceCode set). */
export const pillars = pgTable(
  'pillars',
  {
    code: varchar({ length: 40 }).primaryKey(),
    name: text().notNull(),
    provinceCode: varchar({ length: 2 }).references(() => provinces.code),
    sortOrder: smallint().notNull().default(100),
    createdAt: createdAt(),
  },
  (t) => [check('pillars_code_format', sql`${t.code} ~ '^[a-z0-9_]+$'`)],
);

export const volunteers = pgTable(
  'volunteers',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    /** E.164 without spaces: "+6281234567890". */
    phone: varchar({ length: 16 }).notNull(),
    pillarCode: varchar({ length: 40 })
      .notNull()
      .references(() => pillars.code),
    regencyCode: varchar({ length: 5 })
      .notNull()
      .references(() => regencies.code),
    districtCode: varchar({ length: 8 }).references(() => districts.code),
    availability: availability().notNull().default('available'),
    availabilityChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    skills: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    isCivilServant: boolean().notNull().default(false),
    taganaRank: taganaRank(),
    isTeamLeader: boolean().notNull().default(false),
    /** Nomor Induk Kependudukan, 16 digits; only where the office entered it, never shown to leaders. */
    nik: varchar({ length: 16 }),
    /** Desa/kelurahan as the office wrote it. */
    village: text(),
    gender: gender(),
    birthYear: smallint(),
    emergencyContactName: text(),
    /** E.164, like `phone`. */
    emergencyContactPhone: varchar({ length: 16 }),
    /** Set when the volunteer left: out of every count and match; the record and its history stay. */
    retiredAt: timestamp({ withTimezone: true }),
    retiredReason: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One active person, one phone: the phone number is how a volunteer signs in and is called.
    uniqueIndex('volunteers_phone_idx')
      .on(t.phone)
      .where(sql`${t.retiredAt} is null`),
    // Imports find a person by NIK when the phone changed.
    uniqueIndex('volunteers_nik_idx')
      .on(t.nik)
      .where(sql`${t.retiredAt} is null and ${t.nik} is not null`),
    // The map counts volunteers per regency and availability.
    index('volunteers_regency_availability_idx').on(t.regencyCode, t.availability),
    // Deployment requests match volunteers by pillar.
    index('volunteers_pillar_idx').on(t.pillarCode),
    check('volunteers_phone_format', sql`${t.phone} ~ '^\\+62[0-9]{8,13}$'`),
    check('volunteers_nik_format', sql`${t.nik} ~ '^[0-9]{16}$'`),
    check('volunteers_birth_year', sql`${t.birthYear} between 1900 and 2100`),
    check('volunteers_emergency_phone_format', sql`${t.emergencyContactPhone} ~ '^\\+62[0-9]{8,13}$'`),
    check('volunteers_retired_reason', sql`(${t.retiredAt} is null) = (${t.retiredReason} is null)`),
  ],
);

/** A training event (bimtek, latsar, camp) that many volunteers attend. */
export const trainings = pgTable(
  'trainings',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: trainingKind().notNull(),
    name: text().notNull(),
    organiser: text().notNull(),
    provinceCode: varchar({ length: 2 }).references(() => provinces.code),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    place: text(),
    /** How many months a certificate stays valid; null: for good. */
    validMonths: smallint(),
    createdAt: createdAt(),
  },
  (t) => [
    // Training pickers list a province's trainings, newest first.
    index('trainings_province_idx').on(t.provinceCode, t.startsOn),
    check('trainings_dates', sql`${t.endsOn} >= ${t.startsOn}`),
    check('trainings_valid_months', sql`${t.validMonths} between 1 and 600`),
  ],
);

/** A volunteer who completed a training. */
export const volunteerTrainings = pgTable(
  'volunteer_trainings',
  {
    volunteerId: uuid()
      .notNull()
      .references(() => volunteers.id),
    trainingId: uuid()
      .notNull()
      .references(() => trainings.id),
    completedOn: date({ mode: 'string' }).notNull(),
    /** The certificate's date, when it differs from completion. */
    certifiedOn: date({ mode: 'string' }),
    /** Last day the certificate counts (from the training's validMonths); null: for good. */
    validUntil: date({ mode: 'string' }),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.volunteerId, t.trainingId] }),
    // "Who completed this training" when a request asks for it.
    index('volunteer_trainings_training_idx').on(t.trainingId),
  ],
);

export const incidents = pgTable(
  'incidents',
  {
    id: uuid().primaryKey().defaultRandom(),
    type: incidentType().notNull(),
    title: text().notNull(),
    severity: smallint().notNull(),
    phase: incidentPhase().notNull().default('reported'),
    provinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    regencyCode: varchar({ length: 5 })
      .notNull()
      .references(() => regencies.code),
    districtCode: varchar({ length: 8 }).references(() => districts.code),
    lat: doublePrecision(),
    lng: doublePrecision(),
    description: text().notNull().default(''),
    needs: text().notNull().default(''),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Province views list their open incidents.
    index('incidents_province_phase_idx').on(t.provinceCode, t.phase),
    check('incidents_severity_range', sql`${t.severity} between 1 and 5`),
  ],
);

/** "N volunteers of pillars P from kabupaten K for incident I, by time T". */
export const deploymentRequests = pgTable(
  'deployment_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    incidentId: uuid()
      .notNull()
      .references(() => incidents.id),
    slots: integer().notNull(),
    /** Kept in the same row as `slots` so one conditional update enforces capacity. */
    acceptedCount: integer().notNull().default(0),
    pillarCodes: varchar({ length: 40 }).array().notNull(),
    sourceRegencyCodes: varchar({ length: 5 }).array().notNull(),
    skill: text(),
    trainingId: uuid().references(() => trainings.id),
    meetingPoint: text().notNull(),
    meetingLat: doublePrecision(),
    meetingLng: doublePrecision(),
    deadline: timestamp({ withTimezone: true }).notNull(),
    status: requestStatus().notNull().default('open'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The incident page lists its requests.
    index('deployment_requests_incident_idx').on(t.incidentId),
    // The expiry sweep finds open requests past their deadline.
    index('deployment_requests_open_deadline_idx')
      .on(t.deadline)
      .where(sql`${t.status} = 'open'`),
    check('deployment_requests_slots_positive', sql`${t.slots} > 0`),
    check('deployment_requests_capacity', sql`${t.acceptedCount} between 0 and ${t.slots}`),
  ],
);

/** One volunteer on one deployment request, from the offer to completion. */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => deploymentRequests.id),
    volunteerId: uuid()
      .notNull()
      .references(() => volunteers.id),
    status: assignmentStatus().notNull().default('offered'),
    declineReason: text(),
    offeredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp({ withTimezone: true }),
    departedAt: timestamp({ withTimezone: true }),
    arrivedAt: timestamp({ withTimezone: true }),
    arrivedLat: doublePrecision(),
    arrivedLng: doublePrecision(),
    completedAt: timestamp({ withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    // A volunteer gets at most one offer per request.
    uniqueIndex('assignments_request_volunteer_idx').on(t.requestId, t.volunteerId),
    // The phone lists its own offers and assignments.
    index('assignments_volunteer_status_idx').on(t.volunteerId, t.status),
  ],
);

/**
 * Append-only log of every committed change: feeds the live fan-out, replay after reconnect, the audit
 * trail and incident timelines. Scope columns say who may see an event.
 */
export const events = pgTable(
  'events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    type: varchar({ length: 60 }).notNull(),
    provinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    regencyCode: varchar({ length: 5 }).references(() => regencies.code),
    volunteerId: uuid().references(() => volunteers.id),
    incidentId: uuid().references(() => incidents.id),
    /**
     * The account that acted; null for timed work (deadline sweeps) and the demo seed. No foreign key: the
     * log outlives the accounts it names.
     */
    actorId: uuid(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // The audit page filters by who acted.
    index('events_actor_idx').on(t.actorId, t.id),
    // Replay after reconnect reads a province's events after a position.
    index('events_province_idx').on(t.provinceCode, t.id),
    // A phone replays its own volunteer's events.
    index('events_volunteer_idx').on(t.volunteerId, t.id),
    // Incident timelines.
    index('events_incident_idx').on(t.incidentId, t.id),
  ],
);

/** Results of commands sent with an idempotency key, so a retried command answers the same. */
export const commandReceipts = pgTable('command_receipts', {
  key: varchar({ length: 100 }).primaryKey(),
  command: varchar({ length: 60 }).notNull(),
  result: jsonb().$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
});

/**
 * A person who signs in. Coordinators and leaders are scoped to a province, or to one regency inside it;
 * a volunteer's account is tied to one roster entry; admins have no scope.
 */
export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    role: role().notNull(),
    displayName: text().notNull(),
    /** Lower case; admins, coordinators and leaders sign in with it (or with their phone). */
    username: varchar({ length: 40 }),
    /** E.164 ("+6281234567890"); a volunteer signs in with the roster's phone number. */
    phone: varchar({ length: 16 }),
    /** argon2id; null until the account is activated. */
    passwordHash: text(),
    provinceCode: varchar({ length: 2 }).references(() => provinces.code),
    regencyCode: varchar({ length: 5 }).references(() => regencies.code),
    volunteerId: uuid().references(() => volunteers.id),
    disabledAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Sign-in looks accounts up by username or by phone; each names one account.
    uniqueIndex('users_username_idx').on(t.username),
    uniqueIndex('users_phone_idx').on(t.phone),
    // A roster entry has at most one account.
    uniqueIndex('users_volunteer_idx').on(t.volunteerId),
    check('users_username_format', sql`${t.username} ~ '^[a-z0-9._-]{3,40}$'`),
    check(
      'users_scope_fits_role',
      sql`case ${t.role}
        when 'admin' then ${t.provinceCode} is null and ${t.volunteerId} is null
        when 'volunteer' then ${t.volunteerId} is not null
        else ${t.provinceCode} is not null and ${t.volunteerId} is null
      end`,
    ),
  ],
);

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: varchar({ length: 64 }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The absolute end, however active the session is. */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    userAgent: text(),
  },
  (t) => [
    // "Sign out everywhere" revokes every session of one account.
    index('sessions_user_idx').on(t.userId),
  ],
);

/** A one-time link a coordinator hands a volunteer (QR code or WhatsApp) to set a password. */
export const activationTokens = pgTable(
  'activation_tokens',
  {
    tokenHash: varchar({ length: 64 }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // A new link for a volunteer replaces the ones still open.
    index('activation_tokens_user_idx').on(t.userId),
  ],
);

/**
 * Failed sign-ins per account and per address, in rate-limiter-flexible's Drizzle shape, so every
 * Posko process on one PostgreSQL counts the same attempts.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text().primaryKey(),
  points: integer().notNull(),
  expire: timestamp({ withTimezone: true }),
});

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Owned by @socket.io/postgres-adapter (its documented shape): broadcasts too big for a NOTIFY
 * travel between server processes through this table.
 */
export const socketIoAttachments = pgTable('socket_io_attachments', {
  id: bigserial({ mode: 'number' }).unique(),
  createdAt: timestamp({ withTimezone: true }).defaultNow(),
  payload: bytea(),
});

/**
 * A phone that agreed to Web Push notifications (new offers, cancellations) while signed in. Tied to the
 * session, so a phone that signs out, or whose session is ended, stops receiving them.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    sessionHash: varchar({ length: 64 })
      .notNull()
      .references(() => sessions.tokenHash, { onDelete: 'cascade' }),
    /** The push service's URL for this browser (checked against the allowed push services). */
    endpoint: text().notNull(),
    /** The browser's P-256 public key and auth secret (base64url), for RFC 8291 encryption. */
    p256dh: varchar({ length: 100 }).notNull(),
    auth: varchar({ length: 40 }).notNull(),
    /** The language the notification is written in. */
    locale: varchar({ length: 5 }).notNull().default('id'),
    createdAt: createdAt(),
    lastSentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // One browser subscribes once; subscribing again (or as another account) replaces the row.
    uniqueIndex('push_subscriptions_endpoint_idx').on(t.endpoint),
    // New offers are sent to every phone of one account.
    index('push_subscriptions_user_idx').on(t.userId),
  ],
);

/**
 * The server's VAPID key pair when none is configured in the environment: generated once and shared by
 * every process on the database, so subscriptions keep working across restarts.
 */
export const pushKeys = pgTable(
  'push_keys',
  {
    id: smallint().primaryKey().default(1),
    publicKey: text().notNull(),
    privateKey: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('push_keys_single_row', sql`${t.id} = 1`)],
);

/** "At least N of this pillar on standby in this kabupaten/kota", set by the province's coordinators. */
export const readinessMinimums = pgTable(
  'readiness_minimums',
  {
    regencyCode: varchar({ length: 5 })
      .notNull()
      .references(() => regencies.code),
    pillarCode: varchar({ length: 40 })
      .notNull()
      .references(() => pillars.code),
    minimumAvailable: integer().notNull(),
    updatedBy: uuid().references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regencyCode, t.pillarCode] }),
    check('readiness_minimums_positive', sql`${t.minimumAvailable} between 1 and 100000`),
  ],
);

/** "At least N active volunteers of this pillar in every kecamatan of this kabupaten/kota" (one TKSK each). */
export const coverageRules = pgTable(
  'coverage_rules',
  {
    regencyCode: varchar({ length: 5 })
      .notNull()
      .references(() => regencies.code),
    pillarCode: varchar({ length: 40 })
      .notNull()
      .references(() => pillars.code),
    minimumPerDistrict: integer().notNull().default(1),
    updatedBy: uuid().references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regencyCode, t.pillarCode] }),
    check('coverage_rules_positive', sql`${t.minimumPerDistrict} between 1 and 1000`),
  ],
);

/**
 * A spreadsheet uploaded for import: what was read, how columns were mapped and what each row would do.
 * Committing writes the valid rows once; the result is kept so a second commit answers the same.
 */
export const volunteerImports = pgTable(
  'volunteer_imports',
  {
    id: uuid().primaryKey().defaultRandom(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    /** The importer's scope: rows outside it are errors. */
    provinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    regencyCode: varchar({ length: 5 }).references(() => regencies.code),
    fileName: text().notNull(),
    /** SHA-256 of the file's bytes. */
    fileHash: varchar({ length: 64 }).notNull(),
    sheet: text().notNull(),
    mapping: jsonb().$type<Record<string, string | null>>().notNull(),
    /** Every row as read and judged (create / update / unchanged / error), for the preview and the commit. */
    rows: jsonb().$type<unknown[]>().notNull(),
    summary: jsonb().$type<Record<string, number>>().notNull(),
    createdAt: createdAt(),
    committedAt: timestamp({ withTimezone: true }),
    result: jsonb().$type<Record<string, number>>(),
  },
  (t) => [
    // A coordinator's recent imports.
    index('volunteer_imports_creator_idx').on(t.createdBy, t.createdAt),
  ],
);

/** A sign-up link for a camp or bimtek, shown as a QR code; people who open it register themselves. */
export const signupLinks = pgTable(
  'signup_links',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The random part of the public address (/daftar/{token}); shown on a projector, so kept as is. */
    token: varchar({ length: 43 }).notNull(),
    title: text().notNull(),
    provinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    /** Sign-ups land in this kabupaten/kota; null: the volunteer picks one of the province's. */
    regencyCode: varchar({ length: 5 }).references(() => regencies.code),
    pillarCode: varchar({ length: 40 })
      .notNull()
      .references(() => pillars.code),
    /** Recorded as completed for every approved volunteer. */
    trainingId: uuid().references(() => trainings.id),
    validUntil: timestamp({ withTimezone: true }).notNull(),
    closedAt: timestamp({ withTimezone: true }),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('signup_links_token_idx').on(t.token), index('signup_links_province_idx').on(t.provinceCode)],
);

/** One person's sign-up through a link, waiting for a coordinator's approval. */
export const signups = pgTable(
  'signups',
  {
    id: uuid().primaryKey().defaultRandom(),
    linkId: uuid()
      .notNull()
      .references(() => signupLinks.id),
    name: text().notNull(),
    phone: varchar({ length: 16 }).notNull(),
    nik: varchar({ length: 16 }),
    regencyCode: varchar({ length: 5 })
      .notNull()
      .references(() => regencies.code),
    districtCode: varchar({ length: 8 }).references(() => districts.code),
    village: text(),
    gender: gender(),
    birthYear: smallint(),
    skills: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: signupStatus().notNull().default('pending'),
    /** An active volunteer with the same phone or NIK, found when the sign-up arrived. */
    duplicateOf: uuid().references(() => volunteers.id),
    /** The roster entry made (or matched) on approval. */
    volunteerId: uuid().references(() => volunteers.id),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // Signing up twice on one link is one sign-up.
    uniqueIndex('signups_link_phone_idx').on(t.linkId, t.phone),
    // The approval list: a link's sign-ups by status.
    index('signups_link_status_idx').on(t.linkId, t.status),
  ],
);

export type Province = typeof provinces.$inferSelect;
export type NewProvince = typeof provinces.$inferInsert;
export type Regency = typeof regencies.$inferSelect;
export type NewRegency = typeof regencies.$inferInsert;
export type District = typeof districts.$inferSelect;
export type NewDistrict = typeof districts.$inferInsert;
export type Pillar = typeof pillars.$inferSelect;
export type NewPillar = typeof pillars.$inferInsert;
export type Volunteer = typeof volunteers.$inferSelect;
export type NewVolunteer = typeof volunteers.$inferInsert;
export type Training = typeof trainings.$inferSelect;
export type NewTraining = typeof trainings.$inferInsert;
export type VolunteerTraining = typeof volunteerTrainings.$inferSelect;
export type NewVolunteerTraining = typeof volunteerTrainings.$inferInsert;
export type Incident = typeof incidents.$inferSelect;
export type NewIncident = typeof incidents.$inferInsert;
export type DeploymentRequest = typeof deploymentRequests.$inferSelect;
export type NewDeploymentRequest = typeof deploymentRequests.$inferInsert;
export type Assignment = typeof assignments.$inferSelect;
export type NewAssignment = typeof assignments.$inferInsert;
export type EventRow = typeof events.$inferSelect;
export type NewEventRow = typeof events.$inferInsert;
export type CommandReceipt = typeof commandReceipts.$inferSelect;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Session = typeof sessions.$inferSelect;
export type ActivationToken = typeof activationTokens.$inferSelect;
export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
export type NewPushSubscriptionRow = typeof pushSubscriptions.$inferInsert;
export type ReadinessMinimum = typeof readinessMinimums.$inferSelect;
export type CoverageRule = typeof coverageRules.$inferSelect;
export type VolunteerImport = typeof volunteerImports.$inferSelect;
export type SignupLink = typeof signupLinks.$inferSelect;
export type Signup = typeof signups.$inferSelect;
