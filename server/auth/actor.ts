import type { Actor } from '../../lib/roles';
import type { DomainContext } from '../context';
import { DomainError } from '../errors';

export type { Actor, Scope } from '../../lib/roles';

/** What every verb that acts for a person receives. */
export interface ActorContext extends DomainContext {
  actor: Actor;
}

/** A place a thing belongs to: its province and, when it has one, its regency. */
export interface Place {
  provinceCode: string;
  regencyCode?: string | null;
}

/** True when the actor's scope holds the place (admins hold everything; volunteers no scope). */
export function scopeCovers(actor: Actor, place: Place): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'volunteer') return false;
  if (actor.scope.provinceCode !== place.provinceCode) return false;
  return actor.scope.regencyCode === null || actor.scope.regencyCode === (place.regencyCode ?? null);
}

/** Read access: the actor's scope holds the place, or (for a regency scope) its province. */
export function canViewProvince(actor: Actor, provinceCode: string): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'volunteer') return actor.provinceCode === provinceCode;
  return actor.scope.provinceCode === provinceCode;
}

/** Coordinators (and admins) change things inside their scope; leaders and volunteers never do. */
export function requireCoordinatorFor(actor: Actor, place: Place): void {
  if (actor.role !== 'admin' && actor.role !== 'coordinator') {
    throw new DomainError('FORBIDDEN', 'Hanya koordinator yang dapat melakukan ini.');
  }
  if (!scopeCovers(actor, place)) {
    throw new DomainError('FORBIDDEN', 'Ini di luar wilayah tugas Anda.');
  }
}

/** A volunteer acts only on itself; coordinators in scope and admins may act for it. */
export function requireSelfOrCoordinator(actor: Actor, volunteer: { id: string } & Place): void {
  if (actor.role === 'volunteer') {
    if (actor.volunteerId !== volunteer.id) {
      throw new DomainError('FORBIDDEN', 'Anda hanya dapat mengubah data Anda sendiri.');
    }
    return;
  }
  requireCoordinatorFor(actor, volunteer);
}
