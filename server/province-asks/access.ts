import { eq } from 'drizzle-orm';
import type { Executor, Transaction } from '../../db/client';
import { provinceAsks, provinces, type Incident, type NewEventRow, type ProvinceAsk } from '../../db/schema';
import type { PROVINCE_ASK_EVENTS } from '../../lib/province-asks';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';

type ProvinceAskEventType = (typeof PROVINCE_ASK_EVENTS)[keyof typeof PROVINCE_ASK_EVENTS];

/** An ask, locked for the rest of the transaction so two answers cannot both land. */
export async function lockAsk(tx: Transaction, askId: string): Promise<ProvinceAsk> {
  const [ask] = await tx.select().from(provinceAsks).where(eq(provinceAsks.id, askId)).for('update');
  if (!ask) throw new DomainError('NOT_FOUND', 'Permintaan bantuan antarprovinsi tidak ditemukan.');
  return ask;
}

/**
 * Help between provinces is asked and answered at the province level: by the admin, or by a coordinator of
 * the whole province (a kabupaten/kota coordinator goes through its province).
 */
export function requireProvinceCoordinator(actor: Actor, provinceCode: string, doing: string): void {
  if (actor.role === 'admin') return;
  if (actor.role !== 'coordinator') throw new DomainError('FORBIDDEN', 'Hanya koordinator yang dapat melakukan ini.');
  if (actor.scope.provinceCode !== provinceCode) throw new DomainError('FORBIDDEN', 'Ini di luar wilayah tugas Anda.');
  if (actor.scope.regencyCode !== null) {
    throw new DomainError(
      'FORBIDDEN',
      `Hanya koordinator provinsi yang dapat ${doing}; hubungi koordinator provinsi Anda.`,
    );
  }
}

/** The ask answered is still waiting for its answer. */
export function assertOpen(ask: ProvinceAsk): void {
  if (ask.status === 'open') return;
  throw new DomainError(
    'CONFLICT',
    ask.status === 'accepted'
      ? 'Permintaan bantuan ini sudah diterima; relawannya sudah ditawari.'
      : 'Permintaan bantuan ini sudah ditolak.',
  );
}

/** An ask's event: in the asking incident's scope (the asked province sees the incident, see realtime/scope). */
export function askEvent(
  incident: Pick<Incident, 'id' | 'provinceCode' | 'regencyCode'>,
  type: ProvinceAskEventType,
  payload: { askId: string; toProvinceCode: string } & Record<string, unknown>,
): NewEventRow {
  return {
    type,
    provinceCode: incident.provinceCode,
    regencyCode: incident.regencyCode,
    incidentId: incident.id,
    payload,
  };
}

/** The name of each known province among `codes`. */
export async function provinceNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  const rows = await db.select({ code: provinces.code, name: provinces.name }).from(provinces);
  const wanted = new Set(codes);
  return new Map(rows.filter((row) => wanted.has(row.code)).map((row) => [row.code, row.name]));
}
