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
  type AnyPgColumn,
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
import { CHECK_IN_STATES } from '../lib/operations';
import { ROLES } from '../lib/roles';
import { MESSAGE_AUDIENCES, QUICK_REPLIES } from '../lib/messaging';
import { ROLL_CALL_ANSWERS } from '../lib/roll-calls';
import type { ProvinceAskStatus } from '../lib/province-asks';

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
export const rollCallAnswer = pgEnum('roll_call_answer', ROLL_CALL_ANSWERS);
export const messageAudience = pgEnum('message_audience', MESSAGE_AUDIENCES);
export const quickReply = pgEnum('quick_reply', QUICK_REPLIES);
export const checkInState = pgEnum('check_in_state', CHECK_IN_STATES);

/** The 38 provinces, keyed by their two-digit official code ("62"). */
export const provinces = pgTable('provinces', {
  code: varchar({ length: 2 }).primaryKey(),
  name: text().notNull(),
  timeZone: timeZone().notNull(),
  /** The province's posko phone (E.164), for volunteers to call when no coordinator's number is known. */
  hotline: varchar({ length: 16 }),
  /** Hours a volunteer back home from a relieved deployment rests before Posko makes them "Siaga" again. */
  restHours: smallint().notNull().default(12),
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
    /** The kecamatan's centroid (GADM level 3), for distances; null when GADM has no polygon for it. */
    lat: doublePrecision(),
    lng: doublePrecision(),
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
    /** Sharing the phone's position (arrival, check-ins): null until the volunteer answered, then their choice. */
    positionConsent: boolean(),
    /** Offers and answers by SMS/WhatsApp; false: no text is sent to this volunteer. */
    textConsent: boolean().notNull().default(true),
    /** Set when the person's data was erased on request: the row stays as an anonymous reference. */
    erasedAt: timestamp({ withTimezone: true }),
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
    /** What each volunteer should bring (shown on the offer). */
    bring: text().notNull().default(''),
    /** Seconds between safety check-ins on site; null: the incident type's default. */
    checkInSeconds: integer(),
    /** Past due by this long, a late check-in is critical. */
    checkInGraceSeconds: integer().notNull().default(1800),
    /** Check-ins also while en route, not only on site. */
    checkInEnRoute: boolean().notNull().default(false),
    deadline: timestamp({ withTimezone: true }).notNull(),
    /** The team's planned end of shift; past it the incident page asks for a relief. */
    shiftEndsAt: timestamp({ withTimezone: true }),
    /** The request whose team this one relieves: its on-site volunteers become "diganti" when this team arrives. */
    relievesRequestId: uuid().references((): AnyPgColumn => deploymentRequests.id),
    status: requestStatus().notNull().default('open'),
    /** Who gets offers: everyone who matches ('match'), named regu ('teams') or hand-picked ('volunteers'). */
    audienceKind: varchar({ length: 16 }).notNull().default('match'),
    /** Waves: each offers the next slots × waveFactor nearest matches; null offers every match at once. */
    waveFactor: smallint(),
    /** Minutes after a wave before the next goes out while places are left. */
    waveMinutes: integer(),
    /** When the next wave is due; null when none is (not in waves, or every match has an offer). */
    nextWaveAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The wave sweep finds requests whose next wave is due.
    index('deployment_requests_next_wave_idx')
      .on(t.nextWaveAt)
      .where(sql`${t.nextWaveAt} is not null`),
    // The incident page lists its requests.
    index('deployment_requests_incident_idx').on(t.incidentId),
    // A request shows the relief that replaces its team.
    index('deployment_requests_relieves_idx')
      .on(t.relievesRequestId)
      .where(sql`${t.relievesRequestId} is not null`),
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
    /** The wave that offered it (1 for a request sent at once): its `assignment.offered` event names the wave. */
    offerWave: smallint().notNull().default(1),
    respondedAt: timestamp({ withTimezone: true }),
    departedAt: timestamp({ withTimezone: true }),
    arrivedAt: timestamp({ withTimezone: true }),
    arrivedLat: doublePrecision(),
    arrivedLng: doublePrecision(),
    completedAt: timestamp({ withTimezone: true }),
    relievedAt: timestamp({ withTimezone: true }),
    /** The relief volunteer whose arrival relieved this one. No cascade: both stay in the history. */
    relievedByAssignmentId: uuid().references((): AnyPgColumn => assignments.id),
    returnedAt: timestamp({ withTimezone: true }),
    /** Back home, resting until then; cleared once the rest sweep has looked at it. */
    restEndsAt: timestamp({ withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The rest sweep finds volunteers whose rest period is over.
    index('assignments_rest_ends_idx')
      .on(t.restEndsAt)
      .where(sql`${t.restEndsAt} is not null`),
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

/** A roll call (apel): everyone deployed on a request, an incident or in a kabupaten answers "hadir/aman". */
export const rollCalls = pgTable(
  'roll_calls',
  {
    id: uuid().primaryKey().defaultRandom(),
    provinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    /** The kabupaten the roll call is about: the incident's, or the one named. */
    regencyCode: varchar({ length: 5 })
      .notNull()
      .references(() => regencies.code),
    incidentId: uuid().references(() => incidents.id),
    requestId: uuid().references(() => deploymentRequests.id),
    /** The account that called it; no foreign key, like the event log's actor. */
    calledBy: uuid().notNull(),
    remindedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // The incident page lists its roll calls.
    index('roll_calls_incident_idx').on(t.incidentId, t.createdAt),
  ],
);

/** One person called in a roll call, and their answer with the phone's own time. */
export const rollCallEntries = pgTable(
  'roll_call_entries',
  {
    rollCallId: uuid()
      .notNull()
      .references(() => rollCalls.id),
    volunteerId: uuid()
      .notNull()
      .references(() => volunteers.id),
    assignmentId: uuid().references(() => assignments.id),
    answer: rollCallAnswer(),
    /** When the volunteer tapped, as the phone says (an answer made offline arrives later). */
    answeredAt: timestamp({ withTimezone: true }),
    /** When the server got the answer. */
    receivedAt: timestamp({ withTimezone: true }),
    note: text(),
  },
  (t) => [
    primaryKey({ columns: [t.rollCallId, t.volunteerId] }),
    // A phone lists its own open roll calls.
    index('roll_call_entries_volunteer_idx').on(t.volunteerId),
  ],
);

/** A message from the posko to volunteers, or from a volunteer to the posko (no recipients then). */
export const messages = pgTable(
  'messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    provinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    /** The incident's kabupaten; null for a hand-picked selection across kabupaten. */
    regencyCode: varchar({ length: 5 }).references(() => regencies.code),
    incidentId: uuid().references(() => incidents.id),
    requestId: uuid().references(() => deploymentRequests.id),
    audience: messageAudience().notNull(),
    /** The account that wrote it, and its name as it was then; no foreign key, like the event log's actor. */
    senderUserId: uuid().notNull(),
    senderName: text().notNull(),
    /** Set when a volunteer wrote to the posko from an assignment. */
    senderVolunteerId: uuid().references(() => volunteers.id),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // The incident page lists its messages.
    index('messages_incident_idx').on(t.incidentId, t.createdAt),
  ],
);

/** One recipient's copy of a message: delivered to the phone, read on screen, replied. */
export const messageRecipients = pgTable(
  'message_recipients',
  {
    messageId: uuid()
      .notNull()
      .references(() => messages.id),
    volunteerId: uuid()
      .notNull()
      .references(() => volunteers.id),
    deliveredAt: timestamp({ withTimezone: true }),
    readAt: timestamp({ withTimezone: true }),
    repliedAt: timestamp({ withTimezone: true }),
    quickReply: quickReply(),
    reply: text(),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.volunteerId] }),
    // A phone lists its own messages.
    index('message_recipients_volunteer_idx').on(t.volunteerId),
  ],
);

