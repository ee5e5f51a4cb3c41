import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { users, volunteers } from '../../db/schema';
import type { Actor } from '../../lib/roles';
import { actorOf } from '../auth/sessions';

export type Sender =
  { kind: 'volunteer'; actor: Extract<Actor, { role: 'volunteer' }> } | { kind: 'locked' } | { kind: 'unknown' };

/**
 * The active volunteer whose roster phone sent the text. A volunteer who never activated an account
 * gets one without a password (it cannot sign in), so its answers are recorded like a tap on the page.
 */
export async function senderOf(db: Database, phone: string | null): Promise<Sender> {
  if (!phone) return { kind: 'unknown' };
  const [volunteer] = await db
    .select({ id: volunteers.id, name: volunteers.name, phone: volunteers.phone })
    .from(volunteers)
    .where(and(eq(volunteers.phone, phone), isNull(volunteers.retiredAt)));
  if (!volunteer) return { kind: 'unknown' };

  let [user] = await db.select().from(users).where(eq(users.volunteerId, volunteer.id));
  if (!user) {
    [user] = await db
      .insert(users)
      .values({ role: 'volunteer', displayName: volunteer.name, phone: volunteer.phone, volunteerId: volunteer.id })
      .onConflictDoNothing()
      .returning();
    // A concurrent first text made it, or another account holds the phone: read what is there.
    user ??= (await db.select().from(users).where(eq(users.volunteerId, volunteer.id)))[0];
  }
  if (!user) return { kind: 'unknown' };
  if (user.disabledAt) return { kind: 'locked' };
  const actor = await actorOf(db, user);
  return actor?.role === 'volunteer' ? { kind: 'volunteer', actor } : { kind: 'unknown' };
}
