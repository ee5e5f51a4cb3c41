import { and, asc, count, desc, eq, isNull, like, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { provinces, regencies, trainings, volunteers, volunteerTrainings, type Training } from '../../db/schema';
import { PROVINCE_CODE, type TimeZone } from '../../lib/domain';
import { OBJECT_ERROR, id } from '../../lib/fields';
import {
  addDays,
  AttendanceSelection,
  certificateStatus,
  dayIn,
  EXPIRING_WITHIN_DAYS,
  type AttendancePreview,
  type CertificateStatus,
} from '../../lib/trainings';
import { canViewProvince, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { scopeFilter } from '../volunteers/roster';
import { findTraining, provinceTimeZone, requireAttendanceKeeper, requireTrainingViewer } from './access';
import { resolveAttendance } from './resolve';

export interface TrainingSummary extends Training {
  /** Completions inside the viewer's scope, and how their certificates stand today. */
  attendees: number;
  expiring: number;
  expired: number;
}

export interface TrainingCatalogue {
  province: { code: string; name: string; timeZone: TimeZone };
  today: string;
  trainings: TrainingSummary[];
  /** The viewer may add trainings and correct them (province coordinators and admins). */
  canEdit: boolean;
  /** The viewer may record attendance (coordinators of the province and admins). */
  canRecord: boolean;
}

export const CatalogueQuery = z.object(
  {
    provinceCode: z
      .string({ error: 'Kode provinsi harus berupa teks.' })
      .regex(PROVINCE_CODE, { error: 'Kode provinsi dua angka, mis. "62".' }),
  },
  OBJECT_ERROR,
);

/** Certificate counts by standing, as SQL on volunteer_trainings (today: a day in the province's zone). */
function standing(today: string) {
  const soon = addDays(today, EXPIRING_WITHIN_DAYS);
  return {
    expired: sql<number>`count(*) filter (where ${volunteerTrainings.validUntil} < ${today}::date)`.mapWith(Number),
    expiring:
      sql<number>`count(*) filter (where ${volunteerTrainings.validUntil} >= ${today}::date and ${volunteerTrainings.validUntil} <= ${soon}::date)`.mapWith(
        Number,
      ),
  };
}

/** The province's catalogue (and national trainings), newest first, with attendance in the viewer's scope. */
export async function listTrainings({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<TrainingCatalogue> {
  const { provinceCode } = parseInput(CatalogueQuery, input);
  if (ctx.actor.role === 'volunteer' || !canViewProvince(ctx.actor, provinceCode)) {
    throw new DomainError('FORBIDDEN', 'Daftar pelatihan ini milik provinsi lain.');
  }
  const [province] = await ctx.db
    .select({ code: provinces.code, name: provinces.name, timeZone: provinces.timeZone })
    .from(provinces)
    .where(eq(provinces.code, provinceCode))
    .limit(1);
  if (!province) throw new DomainError('NOT_FOUND', 'Provinsi tidak ditemukan.');
  const today = dayIn(ctx.now(), province.timeZone);

  const inScope = and(
    ...scopeFilter(ctx.actor),
    like(volunteers.regencyCode, `${provinceCode}.%`),
    isNull(volunteers.retiredAt),
  );
  const [rows, counts] = await Promise.all([
    ctx.db
      .select()
      .from(trainings)
      .where(or(eq(trainings.provinceCode, provinceCode), isNull(trainings.provinceCode)))
      .orderBy(desc(trainings.startsOn), asc(trainings.name)),
    ctx.db
      .select({ trainingId: volunteerTrainings.trainingId, attendees: count(), ...standing(today) })
      .from(volunteerTrainings)
      .innerJoin(volunteers, eq(volunteers.id, volunteerTrainings.volunteerId))
      .where(inScope)
      .groupBy(volunteerTrainings.trainingId),
  ]);
  const countsOf = new Map(counts.map((row) => [row.trainingId, row]));
  const actor = ctx.actor;
  return {
    province,
    today,
    trainings: rows.map((training) => {
      const counted = countsOf.get(training.id);
      return {
        ...training,
        attendees: counted?.attendees ?? 0,
        expiring: counted?.expiring ?? 0,
        expired: counted?.expired ?? 0,
      };
    }),
    canEdit: actor.role === 'admin' || (actor.role === 'coordinator' && actor.scope.regencyCode === null),
    canRecord: actor.role === 'admin' || actor.role === 'coordinator',
  };
}

export interface TrainingAttendee {
  volunteerId: string;
  name: string;
  /** Null for leaders, who read the registry without phone numbers. */
  phone: string | null;
  pillarCode: string;
  regencyName: string;
  completedOn: string;
  certifiedOn: string | null;
  validUntil: string | null;
  status: CertificateStatus;
}

export interface TrainingDetail {
  training: Training;
  timeZone: TimeZone;
  today: string;
  attendees: TrainingAttendee[];
  canEdit: boolean;
  canRecord: boolean;
}

const TrainingRef = z.object({ trainingId: id('trainingId') }, OBJECT_ERROR);

/** A training with everyone in the viewer's scope who completed it and how each certificate stands. */
export async function trainingDetail({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<TrainingDetail> {
  const { trainingId } = parseInput(TrainingRef, input);
  const training = await findTraining(ctx.db, trainingId);
  requireTrainingViewer(ctx.actor, training);
  const actor = ctx.actor;
  const provinceCode =
    training.provinceCode ??
    (actor.role === 'coordinator' || actor.role === 'leader' ? actor.scope.provinceCode : null);
  const timeZone = provinceCode ? await provinceTimeZone(ctx.db, provinceCode) : 'Asia/Jakarta';
  const today = dayIn(ctx.now(), timeZone);
  const rows = await ctx.db
    .select({
      volunteerId: volunteers.id,
      name: volunteers.name,
      phone: volunteers.phone,
      pillarCode: volunteers.pillarCode,
      regencyName: regencies.name,
      completedOn: volunteerTrainings.completedOn,
      certifiedOn: volunteerTrainings.certifiedOn,
      validUntil: volunteerTrainings.validUntil,
    })
    .from(volunteerTrainings)
    .innerJoin(volunteers, eq(volunteers.id, volunteerTrainings.volunteerId))
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(
      and(
        eq(volunteerTrainings.trainingId, training.id),
        ...scopeFilter(actor),
        actor.role === 'leader' && actor.scope.regencyCode
          ? eq(volunteers.regencyCode, actor.scope.regencyCode)
          : undefined,
        actor.role === 'leader' ? like(volunteers.regencyCode, `${actor.scope.provinceCode}.%`) : undefined,
      ),
    )
    .orderBy(asc(volunteers.name), asc(volunteers.id));
  return {
    training,
    timeZone,
    today,
    attendees: rows.map((row) => ({
      ...row,
      phone: actor.role === 'leader' ? null : row.phone,
      status: certificateStatus(row.validUntil, today),
    })),
    canEdit:
      training.provinceCode !== null &&
      (actor.role === 'admin' ||
        (actor.role === 'coordinator' &&
          actor.scope.regencyCode === null &&
          actor.scope.provinceCode === training.provinceCode)),
    canRecord: actor.role === 'admin' || actor.role === 'coordinator',
  };
}

/** Who a batch would record, before anything is written: matched volunteers and the lines that did not match. */
export async function previewAttendance({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<AttendancePreview> {
  const data = parseInput(AttendanceSelection, input);
  const training = await findTraining(ctx.db, data.trainingId);
  requireAttendanceKeeper(ctx.actor, training);
  const { matched, unresolved } = await resolveAttendance(ctx.db, ctx.actor, training, data);
  return { matched, unresolved };
}
