import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { provinces } from '../../db/schema';
import type { ProvinceSettings } from '../../lib/provinces';

/** The province's own settings, or null for an unknown code. */
export async function provinceSettings(db: Executor, provinceCode: string): Promise<ProvinceSettings | null> {
  const [row] = await db
    .select({ provinceCode: provinces.code, hotline: provinces.hotline, restHours: provinces.restHours })
    .from(provinces)
    .where(eq(provinces.code, provinceCode))
    .limit(1);
  return row ?? null;
}
