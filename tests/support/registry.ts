import { expect } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import type { Actor } from '../../server/auth/actor';
import { DomainError } from '../../server/errors';
import { availabilityByRegency } from '../../server/regencies/queries';
import { testContext } from './domain';

/** The actors the registry tests act as; their accounts are not needed (events only name the id). */
export const ACTORS = {
  kalteng: {
    role: 'coordinator',
    userId: '00000000-0000-4000-8000-000000000101',
    name: 'Koordinator Kalteng',
    scope: { provinceCode: '62', regencyCode: null },
  },
  kapuas: {
    role: 'coordinator',
    userId: '00000000-0000-4000-8000-000000000102',
    name: 'Koordinator Kapuas',
    scope: { provinceCode: '62', regencyCode: '62.03' },
  },
  jabar: {
    role: 'coordinator',
    userId: '00000000-0000-4000-8000-000000000103',
    name: 'Koordinator Jabar',
    scope: { provinceCode: '32', regencyCode: null },
  },
  leader: {
    role: 'leader',
    userId: '00000000-0000-4000-8000-000000000104',
    name: 'Pimpinan Kalteng',
    scope: { provinceCode: '62', regencyCode: null },
  },
  admin: { role: 'admin', userId: '00000000-0000-4000-8000-000000000105', name: 'Admin' },
} satisfies Record<string, Actor>;

export function actingAs(handle: DatabaseHandle, actor: Actor) {
  return { ...testContext(handle), actor };
}

let serial = 0;
/** A phone number no demo volunteer has (the demo's come from real operators' prefixes). */
export function freshPhone(): string {
  serial += 1;
  return `+628999${String(process.pid % 1000).padStart(3, '0')}${String(serial).padStart(4, '0')}`;
}

export function freshNik(): string {
  serial += 1;
  return `6203${String(process.pid % 100000).padStart(6, '0')}${String(serial).padStart(6, '0')}`;
}

/** A valid record in Kapuas (62.03), Tagana; `overrides` change any field. */
export function newVolunteer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Relawan Uji',
    phone: freshPhone(),
    pillarCode: 'tagana',
    regencyCode: '62.03',
    skills: ['Evakuasi air'],
    ...overrides,
  };
}

export async function domainError(promise: Promise<unknown>, code: DomainError['code']): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

/** The standby, deployed and unavailable counts of one kabupaten/kota, as the map shows them. */
export async function countsOf(handle: DatabaseHandle, regencyCode: string) {
  const [regency] = await availabilityByRegency(handle.db, regencyCode.slice(0, 2), [regencyCode]);
  return {
    available: regency!.available,
    unavailable: regency!.unavailable,
    tagana: regency!.byPillar.tagana?.available ?? 0,
  };
}
