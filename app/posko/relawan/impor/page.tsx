import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getAppContext } from '@/server/context';
import { findProvince } from '@/server/regencies/queries';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { VolunteerImport } from '@/app/_areas/imports/VolunteerImport';
import { requirePage } from '@/app/_shared/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('imports'))('title') };
}

/** Bringing an office's Excel or CSV roster in: upload, check every row, correct the mapping, save. */
export default async function ImportPage() {
  const { actor, me } = await requirePage('/posko/relawan/impor', ['admin', 'coordinator']);
  const t = await getTranslations('imports');
  const ctx = getAppContext();
  // Admins import into the province the dashboard opens on; coordinators into their own scope.
  const provinceCode = actor.role === 'admin' ? ctx.env.POSKO_DEFAULT_PROVINCE : null;
  const province = provinceCode ? await findProvince(ctx.db, provinceCode) : undefined;
  return (
    <div className="dashboard">
      <PageTopbar title={t('title')} subtitle={me.scopeLabel}>
        <ConnectionBadge />
        <UserMenu me={me} />
      </PageTopbar>
      <VolunteerImport provinceCode={provinceCode} provinceName={province?.name ?? null} />
    </div>
  );
}
