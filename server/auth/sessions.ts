import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { regencies, sessions, users, volunteers, type User } from '../../db/schema';
import type { Actor } from './actor';

export const SESSION_COOKIE = 'posko_session';

/** How long a session lives: `idleMs` without any request, `maxMs` at most. */
export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

// Writing last_seen_at on every request would turn every read into a write.
const TOUCH_AFTER_MS = 60_000;

/** Only the hash of a token is stored: a leaked table does not sign anyone in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new random secret, URL-safe; 32 bytes. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function createSession(
  db: Executor,
  userId: string,
  { now, policy, userAgent }: { now: Date; policy: SessionPolicy; userAgent?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + policy.maxMs);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

export interface ResolvedSession {
  actor: Actor;
  tokenHash: string;
}

/** The actor behind a session token, or null when the session is unknown, revoked, expired or idle. */
export async function resolveSession(
  db: Executor,
  token: string | undefined,
  { now, policy }: { now: Date; policy: SessionPolicy },
): Promise<ResolvedSession | null> {
  if (!token || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({ user: users, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row || row.user.disabledAt || !row.user.passwordHash) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > policy.idleMs) return null;
  const actor = await actorOf(db, row.user);
  if (!actor) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  }
  return { actor, tokenHash };
}

/** The Actor an account acts as; a volunteer's scope comes from its roster entry (none while it is retired). */
export async function actorOf(db: Executor, user: User): Promise<Actor | null> {
  switch (user.role) {
    case 'admin':
      return { role: 'admin', userId: user.id, name: user.displayName };
    case 'coordinator':
    case 'leader':
      if (!user.provinceCode) return null;
      return {
        role: user.role,
        userId: user.id,
        name: user.displayName,
        scope: { provinceCode: user.provinceCode, regencyCode: user.regencyCode },
      };
    case 'volunteer': {
      if (!user.volunteerId) return null;
      const [volunteer] = await db
        .select({
          id: volunteers.id,
          name: volunteers.name,
          regencyCode: volunteers.regencyCode,
          provinceCode: regencies.provinceCode,
          pillarCode: volunteers.pillarCode,
          isTeamLeader: volunteers.isTeamLeader,
          retiredAt: volunteers.retiredAt,
        })
        .from(volunteers)
        .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
        .where(eq(volunteers.id, user.volunteerId))
        .limit(1);
      // A retired volunteer's account signs nobody in until the record is reinstated.
      if (!volunteer || volunteer.retiredAt) return null;
      return {
        role: 'volunteer',
        userId: user.id,
        name: volunteer.name,
        volunteerId: volunteer.id,
        provinceCode: volunteer.provinceCode,
        regencyCode: volunteer.regencyCode,
        pillarCode: volunteer.pillarCode,
        isTeamLeader: volunteer.isTeamLeader,
      };
    }
  }
}

export async function revokeSession(db: Executor, tokenHash: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}

/** Ends every session of one account ("keluar dari semua perangkat", a stolen phone, a disabled account). */
export async function revokeUserSessions(db: Executor, userId: string, now: Date): Promise<number> {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ tokenHash: sessions.tokenHash });
  return revoked.length;
}

/** Of the given sessions, the ones that no longer sign anyone in (for closing live sockets). */
export async function endedSessions(
  db: Executor,
  tokenHashes: string[],
  { now, policy }: { now: Date; policy: SessionPolicy },
): Promise<Set<string>> {
  if (tokenHashes.length === 0) return new Set();
  const live = await db
    .select({ tokenHash: sessions.tokenHash, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(volunteers, eq(volunteers.id, users.volunteerId))
    .where(
      and(
        inArray(sessions.tokenHash, tokenHashes),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        isNull(users.disabledAt),
        isNull(volunteers.retiredAt),
      ),
    );
  const alive = new Set(
    live.filter((row) => now.getTime() - row.lastSeenAt.getTime() <= policy.idleMs).map((row) => row.tokenHash),
  );
  return new Set(tokenHashes.filter((hash) => !alive.has(hash)));
}
