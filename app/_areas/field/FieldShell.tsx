'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { lastSnapshot, type FieldSnapshot } from './field-store';
import { VolunteerHome } from './VolunteerHome';

/**
 * The installed app opened without a network: the service worker serves this shell, and it shows the
 * last page the phone saved (offers, assignments, what waits to be sent). Taps still go to the outbox.
 */
export function FieldShell() {
  const t = useTranslations('field.shell');
  const [snapshot, setSnapshot] = useState<FieldSnapshot | null | undefined>(undefined);

  useEffect(() => {
    lastSnapshot()
      .then((found) => setSnapshot(found ?? null))
      .catch(() => setSnapshot(null));
  }, []);

  if (snapshot) {
    const { me, profile, team, assignments, contacts, zones, vapidPublicKey, savedAt } = snapshot;
    // Position 0: the live page replaces this one at the first connection, before any event matters.
    return (
      <VolunteerHome
        data={{ me, profile, team, assignments, contacts, zones, vapidPublicKey, position: 0 }}
        savedAt={savedAt}
      />
    );
  }
  return (
    <div className="phone-page">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <h1>{t('title')}</h1>
        </div>
      </header>
      <main className="phone-body" id="isi">
        <section className="card">
          <p data-testid="offline-shell">{snapshot === undefined ? t('loading') : t('noData')}</p>
          <a className="link-button" href="/tugas">
            {t('retry')}
          </a>
        </section>
      </main>
    </div>
  );
}
