import type { Metadata } from 'next';
import Link from 'next/link';
import { asc } from 'drizzle-orm';
import { getTranslations } from 'next-intl/server';
import { provinces, regencies } from '@/db/schema';
import { getAppContext } from '@/server/context';
import { AccountAdmin } from '@/app/_areas/accounts/AccountAdmin';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { requirePage } from '@/app/_shared/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin'))('title') };
}

/** Admins create coordinators and leaders (province or kabupaten) and end their sessions. */
export default async function AdminPage() {
  const { me } = await requirePage('/admin', ['admin']);
  const t = await getTranslations('admin');
  const tokens = await getTranslations('apiTokens');
  const { db, env } = getAppContext();
  // Every area by name: the form picks a scope from them and the list shows scopes as names, not codes.
  const [allProvinces, allRegencies] = await Promise.all([
    db.select({ code: provinces.code, name: provinces.name }).from(provinces).orderBy(asc(provinces.name)),
    db
      .select({ code: regencies.code, name: regencies.name, provinceCode: regencies.provinceCode })
      .from(regencies)
      .orderBy(asc(regencies.code)),
  ]);
  return (
    <div className="dashboard">
      <PageTopbar title={t('title')} subtitle={t('subtitle')}>
        <Link href="/admin/token-api" className="topbar-link">
          {tokens('link')}
        </Link>
        <UserMenu me={me} />
      </PageTopbar>
      <AccountAdmin provinces={allProvinces} regencies={allRegencies} defaultProvince={env.POSKO_DEFAULT_PROVINCE} />
    </div>
  );
}
