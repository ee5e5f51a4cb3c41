import { recordAccess } from '../privacy/access';
import { asc, desc, eq, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client';
import {
  assignments,
  deploymentRequests,
  districts,
  incidents,
  pillars,
  provinces,
  regencies,
  trainings,
  users,
  volunteers,
  volunteerTrainings,
} from '../../db/schema';
import type {
  AssignmentStatus,
  Availability,
  Gender,
  IncidentType,
  TaganaRank,
  TimeZone,
  TrainingKind,
} from '../../lib/domain';
import type { Actor } from '../../lib/roles';
import { accountState, type AccountState } from '../accounts/queries';
import { scopeCovers } from '../auth/actor';
import { DomainError } from '../errors';
import { pillarsForProvince } from '../regencies/queries';
import { requireRosterKeeper } from './roster';

export interface Choice {
  code: string;
  name: string;
}

/** What the roster's filters offer: the scope's kabupaten/kota, the province's pillars and trainings. */
export interface RosterChoices {
  /** Admins pick the province; empty for coordinators, whose province is fixed. */
  provinces: Choice[];
  provinceCode: string;
  /** Empty for a kabupaten coordinator: there is nothing to choose. */
  regencies: Choice[];
  pillars: Choice[];
  trainings: { id: string; name: string; kind: TrainingKind; startsOn: string }[];
}

export async function rosterChoices(db: Executor, actor: Actor, askedProvince: string): Promise<RosterChoices> {
  requireRosterKeeper(actor);
  const provinceCode = actor.role === 'coordinator' ? actor.scope.provinceCode : askedProvince;
  const [provinceRows, regencyRows, pillarRows, trainingRows] = await Promise.all([
    actor.role === 'admin'
      ? db.select({ code: provinces.code, name: provinces.name }).from(provinces).orderBy(asc(provinces.name))
      : [],
    actor.role === 'coordinator' && actor.scope.regencyCode
      ? []
      : db
          .select({ code: regencies.code, name: regencies.name })
          .from(regencies)
          .where(eq(regencies.provinceCode, provinceCode))
          .orderBy(asc(regencies.code)),
    pillarsForProvince(db, provinceCode),
    db
      .select({ id: trainings.id, name: trainings.name, kind: trainings.kind, startsOn: trainings.startsOn })
      .from(trainings)
      .where(or(eq(trainings.provinceCode, provinceCode), isNull(trainings.provinceCode)))
      .orderBy(desc(trainings.startsOn), asc(trainings.name)),
  ]);
  return {
    provinces: provinceRows,
    provinceCode,
    regencies: regencyRows,
    pillars: pillarRows.map((pillar) => ({ code: pillar.code, name: pillar.name })),
    trainings: trainingRows,
  };
}

export interface VolunteerTraining {
  id: string;
  name: string;
  kind: TrainingKind;
  organiser: string;
  startsOn: string;
  endsOn: string;
  completedOn: string;
  certifiedOn: string | null;
  /** The certificate's last day; null: for good. */
  validUntil: string | null;
}

export interface VolunteerDeployment {
  assignmentId: string;
  status: AssignmentStatus;
  incidentId: string;
  incidentTitle: string;
  incidentType: IncidentType;
  incidentRegencyName: string;
  /** The incident province's zone: every time of this deployment is shown in it. */
  timeZone: TimeZone;
  /** What the request asked for: its pillars (names) and skill. */
  pillarNames: string[];
  skill: string | null;
  meetingPoint: string;
  offeredAt: Date;
  respondedAt: Date | null;
  departedAt: Date | null;
  arrivedAt: Date | null;
  completedAt: Date | null;
}

export interface VolunteerRecord {
  id: string;
  name: string;
  phone: string;
  pillarCode: string;
  pillarName: string;
  provinceCode: string;
  regencyCode: string;
  regencyName: string;
  districtCode: string | null;
  districtName: string | null;
  village: string | null;
  availability: Availability;
  availabilityChangedAt: Date;
  skills: string[];
  isCivilServant: boolean;
  taganaRank: TaganaRank | null;
  isTeamLeader: boolean;
  /** Only coordinators and admins read this record (leaders never reach it). */
  nik: string | null;
  gender: Gender | null;
  birthYear: number | null;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
  retiredAt: Date | null;
  retiredReason: string | null;
  /** Set when the person's data was erased on request. */
  erasedAt: Date | null;
  createdAt: Date;
  account: AccountState | 'none';
  trainings: VolunteerTraining[];
  deployments: VolunteerDeployment[];
}

const VolunteerId = z.uuid();

/**
 * One volunteer with trainings and deployment history, for coordinators and admins whose scope holds
 * them. Anyone else, and an id that is not a volunteer, gets NOT_FOUND: the page must not tell them apart.
 * Each opening is an access record (who looked at whom).
 */
export async function volunteerRecord(
  db: Executor,
  actor: Actor,
  id: string,
  now: Date = new Date(),
): Promise<VolunteerRecord> {
  requireRosterKeeper(actor);
  const missing = new DomainError('NOT_FOUND', 'Relawan tidak ditemukan.');
  if (!VolunteerId.safeParse(id).success) throw missing;
  const [volunteer] = await db
    .select({
      id: volunteers.id,
      name: volunteers.name,
      phone: volunteers.phone,
      pillarCode: volunteers.pillarCode,
      pillarName: pillars.name,
      provinceCode: regencies.provinceCode,
      regencyCode: volunteers.regencyCode,
      regencyName: regencies.name,
      districtCode: volunteers.districtCode,
      districtName: districts.name,
      village: volunteers.village,
      availability: volunteers.availability,
      availabilityChangedAt: volunteers.availabilityChangedAt,
      skills: volunteers.skills,
      isCivilServant: volunteers.isCivilServant,
      taganaRank: volunteers.taganaRank,
      isTeamLeader: volunteers.isTeamLeader,
      nik: volunteers.nik,
      gender: volunteers.gender,
      birthYear: volunteers.birthYear,
      emergencyContactName: volunteers.emergencyContactName,
      emergencyContactPhone: volunteers.emergencyContactPhone,
      retiredAt: volunteers.retiredAt,
      retiredReason: volunteers.retiredReason,
      erasedAt: volunteers.erasedAt,
      createdAt: volunteers.createdAt,
      userId: users.id,
      disabledAt: users.disabledAt,
      passwordHash: users.passwordHash,
    })
    .from(volunteers)
    .innerJoin(pillars, eq(pillars.code, volunteers.pillarCode))
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .leftJoin(districts, eq(districts.code, volunteers.districtCode))
    .leftJoin(users, eq(users.volunteerId, volunteers.id))
    .where(eq(volunteers.id, id))
    .limit(1);
  if (!volunteer || !scopeCovers(actor, volunteer)) throw missing;
  await recordAccess(
    db,
    actor,
    { kind: 'record', volunteerId: id, provinceCode: volunteer.provinceCode, regencyCode: volunteer.regencyCode },
    now,
  );

  const [trainingRows, deploymentRows, pillarNames] = await Promise.all([
    db
      .select({
        id: trainings.id,
        name: trainings.name,
        kind: trainings.kind,
        organiser: trainings.organiser,
        startsOn: trainings.startsOn,
        endsOn: trainings.endsOn,
        completedOn: volunteerTrainings.completedOn,
        certifiedOn: volunteerTrainings.certifiedOn,
        validUntil: volunteerTrainings.validUntil,
      })
      .from(volunteerTrainings)
      .innerJoin(trainings, eq(trainings.id, volunteerTrainings.trainingId))
      .where(eq(volunteerTrainings.volunteerId, id))
      .orderBy(desc(volunteerTrainings.completedOn), asc(trainings.name)),
    db
      .select({
        assignmentId: assignments.id,
        status: assignments.status,
        incidentId: incidents.id,
        incidentTitle: incidents.title,
        incidentType: incidents.type,
        incidentRegencyName: regencies.name,
        timeZone: provinces.timeZone,
        pillarCodes: deploymentRequests.pillarCodes,
        skill: deploymentRequests.skill,
        meetingPoint: deploymentRequests.meetingPoint,
        offeredAt: assignments.offeredAt,
        respondedAt: assignments.respondedAt,
        departedAt: assignments.departedAt,
        arrivedAt: assignments.arrivedAt,
        completedAt: assignments.completedAt,
      })
      .from(assignments)
      .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
      .innerJoin(incidents, eq(incidents.id, deploymentRequests.incidentId))
      .innerJoin(regencies, eq(regencies.code, incidents.regencyCode))
      .innerJoin(provinces, eq(provinces.code, incidents.provinceCode))
      .where(eq(assignments.volunteerId, id))
      .orderBy(desc(assignments.offeredAt), asc(assignments.id)),
    db.select({ code: pillars.code, name: pillars.name }).from(pillars),
  ]);
  const pillarName = new Map(pillarNames.map((pillar) => [pillar.code, pillar.name]));
  const { userId, disabledAt, passwordHash, ...profile } = volunteer;
  return {
    ...profile,
    account: userId ? accountState({ disabledAt, hasPassword: passwordHash !== null }) : 'none',
    trainings: trainingRows,
    deployments: deploymentRows.map(({ pillarCodes, ...row }) => ({
      ...row,
      pillarNames: pillarCodes.map((code) => pillarName.get(code) ?? code),
    })),
  };
}
