import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ACTIVATION_REFUSALS, activationStatus } from '@/server/accounts/activate';
import { getAppContext } from '@/server/context';
import { ActivationForm } from '../../_components/ActivationForm';

export const metadata: Metadata = { title: 'Aktivasi akun', referrer: 'no-referrer' };

/** Opened from a QR code or WhatsApp on the volunteer's phone: set a password, and you are in. */
export default async function ActivationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await connection();
  const ctx = getAppContext();
  const status = await activationStatus(ctx.db, token, ctx.now());
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>Aktivasi akun Posko</h1>
        {status.state === 'valid' ? (
          <>
            <p>
              Halo <strong>{status.name}</strong>, buat kata sandi untuk masuk ke Posko dari HP ini.
            </p>
            <ActivationForm token={token} />
          </>
        ) : (
          <>
            <p className="form-error" role="alert">
              {ACTIVATION_REFUSALS[status.state]}
            </p>
            <a href="/masuk">Ke halaman masuk</a>
          </>
        )}
      </div>
    </main>
  );
}
