import { eq } from 'drizzle-orm';
import type { Executor, Transaction } from '../../db/client';
import {
  districts,
  incidents,
  regencies,
  type District,
  type Incident,
  type NewEventRow,
  type Regency,
} from '../../db/schema';
import type { IncidentEventType, RequestEventType } from '../../lib/dispatch';
import { DomainError } from '../errors';

/** The incident, locked for the rest of the transaction so phase and requests change one writer at a time. */
export async function lockIncident(tx: Transaction, incidentId: string): Promise<Incident> {
  const [incident] = await tx.select().from(incidents).where(eq(incidents.id, incidentId)).for('no key update');
  if (!incident) throw new DomainError('NOT_FOUND', 'Kejadian tidak ditemukan.');
  return incident;
}

export function assertIncidentOpen(incident: Incident, doing: string): void {
  if (incident.phase === 'closed') {
    throw new DomainError(
      'CONFLICT',
      `Kejadian "${incident.title}" sudah ditutup; ${doing} tidak dapat dilakukan lagi.`,
    );
  }
}

export async function findRegency(db: Executor, code: string): Promise<Regency | undefined> {
  const [regency] = await db.select().from(regencies).where(eq(regencies.code, code)).limit(1);
  return regency;
}

/** The kecamatan, which must lie in the incident's kabupaten/kota; an INVALID naming the field otherwise. */
export async function districtInRegency(db: Executor, districtCode: string, regency: Regency): Promise<District> {
  const [district] = await db.select().from(districts).where(eq(districts.code, districtCode)).limit(1);
  if (!district) {
    throw new DomainError('INVALID', 'Kecamatan tidak dikenal.', {
      districtCode: [`Kecamatan dengan kode ${districtCode} tidak ada.`],
    });
  }
  if (district.regencyCode !== regency.code) {
    throw new DomainError('INVALID', 'Kecamatan tidak berada di kabupaten/kota kejadian.', {
      districtCode: [`Kecamatan ${district.name} tidak berada di ${regency.name}.`],
    });
  }
  return district;
}

// Phones and servers disagree by a few minutes; a report "in the future" beyond that is a typo.
const CLOCK_SKEW_MS = 5 * 60_000;

export function assertNotInFuture(occurredAt: Date, now: Date): void {
  if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new DomainError('INVALID', 'Waktu kejadian tidak boleh di masa depan.', {
      occurredAt: ['Waktu kejadian tidak boleh di masa depan.'],
    });
  }
}

/** The part of an incident that scopes its events. */
export type IncidentScope = Pick<Incident, 'id' | 'provinceCode' | 'regencyCode'>;

/** An event about the incident or one of its requests, seen by the incident's province and kabupaten. */
export function incidentEvent(
  incident: IncidentScope,
  type: IncidentEventType | RequestEventType,
  payload: Record<string, unknown>,
): NewEventRow {
  return {
    type,
    provinceCode: incident.provinceCode,
    regencyCode: incident.regencyCode,
    incidentId: incident.id,
    payload,
  };
}
