'use client';

import { useEffect, useState } from 'react';
import type { Me } from '@/lib/auth';
import { ROLE_LABELS } from '@/lib/roles';
import { callApi } from '../_lib/api';
import { getSocket } from '../_lib/socket';

const LINKS: Record<Me['role'], { href: string; label: string }[]> = {
  admin: [
    { href: '/posko', label: 'Peta relawan' },
    { href: '/kejadian', label: 'Kejadian' },
    { href: '/posko/relawan', label: 'Akun relawan' },
    { href: '/admin', label: 'Akun petugas' },
    { href: '/pantau', label: 'Pantauan' },
  ],
  coordinator: [
    { href: '/posko', label: 'Peta relawan' },
    { href: '/kejadian', label: 'Kejadian' },
    { href: '/posko/relawan', label: 'Akun relawan' },
    { href: '/pantau', label: 'Pantauan' },
  ],
  leader: [
    { href: '/pantau', label: 'Pantauan' },
    { href: '/kejadian', label: 'Kejadian' },
  ],
  volunteer: [{ href: '/tugas', label: 'Tugas saya' }],
};

/** A full page load, so nothing of the old session (socket, page state) survives. */
function goToSignIn(query = ''): void {
  window.location.assign(new URL(`/masuk${query}`, window.location.origin).href);
}

/** Who is signed in, where they can go, and the way out; a session ended elsewhere brings them back to sign in. */
export function UserMenu({ me }: { me: Me }) {
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const socket = getSocket();
    const onEnded = () => goToSignIn('?berakhir=1');
    socket.on('session:ended', onEnded);
    return () => {
      socket.off('session:ended', onEnded);
    };
  }, []);

  async function signOut(everywhere: boolean) {
    setBusy(true);
    // Leaving on purpose: the socket must not report it as a session that ended by itself.
    getSocket().disconnect();
    await callApi(everywhere ? '/api/auth/sign-out-everywhere' : '/api/auth/sign-out', { body: {} });
    goToSignIn();
  }

  return (
    <details className="user-menu">
      <summary aria-label={`Menu pengguna: ${me.name}`}>
        <span className="user-avatar" aria-hidden="true">
          {me.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="user-name">{me.name}</span>
      </summary>
      <div className="user-menu-panel">
        <p className="user-menu-who">
          <strong>{me.name}</strong>
          <span>
            {ROLE_LABELS[me.role]} · {me.scopeLabel}
          </span>
        </p>
        <nav aria-label="Halaman">
          {LINKS[me.role].map((link) => (
            <a key={link.href} href={link.href}>
              {link.label}
            </a>
          ))}
        </nav>
        <button type="button" onClick={() => void signOut(false)} disabled={busy}>
          Keluar
        </button>
        <button type="button" onClick={() => void signOut(true)} disabled={busy}>
          Keluar dari semua perangkat
        </button>
      </div>
    </details>
  );
}
