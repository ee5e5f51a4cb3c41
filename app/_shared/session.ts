import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Me } from '@/lib/auth';
import { PROVINCE_CODE } from '@/lib/domain';
import { HOME_PAGE, type Actor, type Role } from '@/lib/roles';
import { describeActor } from '@/server/auth/me';
import { resolveSession, SESSION_COOKIE } from '@/server/auth/sessions';
import { getAppContext } from '@/server/context';

/** The signed-in actor of the page being rendered, or null. */
export async function currentActor(): Promise<Actor | null> {
  // Reading the cookie first also marks the page as rendered per request (never at build time).
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const ctx = getAppContext();
  const session = await resolveSession(ctx.db, token, { now: ctx.now(), policy: ctx.sessionPolicy });
  return session?.actor ?? null;
}

/**
 * Every page but sign-in and activation starts here: without a session it goes to the sign-in page
 * (and back afterwards); a role the page is not for goes to its own home page.
 */
export async function requirePage(path: string, roles: readonly Role[]): Promise<{ actor: Actor; me: Me }> {
  const actor = await currentActor();
  if (!actor) redirect(`/masuk?lanjut=${encodeURIComponent(path)}`);
  if (!roles.includes(actor.role)) redirect(HOME_PAGE[actor.role]);
  return { actor, me: await describeActor(getAppContext().db, actor) };
}

/** A `lanjut` (next) parameter that can only lead back into Posko. */
export function safeNext(next: string | string[] | undefined): string | null {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : null;
}

/**
 * The province a page shows: the person's own; for an admin the one asked for with `?provinsi=`, else
 * the province the dashboard opens on.
 */
export function pageProvince(me: Me, asked: string | string[] | undefined): string {
  if (me.provinceCode) return me.provinceCode;
  return typeof asked === 'string' && PROVINCE_CODE.test(asked) ? asked : getAppContext().env.POSKO_DEFAULT_PROVINCE;
}
