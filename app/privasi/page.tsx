import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { describeActor } from '@/server/auth/me';
import { getAppContext } from '@/server/context';
import { myData } from '@/server/privacy/my-data';
import { findProvince } from '@/server/regencies/queries';
import { LanguageSwitch } from '@/app/_shared/LanguageSwitch';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { currentActor } from '@/app/_shared/session';
import { PrivacyNotice } from '@/app/_areas/privacy/PrivacyNotice';
import { MyDataCard } from '@/app/_areas/privacy/MyDataCard';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('privacy'))('title') };
}

/**
 * What Posko keeps and why (UU PDP). It names nobody, so it opens before signing in too (linked from the
 * activation and sign-up pages); a signed-in volunteer also sees and downloads their own data here.
 */
export default async function PrivacyPage() {
  const ctx = getAppContext();
  const actor = await currentActor();
  const t = await getTranslations('privacy');
  const me = actor ? await describeActor(ctx.db, actor) : null;
  const province = await findProvince(ctx.db, me?.provinceCode ?? ctx.env.POSKO_DEFAULT_PROVINCE);
  const data = actor?.role === 'volunteer' ? await myData({ ctx: { ...ctx, actor } }) : null;
  const notice = (
    <PrivacyNotice retentionDays={ctx.env.POSKO_POSITION_RETENTION_DAYS} hotline={province?.hotline ?? null} />
  );
  if (!me) {
    return (
      <div className="dashboard">
        <PageTopbar title={t('title')} subtitle="Posko">
          <LanguageSwitch />
        </PageTopbar>
        <main className="page-body privacy-page">{notice}</main>
      </div>
    );
  }
  return (
    <div className="dashboard">
      <PageTopbar title={t('title')} subtitle={me.scopeLabel}>
        <UserMenu me={me} />
      </PageTopbar>
      <main className="page-body privacy-page">
        <p>
          <Link href={me.home}>← {me.home === '/tugas' ? t('mine.change') : 'Posko'}</Link>
        </p>
        {data ? <MyDataCard data={data} /> : null}
        {notice}
      </main>
    </div>
  );
}
