import { eq } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import { provinces } from '../../db/schema';

/** When a volunteer back home now, from a province with this rest period, is made "Siaga" again. */
export async function restEndsAt(tx: Transaction, provinceCode: string, now: Date): Promise<Date> {
  const [province] = await tx
    .select({ restHours: provinces.restHours })
    .from(provinces)
    .where(eq(provinces.code, provinceCode));
  return new Date(now.getTime() + (province?.restHours ?? 12) * 3_600_000);
}
