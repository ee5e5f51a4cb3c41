import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { connection } from 'next/server';
import '@/app/_areas/signups/signup-form.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signups.thanks');
  return { title: t('title') };
}

/** Where the form lands once the sign-up is in: it now waits for the coordinator. */
export default async function SignupThanksPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await connection();
  const t = await getTranslations('signups.thanks');
  return (
    <main className="signup-page">
      <h1>{t('heading')}</h1>
      <p role="status">{t('body')}</p>
      <p className="signup-hint">{t('again')}</p>
      <p>
        <a href={`/daftar/${encodeURIComponent(token)}`}>{t('back')}</a>
      </p>
    </main>
  );
}
