import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { provinces, trainings, type NewEventRow, type Training } from '../../db/schema';
import type { TimeZone } from '../../lib/domain';
import type { TrainingEventType } from '../../lib/trainings';
import { canViewProvince, type Actor } from '../auth/actor';
import { DomainError } from '../errors';

export async function findTraining(db: Executor, id: string): Promise<Training> {
  const [training] = await db.select().from(trainings).where(eq(trainings.id, id)).limit(1);
  if (!training) throw new DomainError('NOT_FOUND', 'Pelatihan tidak ditemukan.');
  return training;
}

/** The row, locked for the rest of the transaction (two corrections at once apply one after the other). */
export async function lockTraining(db: Executor, id: string): Promise<Training> {
  const [training] = await db.select().from(trainings).where(eq(trainings.id, id)).for('no key update').limit(1);
  if (!training) throw new DomainError('NOT_FOUND', 'Pelatihan tidak ditemukan.');
  return training;
}

/** Staff of the province (and admins) read its catalogue; national trainings (no province) everyone. */
export function requireTrainingViewer(actor: Actor, training: Pick<Training, 'provinceCode'>): void {
  if (actor.role === 'volunteer')
    throw new DomainError('FORBIDDEN', 'Hanya petugas Dinas Sosial yang dapat melihat ini.');
  if (training.provinceCode !== null && !canViewProvince(actor, training.provinceCode)) {
    throw new DomainError('FORBIDDEN', 'Pelatihan ini milik provinsi lain.');
  }
}

/** The catalogue belongs to the province: its province coordinators and admins change it. */
export function requireCatalogueKeeper(actor: Actor, provinceCode: string | null): void {
  if (provinceCode === null) {
    throw new DomainError('FORBIDDEN', 'Pelatihan nasional tidak diubah dari daftar pelatihan provinsi.');
  }
  if (actor.role === 'admin') return;
  if (actor.role !== 'coordinator') {
    throw new DomainError('FORBIDDEN', 'Hanya koordinator yang dapat mengubah daftar pelatihan.');
  }
  if (actor.scope.provinceCode !== provinceCode) {
    throw new DomainError('FORBIDDEN', 'Pelatihan ini milik provinsi lain.');
  }
  if (actor.scope.regencyCode !== null) {
    throw new DomainError(
      'FORBIDDEN',
      'Daftar pelatihan dikelola koordinator provinsi; koordinator kabupaten/kota mencatat peserta dari wilayahnya.',
    );
  }
}

/** Coordinators of the training's province (each for its own volunteers) and admins record who attended. */
export function requireAttendanceKeeper(actor: Actor, training: Pick<Training, 'provinceCode'>): void {
  if (actor.role === 'admin') return;
  if (actor.role !== 'coordinator') {
    throw new DomainError('FORBIDDEN', 'Hanya koordinator yang dapat mencatat peserta pelatihan.');
  }
  if (training.provinceCode !== null && actor.scope.provinceCode !== training.provinceCode) {
    throw new DomainError('FORBIDDEN', 'Pelatihan ini milik provinsi lain.');
  }
}

export async function provinceTimeZone(db: Executor, provinceCode: string): Promise<TimeZone> {
  const [province] = await db
    .select({ timeZone: provinces.timeZone })
    .from(provinces)
    .where(eq(provinces.code, provinceCode))
    .limit(1);
  return province?.timeZone ?? 'Asia/Jakarta';
}

/** Training events live in the province's scope (national trainings: the acting coordinator's province). */
export function trainingEvent(
  provinceCode: string,
  type: TrainingEventType,
  payload: Record<string, unknown>,
  extra: Partial<Pick<NewEventRow, 'regencyCode' | 'volunteerId'>> = {},
): NewEventRow {
  return {
    type,
    provinceCode,
    regencyCode: extra.regencyCode ?? null,
    volunteerId: extra.volunteerId ?? null,
    payload,
  };
}

/** Where a training's events go: its province, or for a national training the actor's own. */
export function eventProvince(actor: Actor, training: Pick<Training, 'provinceCode'>): string {
  if (training.provinceCode) return training.provinceCode;
  if (actor.role === 'coordinator' || actor.role === 'leader') return actor.scope.provinceCode;
  throw new DomainError('INVALID', 'Pelatihan nasional dicatat oleh koordinator provinsi.');
}
