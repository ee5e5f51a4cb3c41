import type { Metadata } from 'next';
import { asc, eq } from 'drizzle-orm';
import { regencies } from '@/db/schema';
import { getAppContext } from '@/server/context';
import { ActivationRoster } from '../../_components/ActivationRoster';
import { PageTopbar } from '../../_components/PageTopbar';
import { UserMenu } from '../../_components/UserMenu';
import { requirePage } from '../../_lib/session';

export const metadata: Metadata = { title: 'Akun relawan' };

/** A coordinator gives volunteers in its scope their activation links (one, or a whole list). */
export default async function VolunteerAccountsPage() {
  const { actor, me } = await requirePage('/posko/relawan', ['admin', 'coordinator']);
  const { db } = getAppContext();
  const scopeRegencies =
    actor.role === 'coordinator' && actor.scope.regencyCode
      ? []
      : await db
          .select({ code: regencies.code, name: regencies.name })
          .from(regencies)
          .where(eq(regencies.provinceCode, me.provinceCode ?? getAppContext().env.POSKO_DEFAULT_PROVINCE))
          .orderBy(asc(regencies.code));
  return (
    <div className="dashboard">
      <PageTopbar title="Akun Relawan" subtitle={me.scopeLabel}>
        <UserMenu me={me} />
      </PageTopbar>
      <ActivationRoster regencies={scopeRegencies} />
    </div>
  );
}
