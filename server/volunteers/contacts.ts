import { and, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { provinces, users } from '../../db/schema';
import type { TimeZone } from '../../lib/domain';

/** A coordinator a volunteer may call about a deployment in one kabupaten/kota. */
export interface CoordinatorContact {
  regencyCode: string;
  name: string;
  /** E.164, for a `tel:` link. */
  phone: string;
}

/**
 * For each kabupaten/kota, the coordinator to call: one scoped to that kabupaten when it has a phone
 * number on record, else one of its province. Kabupaten without either are left out.
 */
export async function coordinatorContacts(db: Executor, regencyCodes: string[]): Promise<CoordinatorContact[]> {
  const codes = [...new Set(regencyCodes)];
  if (codes.length === 0) return [];
  const provinces = [...new Set(codes.map((code) => code.slice(0, 2)))];
  const rows = await db
    .select({
      name: users.displayName,
      phone: users.phone,
      provinceCode: users.provinceCode,
      regencyCode: users.regencyCode,
    })
    .from(users)
    .where(
      and(
        eq(users.role, 'coordinator'),
        isNull(users.disabledAt),
        isNotNull(users.phone),
        or(inArray(users.regencyCode, codes), and(inArray(users.provinceCode, provinces), isNull(users.regencyCode))),
      ),
    )
    .orderBy(users.displayName);
  return codes.flatMap((code) => {
    const found =
      rows.find((row) => row.regencyCode === code) ??
      rows.find((row) => row.regencyCode === null && row.provinceCode === code.slice(0, 2));
    return found ? [{ regencyCode: code, name: found.name, phone: found.phone! }] : [];
  });
}

/** Each province's time zone ("62" → Asia/Jakarta), for showing times in the place's own zone. */
export async function provinceTimeZones(db: Executor): Promise<Record<string, TimeZone>> {
  const rows = await db.select({ code: provinces.code, timeZone: provinces.timeZone }).from(provinces);
  return Object.fromEntries(rows.map((row) => [row.code, row.timeZone]));
}
