import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { users } from '../../db/schema';
import { CreateAccount } from '../../lib/auth';
import { DomainError, parseInput } from '../errors';
import { newActivationToken } from './activation-links';

/**
 * An admin account made from the command line, for a database that has nobody to make one in the app.
 * No password is typed anywhere: the person sets it through the one-time link.
 */
export async function bootstrapAdmin(
  db: Database,
  input: { username: string; displayName: string },
  now: Date,
): Promise<{ userId: string; token: string; expiresAt: Date }> {
  const { username, displayName } = parseInput(CreateAccount, { role: 'admin', ...input });
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (taken) throw new DomainError('CONFLICT', `The username "${username}" is already taken.`);
    const [admin] = await tx.insert(users).values({ role: 'admin', username, displayName }).returning();
    const link = await newActivationToken(tx, { userId: admin!.id, createdBy: admin!.id, now });
    return { userId: admin!.id, ...link };
  });
}
