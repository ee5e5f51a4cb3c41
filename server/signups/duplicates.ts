import { and, eq, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { volunteers } from '../../db/schema';

/** The active volunteer with this phone, or else this NIK: the person a sign-up may already be. */
export async function activeVolunteerLike(
  db: Executor,
  { phone, nik }: { phone: string; nik: string | null },
): Promise<{ id: string; name: string } | null> {
  const rows = await db
    .select({ id: volunteers.id, name: volunteers.name, phone: volunteers.phone })
    .from(volunteers)
    .where(
      and(
        isNull(volunteers.retiredAt),
        nik ? or(eq(volunteers.phone, phone), eq(volunteers.nik, nik)) : eq(volunteers.phone, phone),
      ),
    )
    .limit(2);
  const match = rows.find((row) => row.phone === phone) ?? rows[0];
  return match ? { id: match.id, name: match.name } : null;
}
