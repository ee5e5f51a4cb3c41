import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { HOME_PAGE } from '@/lib/roles';
import { LanguageSwitch } from '@/app/_shared/LanguageSwitch';
import { SignInForm } from '@/app/_areas/sign-in/SignInForm';
import '@/app/_areas/sign-in/auth.css';
import { currentActor, safeNext } from '@/app/_shared/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.signIn');
  return { title: t('title') };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = safeNext(params.lanjut);
  const actor = await currentActor();
  if (actor) redirect(next ?? HOME_PAGE[actor.role]);
  const t = await getTranslations('auth.signIn');
  return (
    <main className="auth-page">
      <div className="auth-card">
        {/* Before signing in, so a visitor who reads no Indonesian can choose English. */}
        <div className="auth-language">
          <LanguageSwitch />
        </div>
        <div className="brand auth-brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <div>
            <h1>Posko</h1>
            <p className="subtitle">{t('tagline')}</p>
          </div>
        </div>
        {params.berakhir ? (
          <p className="notice" role="status">
            {t('sessionEnded')}
          </p>
        ) : null}
        <SignInForm next={next} />
      </div>
    </main>
  );
}
