import { and, asc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { activationTokens, users } from '../../db/schema';
import type { Actor } from '../../lib/roles';
import { DomainError } from '../errors';

/** Where an account stands: no password yet (link open or not), usable, or locked. */
export type AccountState = 'pending' | 'active' | 'disabled';

export interface AccountRow {
  userId: string;
  role: 'admin' | 'coordinator' | 'leader';
  name: string;
  username: string | null;
  phone: string | null;
  provinceCode: string | null;
  regencyCode: string | null;
  state: AccountState;
}

/** Admin, coordinator and leader accounts, for the admin page. */
export async function listAccounts(db: Executor, actor: Actor): Promise<AccountRow[]> {
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'Hanya admin yang dapat melihat daftar akun.');
  const rows = await db
    .select({
      userId: users.id,
      role: users.role,
      name: users.displayName,
      username: users.username,
      phone: users.phone,
      provinceCode: users.provinceCode,
      regencyCode: users.regencyCode,
      disabledAt: users.disabledAt,
      hasPassword: sql<boolean>`${users.passwordHash} is not null`,
    })
    .from(users)
    .where(ne(users.role, 'volunteer'))
    .orderBy(asc(users.role), asc(users.displayName));
  return rows.map(({ disabledAt, hasPassword, role, ...row }) => ({
    ...row,
    role: role as AccountRow['role'],
    state: accountState({ disabledAt, hasPassword }),
  }));
}

export function accountState({
  disabledAt,
  hasPassword,
}: {
  disabledAt: Date | null;
  hasPassword: boolean;
}): AccountState {
  if (disabledAt) return 'disabled';
  return hasPassword ? 'active' : 'pending';
}

/** Whether an account has an activation link that still works. */
export function openLinkExists(userId: typeof users.id, now: Date) {
  return sql<boolean>`exists (select 1 from ${activationTokens} where ${and(
    eq(activationTokens.userId, userId),
    isNull(activationTokens.usedAt),
    gt(activationTokens.expiresAt, now),
  )})`;
}
