import type { Metadata } from 'next';
import Link from 'next/link';
import { asc } from 'drizzle-orm';
import { getTranslations } from 'next-intl/server';
import { provinces } from '@/db/schema';
import { API_TOKEN_MAX_DAYS } from '@/lib/api-tokens';
import { getAppContext } from '@/server/context';
import { ApiTokenAdmin } from '@/app/_areas/api-tokens/ApiTokenAdmin';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { requirePage } from '@/app/_shared/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('apiTokens'))('title') };
}

/** Admins issue, list and revoke read-only API tokens for other agencies' systems. */
export default async function ApiTokensPage() {
  const { me } = await requirePage('/admin/token-api', ['admin']);
  const t = await getTranslations('apiTokens');
  const { db, env } = getAppContext();
  const allProvinces = await db
    .select({ code: provinces.code, name: provinces.name, timeZone: provinces.timeZone })
    .from(provinces)
    .orderBy(asc(provinces.name));
  return (
    <div className="dashboard">
      <PageTopbar title={t('title')} subtitle={t('subtitle')}>
        <Link href="/admin" className="topbar-link">
          {t('backToAccounts')}
        </Link>
        <UserMenu me={me} />
      </PageTopbar>
      <ApiTokenAdmin
        provinces={allProvinces}
        defaultProvince={env.POSKO_DEFAULT_PROVINCE}
        ratePerMinute={env.POSKO_API_TOKEN_RATE_PER_MINUTE}
        maxDays={API_TOKEN_MAX_DAYS}
      />
    </div>
  );
}
