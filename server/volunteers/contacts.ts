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
  /** A coordinator's own number, or the province's posko hotline when no coordinator has one. */
  kind: 'coordinator' | 'hotline';
}

/**
 * For each kabupaten/kota, the coordinator to call: one scoped to that kabupaten when it has a phone
 * number on record, else one of its province, else the province's posko hotline. Kabupaten without
 * any of them are left out.
 */
export async function coordinatorContacts(db: Executor, regencyCodes: string[]): Promise<CoordinatorContact[]> {
  const codes = [...new Set(regencyCodes)];
  if (codes.length === 0) return [];
  const provinceCodes = [...new Set(codes.map((code) => code.slice(0, 2)))];
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
        or(
          inArray(users.regencyCode, codes),
          and(inArray(users.provinceCode, provinceCodes), isNull(users.regencyCode)),
        ),
      ),
    )
    .orderBy(users.displayName);
  const hotlines = await db
    .select({ code: provinces.code, name: provinces.name, hotline: provinces.hotline })
    .from(provinces)
    .where(and(inArray(provinces.code, provinceCodes), isNotNull(provinces.hotline)));
  return codes.flatMap((code): CoordinatorContact[] => {
    const found =
      rows.find((row) => row.regencyCode === code) ??
      rows.find((row) => row.regencyCode === null && row.provinceCode === code.slice(0, 2));
    if (found) return [{ regencyCode: code, name: found.name, phone: found.phone!, kind: 'coordinator' }];
    const posko = hotlines.find((row) => row.code === code.slice(0, 2));
    return posko ? [{ regencyCode: code, name: posko.name, phone: posko.hotline!, kind: 'hotline' }] : [];
  });
}

/** Each province's time zone ("62" → Asia/Jakarta), for showing times in the place's own zone. */
export async function provinceTimeZones(db: Executor): Promise<Record<string, TimeZone>> {
  const rows = await db.select({ code: provinces.code, timeZone: provinces.timeZone }).from(provinces);
  return Object.fromEntries(rows.map((row) => [row.code, row.timeZone]));
}
