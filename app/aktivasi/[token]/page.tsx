import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { connection } from 'next/server';
import { activationStatus } from '@/server/accounts/activate';
import { getAppContext } from '@/server/context';
import { ActivationForm } from '@/app/_areas/sign-in/ActivationForm';
import { PrivacyLink } from '@/app/_areas/privacy/PrivacyLink';
import { LanguageSwitch } from '@/app/_shared/LanguageSwitch';
import '@/app/_areas/sign-in/auth.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('auth.activation');
  return { title: t('title'), referrer: 'no-referrer' };
}

/** Opened from a QR code or WhatsApp on the volunteer's phone: set a password, and you are in. */
export default async function ActivationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await connection();
  const ctx = getAppContext();
  const [status, t] = await Promise.all([
    activationStatus(ctx.db, token, ctx.now()),
    getTranslations('auth.activation'),
  ]);
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="auth-language">
          <LanguageSwitch />
        </div>
        <h1>{t('heading')}</h1>
        {status.state === 'valid' ? (
          <>
            <p>{t.rich('greeting', { name: status.name ?? '', strong: (chunks) => <strong>{chunks}</strong> })}</p>
            <ActivationForm token={token} />
          </>
        ) : (
          <>
            <p className="form-error" role="alert">
              {t(`refused.${status.state}`)}
            </p>
            <a href="/masuk">{t('toSignIn')}</a>
          </>
        )}
        <PrivacyLink />
      </div>
    </main>
  );
}
