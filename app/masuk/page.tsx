import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { HOME_PAGE } from '@/lib/roles';
import { SignInForm } from '../_components/SignInForm';
import { currentActor, safeNext } from '../_lib/session';

export const metadata: Metadata = { title: 'Masuk' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = safeNext(params.lanjut);
  const actor = await currentActor();
  if (actor) redirect(next ?? HOME_PAGE[actor.role]);
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="brand auth-brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <div>
            <h1>Posko</h1>
            <p className="subtitle">Koordinasi relawan Dinas Sosial</p>
          </div>
        </div>
        {params.berakhir ? (
          <p className="notice" role="status">
            Sesi Anda sudah berakhir. Silakan masuk lagi.
          </p>
        ) : null}
        <SignInForm next={next} />
      </div>
    </main>
  );
}
