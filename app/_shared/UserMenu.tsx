'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { Me } from '@/lib/auth';
import { callApi } from './api';
import { getSocket } from './socket';
import { LanguageSwitch } from './LanguageSwitch';
import { StaffPushToggle } from './push/StaffPushToggle';

type NavLink = {
  href: string;
  label:
    | 'map'
    | 'incidents'
    | 'help'
    | 'volunteerAccounts'
    | 'teams'
    | 'trainings'
    | 'settings'
    | 'staffAccounts'
    | 'board'
    | 'tasks';
};

const LINKS: Record<Me['role'], NavLink[]> = {
  admin: [
    { href: '/posko', label: 'map' },
    { href: '/kejadian', label: 'incidents' },
    { href: '/posko/bantuan', label: 'help' },
    { href: '/posko/relawan', label: 'volunteerAccounts' },
    { href: '/posko/regu', label: 'teams' },
    { href: '/posko/pelatihan', label: 'trainings' },
    { href: '/posko/pengaturan', label: 'settings' },
    { href: '/admin', label: 'staffAccounts' },
    { href: '/pantau', label: 'board' },
  ],
  coordinator: [
    { href: '/posko', label: 'map' },
    { href: '/kejadian', label: 'incidents' },
    { href: '/posko/bantuan', label: 'help' },
    { href: '/posko/relawan', label: 'volunteerAccounts' },
    { href: '/posko/regu', label: 'teams' },
    { href: '/posko/pelatihan', label: 'trainings' },
    { href: '/posko/pengaturan', label: 'settings' },
    { href: '/pantau', label: 'board' },
  ],
  leader: [
    { href: '/pantau', label: 'board' },
    { href: '/kejadian', label: 'incidents' },
    { href: '/posko/bantuan', label: 'help' },
    { href: '/posko/regu', label: 'teams' },
    { href: '/posko/pelatihan', label: 'trainings' },
  ],
  volunteer: [{ href: '/tugas', label: 'tasks' }],
};

/** A full page load, so nothing of the old session (socket, page state) survives. */
function goToSignIn(query = ''): void {
  window.location.assign(new URL(`/masuk${query}`, window.location.origin).href);
}

/**
 * Who is signed in, where they can go, and the way out; a session ended elsewhere brings them back to sign
 * in. `onLeave` runs first either way (the field app forgets what it kept on the phone).
 */
export function UserMenu({ me, onLeave }: { me: Me; onLeave?: () => Promise<void> }) {
  const t = useTranslations('common');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const socket = getSocket();
    const onEnded = () => void (onLeave?.() ?? Promise.resolve()).catch(() => {}).then(() => goToSignIn('?berakhir=1'));
    socket.on('session:ended', onEnded);
    return () => {
      socket.off('session:ended', onEnded);
    };
  }, [onLeave]);

  async function signOut(everywhere: boolean) {
    setBusy(true);
    // Leaving on purpose: the socket must not report it as a session that ended by itself.
    getSocket().disconnect();
    await onLeave?.().catch(() => {});
    await callApi(everywhere ? '/api/auth/sign-out-everywhere' : '/api/auth/sign-out', { body: {} });
    goToSignIn();
  }

  return (
    <details className="user-menu">
      <summary aria-label={t('userMenu.label', { name: me.name })}>
        <span className="user-avatar" aria-hidden="true">
          {me.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="user-name">{me.name}</span>
      </summary>
      <div className="user-menu-panel">
        <p className="user-menu-who">
          <strong>{me.name}</strong>
          <span>
            {t(`roles.${me.role}`)} · {me.scopeLabel}
          </span>
        </p>
        <nav aria-label={t('nav.label')}>
          {LINKS[me.role].map((link) => (
            <a key={link.href} href={link.href}>
              {t(`nav.${link.label}`)}
            </a>
          ))}
        </nav>
        <button type="button" onClick={() => void signOut(false)} disabled={busy}>
          {t('userMenu.signOut')}
        </button>
        <button type="button" onClick={() => void signOut(true)} disabled={busy}>
          {t('userMenu.signOutEverywhere')}
        </button>
        {me.role === 'coordinator' && <StaffPushToggle />}
        <LanguageSwitch />
      </div>
    </details>
  );
}
