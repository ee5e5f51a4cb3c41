import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { pillars, regencies, type NewEventRow } from '../../db/schema';
import type { ReadinessEventType } from '../../lib/readiness';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';

/** The kabupaten/kota and pillar a readiness rule is about, as found in the database. */
export interface RuleTarget {
  provinceCode: string;
  regencyCode: string;
  regencyName: string;
  pillarCode: string;
  pillarName: string;
}

/**
 * Only admins and coordinators of the whole province set the rules: a minimum is the province's bar for
 * its kabupaten/kota, which a kabupaten does not lower for itself. Everyone else on the staff reads them.
 */
export function requireProvinceCoordinator(actor: Actor, provinceCode: string): void {
  if (actor.role === 'admin') return;
  if (actor.role !== 'coordinator') {
    throw new DomainError('FORBIDDEN', 'Hanya koordinator provinsi yang dapat mengatur kesiapan.');
  }
  if (actor.scope.provinceCode !== provinceCode) {
    throw new DomainError('FORBIDDEN', 'Kabupaten/kota ini di luar wilayah tugas Anda.');
  }
  if (actor.scope.regencyCode !== null) {
    throw new DomainError(
      'FORBIDDEN',
      'Minimum kesiapan dan aturan per kecamatan ditetapkan oleh koordinator provinsi; kabupaten/kota membacanya.',
    );
  }
}

/** Finds the rule's kabupaten/kota and pillar (a province's own pillar only in that province) and authorizes. */
export async function ruleTarget(
  db: Executor,
  actor: Actor,
  { regencyCode, pillarCode }: { regencyCode: string; pillarCode: string },
): Promise<RuleTarget> {
  const [regency] = await db.select().from(regencies).where(eq(regencies.code, regencyCode)).limit(1);
  if (!regency) {
    throw new DomainError('INVALID', 'Kabupaten/kota tidak dikenal.', {
      regencyCode: [`Tidak ada kabupaten/kota dengan kode ${regencyCode}.`],
    });
  }
  requireProvinceCoordinator(actor, regency.provinceCode);
  const [pillar] = await db.select().from(pillars).where(eq(pillars.code, pillarCode)).limit(1);
  if (!pillar || (pillar.provinceCode !== null && pillar.provinceCode !== regency.provinceCode)) {
    throw new DomainError('INVALID', 'Pilar tidak dikenal di provinsi ini.', {
      pillarCode: [`Tidak ada pilar "${pillarCode}" di ${regency.name}.`],
    });
  }
  return {
    provinceCode: regency.provinceCode,
    regencyCode: regency.code,
    regencyName: regency.name,
    pillarCode: pillar.code,
    pillarName: pillar.name,
  };
}

/** A readiness event in the scope of the rule's province and kabupaten/kota. */
export function readinessEvent(
  type: ReadinessEventType,
  target: RuleTarget,
  payload: Record<string, unknown>,
): NewEventRow {
  return {
    type,
    provinceCode: target.provinceCode,
    regencyCode: target.regencyCode,
    payload: {
      pillarCode: target.pillarCode,
      pillarName: target.pillarName,
      regencyName: target.regencyName,
      ...payload,
    },
  };
}