/** One rapid assessment (kaji cepat) of one place; a newer one of the same place supersedes it, history kept. */
export const assessments = pgTable(
  'assessments',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Submission order: "the newest of a place" never depends on two clocks agreeing. */
    seq: bigint({ mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    incidentId: uuid()
      .notNull()
      .references(() => incidents.id),
    districtCode: varchar({ length: 8 })
      .notNull()
      .references(() => districts.code),
    /** Null: the assessment covers the whole kecamatan. */
    villageCode: varchar({ length: 13 }),
    villageName: text(),
    dead: integer().notNull().default(0),
    missing: integer().notNull().default(0),
    injuredSevere: integer().notNull().default(0),
    injuredLight: integer().notNull().default(0),
    displacedFamilies: integer().notNull().default(0),
    displacedPeople: integer().notNull().default(0),
    housesHeavy: integer().notNull().default(0),
    housesModerate: integer().notNull().default(0),
    housesLight: integer().notNull().default(0),
    housesFlooded: integer().notNull().default(0),
    vulnerable: jsonb().$type<Record<string, number>>().notNull(),
    shelter: text(),
    publicFacilities: text(),
    urgentNeeds: jsonb().$type<{ item: string; quantity: number }[]>().notNull(),
    needsText: text(),
    lat: doublePrecision(),
    lng: doublePrecision(),
    status: varchar({ length: 12 }).notNull().default('unverified'),
    reviewReason: text(),
    /** Accounts are named without a foreign key, like the event log's: the record outlives them. */
    reviewedBy: uuid(),
    reviewedAt: timestamp({ withTimezone: true }),
    submittedBy: uuid().notNull(),
    submitterName: text().notNull(),
    /** Set when a volunteer on site sent it from the phone. */
    volunteerId: uuid().references(() => volunteers.id),
    createdAt: createdAt(),
  },
  (t) => [
    // The figures read the newest assessment of each place of an incident.
    index('assessments_incident_place_idx').on(t.incidentId, t.districtCode, t.villageCode, t.seq),
    check('assessments_status_known', sql`${t.status} in ('unverified', 'verified', 'rejected')`),
    check(
      'assessments_counts_not_negative',
      sql`least(${t.dead}, ${t.missing}, ${t.injuredSevere}, ${t.injuredLight}, ${t.displacedFamilies}, ${t.displacedPeople}, ${t.housesHeavy}, ${t.housesModerate}, ${t.housesLight}, ${t.housesFlooded}) >= 0`,
    ),
  ],
);

/**
 * A photo of an assessment (at most 3), shrunk on the phone before it left it and kept in the database
 * itself, so a backup holds it and no file store is needed.
 */
export const assessmentPhotos = pgTable(
  'assessment_photos',
  {
    id: uuid().primaryKey().defaultRandom(),
    assessmentId: uuid()
      .notNull()
      .references(() => assessments.id),
    /** Its place among the assessment's photos, 1 to 3: the address it is served at. */
    n: integer().notNull(),
    /** Found from the bytes themselves, never from what the phone declared. */
    contentType: varchar({ length: 12 }).notNull(),
    bytes: integer().notNull(),
    data: bytea().notNull(),
    /** The uploader's idempotency key (per account, hashed): a resend is the same photo. */
    uploadKey: varchar({ length: 100 }),
    uploadedBy: uuid().notNull(),
    /** Set when a volunteer took it: that volunteer may see it, and erasure removes it. */
    volunteerId: uuid().references(() => volunteers.id),
    createdAt: createdAt(),
  },
  (t) => [
    // The photos of an assessment are served by their number.
    uniqueIndex('assessment_photos_number_idx').on(t.assessmentId, t.n),
    // A resent upload finds its first copy.
    uniqueIndex('assessment_photos_upload_key_idx').on(t.assessmentId, t.uploadKey),
    check('assessment_photos_number_range', sql`${t.n} between 1 and 3`),
    check('assessment_photos_type_known', sql`${t.contentType} in ('image/jpeg', 'image/webp', 'image/png')`),
  ],
);
export type AssessmentPhoto = typeof assessmentPhotos.$inferSelect;

/** One numbered Laporan Situasi: the coordinator's sections and a frozen copy of the figures and Posko's numbers. */
export const sitreps = pgTable(
  'sitreps',
  {
    id: uuid().primaryKey().defaultRandom(),
    incidentId: uuid()
      .notNull()
      .references(() => incidents.id),
    number: integer().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
    /** No foreign key: the report outlives the account that issued it. */
    issuedBy: uuid().notNull(),
    issuerName: text().notNull(),
    sections: jsonb().$type<Record<string, unknown>>().notNull(),
    snapshot: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // Numbers run 1, 2, … per incident and never repeat.
    uniqueIndex('sitreps_incident_number_idx').on(t.incidentId, t.number),
  ],
);

export type Province = typeof provinces.$inferSelect;
export type NewProvince = typeof provinces.$inferInsert;
export type Regency = typeof regencies.$inferSelect;
export type NewRegency = typeof regencies.$inferInsert;
/** A text Posko sends by SMS or WhatsApp: the outbox, the send queue (it survives a restart) and its log. */
export const channelMessages = pgTable(
  'channel_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    channel: varchar({ length: 10 }).notNull(),
    /** The provider that sends (or sent) it: log, http, android-sms-gateway, whatsapp. */
    provider: varchar({ length: 30 }).notNull(),
    kind: varchar({ length: 20 }).notNull(),
    /** The province whose event log announces its state. */
    provinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    /** Null for a reply to a number Posko does not know. */
    volunteerId: uuid().references(() => volunteers.id),
    assignmentId: uuid().references(() => assignments.id),
    requestId: uuid().references(() => deploymentRequests.id),
    incidentId: uuid().references(() => incidents.id),
    /** E.164. */
    toPhone: varchar({ length: 16 }).notNull(),
    text: text().notNull(),
    status: varchar({ length: 10 }).notNull().default('queued'),
    attempts: smallint().notNull().default(0),
    /** When the queue may take it next: after a back-off, or after a claim that was never finished. */
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    providerMessageId: varchar({ length: 200 }),
    sentAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The queue takes the oldest due texts that are still waiting.
    index('channel_messages_queue_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'queued'`),
    // Delivery reports name the provider's id.
    index('channel_messages_provider_id_idx').on(t.provider, t.providerMessageId),
    // The volunteer's page lists its texts; the incident page counts them per request.
    index('channel_messages_volunteer_idx').on(t.volunteerId, t.createdAt),
    index('channel_messages_request_idx').on(t.requestId),
    // The outbox page lists a province's texts, newest first.
    index('channel_messages_province_idx').on(t.provinceCode, t.createdAt),
    check('channel_messages_status', sql`${t.status} in ('queued', 'sent', 'delivered', 'failed')`),
  ],
);

/** Every inbound text a webhook brought, once per provider message id (a replay is refused). */
export const channelInbound = pgTable(
  'channel_inbound',
  {
    id: uuid().primaryKey().defaultRandom(),
    provider: varchar({ length: 30 }).notNull(),
    providerMessageId: varchar({ length: 200 }).notNull(),
    fromPhone: varchar({ length: 32 }).notNull(),
    text: text().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    volunteerId: uuid().references(() => volunteers.id),
    /** The command as read (TERIMA, STATUS, …) and the reply sent back. */
    command: varchar({ length: 20 }),
    reply: text(),
    createdAt: createdAt(),
  },
  (t) => [
    // A gateway that posts twice is refused the second time.
    uniqueIndex('channel_inbound_provider_message_idx').on(t.provider, t.providerMessageId),
    // WhatsApp's 24-hour window: the volunteer's last message on it.
    index('channel_inbound_volunteer_idx').on(t.volunteerId, t.receivedAt),
  ],
);

/** The short code a volunteer types for one of its offers or assignments ("TERIMA K7QD"). */
export const assignmentCodes = pgTable(
  'assignment_codes',
  {
    assignmentId: uuid()
      .primaryKey()
      .references(() => assignments.id),
    volunteerId: uuid()
      .notNull()
      .references(() => volunteers.id),
    code: varchar({ length: 8 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // A code names one item of its volunteer, open or closed, so an old code is answered, not misread.
    uniqueIndex('assignment_codes_volunteer_code_idx').on(t.volunteerId, t.code),
  ],
);

/** Which channels a province sends on, and when an unanswered offer is texted again. */
export const channelSettings = pgTable('channel_settings', {
  provinceCode: varchar({ length: 2 })
    .primaryKey()
    .references(() => provinces.code),
  smsEnabled: boolean().notNull().default(true),
  whatsappEnabled: boolean().notNull().default(false),
  /** Null: no second try. */
  reminderMinutes: smallint().default(30),
  updatedAt: updatedAt(),
});

/** A volunteer's choice: texts always, or only when the page and push cannot reach the phone. */
export const channelPreferences = pgTable(
  'channel_preferences',
  {
    volunteerId: uuid()
      .primaryKey()
      .references(() => volunteers.id),
    mode: varchar({ length: 10 }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [check('channel_preferences_mode', sql`${t.mode} in ('fallback', 'always')`)],
);

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
export type RollCall = typeof rollCalls.$inferSelect;
export type RollCallEntry = typeof rollCallEntries.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type MessageRecipient = typeof messageRecipients.$inferSelect;
export type ChannelMessage = typeof channelMessages.$inferSelect;
export type NewChannelMessage = typeof channelMessages.$inferInsert;
export type ChannelInboundRow = typeof channelInbound.$inferSelect;
export type ChannelSettingsRow = typeof channelSettings.$inferSelect;

/**
 * The safety watch over one assignment under way: when the next check-in is due, its state, and the
 * last check-in and shared position. Only assignments on site (or en route, when the request says so)
 * are watched; the check-ins themselves are `checkin.*` rows of the event log.
 */
export const checkInWatches = pgTable(
  'check_in_watches',
  {
    assignmentId: uuid()
      .primaryKey()
      .references(() => assignments.id),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    state: checkInState().notNull().default('ok'),
    stateChangedAt: timestamp({ withTimezone: true }).notNull(),
    lastCheckInAt: timestamp({ withTimezone: true }),
    lastNote: text(),
    lastLat: doublePrecision(),
    lastLng: doublePrecision(),
    lastPositionAt: timestamp({ withTimezone: true }),
    contactedAt: timestamp({ withTimezone: true }),
    contactedNote: text(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The sweep finds watches whose due time (or grace period) has passed.
    index('check_in_watches_due_idx').on(t.dueAt),
  ],
);
export type CheckInWatch = typeof checkInWatches.$inferSelect;
export type Assessment = typeof assessments.$inferSelect;
export type NewAssessment = typeof assessments.$inferInsert;
export type Sitrep = typeof sitreps.$inferSelect;

/**
 * Who looked at whom (UU PDP): opening a volunteer's record, exporting a roster, any list of phone
 * numbers. Kept apart from the event log, which records changes; these are reads.
 */
export const accessRecords = pgTable(
  'access_records',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The account that read; no foreign key, like the event log's actor. */
    actorId: uuid().notNull(),
    /** `record` (one volunteer), `roster` (a list with phone numbers), `export` (a roster file). */
    kind: varchar({ length: 20 }).notNull(),
    /** The volunteer whose record was opened; null for lists and exports. */
    volunteerId: uuid().references(() => volunteers.id),
    /** Where the read falls: the volunteer's home, or the list's scope. */
    provinceCode: varchar({ length: 2 }).references(() => provinces.code),
    regencyCode: varchar({ length: 5 }).references(() => regencies.code),
    /** The list's filter as asked (search, pillar, status …) and how many people it showed. */
    filter: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    rows: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    check('access_records_kind', sql`${t.kind} in ('record', 'roster', 'export')`),
    // The audit page lists a volunteer's reads, and a province's, newest first.
    index('access_records_volunteer_idx').on(t.volunteerId, t.id),
    index('access_records_province_idx').on(t.provinceCode, t.id),
  ],
);
export type AccessRecord = typeof accessRecords.$inferSelect;

/**
 * A read-only credential for another agency's system, scoped to one province. Only the SHA-256 of the
 * token is stored; the admin sees the token once, when it is issued.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    provinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    tokenHash: varchar({ length: 64 }).notNull(),
    /** The token's first characters ("posko_Ab3d"), to tell tokens apart in the list. */
    hint: varchar({ length: 16 }).notNull(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: uuid().references(() => users.id),
  },
  (t) => [
    // Every Bearer request looks its token up by hash.
    uniqueIndex('api_tokens_hash_idx').on(t.tokenHash),
  ],
);
export type ApiToken = typeof apiTokens.$inferSelect;

/**
 * When the next text may leave: one row that every process on the database locks before it claims a
 * text, so all of them together keep POSKO_SMS_RATE_PER_MINUTE (the provider's rate, not one per process).
 */
export const channelSendPace = pgTable(
  'channel_send_pace',
  {
    id: smallint().primaryKey().default(1),
    nextSendAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [check('channel_send_pace_single_row', sql`${t.id} = 1`)],
);
/** A named regu of a kabupaten/kota: about 5–15 volunteers with a ketua regu, kept in the roster. */
export const teams = pgTable(
  'teams',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    provinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    regencyCode: varchar({ length: 5 })
      .notNull()
      .references(() => regencies.code),
    pillarCode: varchar({ length: 40 }).references(() => pillars.code),
    /** The ketua regu, one of the members. */
    leaderVolunteerId: uuid().references(() => volunteers.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Names are told apart within a kabupaten/kota, whatever the case.
    uniqueIndex('teams_regency_name_idx').on(t.regencyCode, sql`lower(${t.name})`),
    // The roster lists a province's regu.
    index('teams_province_idx').on(t.provinceCode),
  ],
);
export type Team = typeof teams.$inferSelect;

/** A volunteer's regu; the primary key on the volunteer keeps each in at most one. */
export const teamMembers = pgTable(
  'team_members',
  {
    volunteerId: uuid()
      .primaryKey()
      .references(() => volunteers.id),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    addedAt: createdAt(),
  },
  (t) => [
    // A regu's members are listed and counted.
    index('team_members_team_idx').on(t.teamId),
  ],
);

/** Each wave of offers a request sent: when, and how many. Wave 1 goes out with the request. */
export const requestWaves = pgTable(
  'request_waves',
  {
    requestId: uuid()
      .notNull()
      .references(() => deploymentRequests.id),
    number: smallint().notNull(),
    offeredAt: timestamp({ withTimezone: true }).notNull(),
    offered: integer().notNull(),
  },
  (t) => [
    // One row per wave: a second sweep for the same wave cannot insert it again.
    primaryKey({ columns: [t.requestId, t.number] }),
  ],
);
export type RequestWave = typeof requestWaves.$inferSelect;

/**
 * One province asking another for volunteers for one of its incidents, and the answer. An accepted ask
 * becomes a request of the incident whose sources are the asked province's kabupaten/kota.
 */
export const provinceAsks = pgTable(
  'province_asks',
  {
    id: uuid().primaryKey().defaultRandom(),
    incidentId: uuid()
      .notNull()
      .references(() => incidents.id),
    /** The asking province: the incident's, kept here so a list needs no join to know whose ask it is. */
    fromProvinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    toProvinceCode: varchar({ length: 2 })
      .notNull()
      .references(() => provinces.code),
    slots: integer().notNull(),
    pillarCodes: varchar({ length: 40 }).array().notNull(),
    deadline: timestamp({ withTimezone: true }).notNull(),
    meetingPoint: text().notNull(),
    meetingLat: doublePrecision(),
    meetingLng: doublePrecision(),
    bring: text().notNull().default(''),
    note: text(),
    status: varchar({ length: 16 }).$type<ProvinceAskStatus>().notNull().default('open'),
    declineReason: text(),
    /** The asked province's kabupaten/kota chosen when it accepted. */
    sourceRegencyCodes: varchar({ length: 5 })
      .array()
      .notNull()
      .default(sql`'{}'::varchar[]`),
    /** The request the accepted ask became. */
    requestId: uuid().references(() => deploymentRequests.id),
    /** Accounts, without foreign keys, like the event log's actor. */
    askedBy: uuid().notNull(),
    answeredBy: uuid(),
    answeredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('province_asks_other_province', sql`${t.fromProvinceCode} <> ${t.toProvinceCode}`),
    check('province_asks_status', sql`${t.status} in ('open', 'accepted', 'declined')`),
    // Each province lists what it asked and what it was asked; the event scope looks asks up by incident.
    index('province_asks_to_idx').on(t.toProvinceCode, t.createdAt),
    index('province_asks_from_idx').on(t.fromProvinceCode, t.createdAt),
    index('province_asks_incident_idx').on(t.incidentId),
  ],
);
export type ProvinceAsk = typeof provinceAsks.$inferSelect;
