'use client';

import { useLocale, useTranslations } from 'next-intl';
import Image from 'next/image';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { SharedActivation } from '@/server/accounts/share';
import type { SignupLinkDetail } from '@/server/signups/queries';
import type { SharedSignupLink } from '@/server/signups/share';
import { SIGNUP_EVENTS } from '@/lib/signups';
import { ActivationLinks } from '@/app/_shared/ActivationLinks';
import { callApi } from '@/app/_shared/api';
import type { Json } from '@/app/_shared/json';
import { useLiveEvents } from '@/app/_shared/live-events';
import { useRefresher } from '@/app/_shared/refresher';
import { formatWhen } from '@/app/_shared/time';
import { useConnection } from '@/app/_shared/use-connection';
import type { Locale } from '@/app/_i18n/config';
import './signups.css';

const SIGNUP_TYPES = new Set<string>(Object.values(SIGNUP_EVENTS));

/** One sign-up link: its QR code (large enough for a projector), and its sign-ups arriving live. */
export function SignupLinkView({
  detail,
  shared,
  position,
}: {
  detail: Json<SignupLinkDetail>;
  shared: SharedSignupLink;
  position: number;
}) {
  const t = useTranslations('signups.link');
  const tl = useTranslations('signups.links');
  const locale = useLocale() as Locale;
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [projected, setProjected] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [links, setLinks] = useState<SharedActivation[]>([]);
  const { link, signups } = detail;
  const refresh = useRefresher(async () => startTransition(() => router.refresh()));
  useLiveEvents(
    position,
    (event) => {
      if (SIGNUP_TYPES.has(event.type) && event.payload.linkId === link.id) refresh();
    },
    refresh,
  );
  useConnection(refresh);

  async function act(path: string, body: unknown) {
    setBusy(true);
    setError(null);
    const result = await callApi<{
      approved?: { matched: boolean }[];
      links?: SharedActivation[];
    }>(path, { body });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    if (result.data.approved) {
      const matched = result.data.approved.filter((row) => row.matched).length;
      setNotice(t('approvedCount', { count: result.data.approved.length, matched }));
      setLinks(result.data.links ?? []);
    }
    refresh();
  }

  const pending = signups.filter((signup) => signup.status === 'pending');
  return (
    <main className="page-body">
      <p>
        <Link href="/posko/pendaftaran">{t('back')}</Link>
      </p>
      <section className="card" aria-labelledby="signup-link-title">
        <h2 id="signup-link-title">
          {link.title} · {tl(`state.${link.state}`)}
        </h2>
        <p className="hint">
          {t('area', { area: link.regencyName ?? link.provinceName })} · {t('pillar', { pillar: link.pillar })}
          {link.training ? ` · ${t('training', { training: link.training })}` : ''} ·{' '}
          {t('until', { when: formatWhen(link.validUntil, link.timeZone, locale) })}
        </p>
        {link.state === 'open' ? (
          <div className={projected ? 'signup-share projected' : 'signup-share'}>
            <Image src={shared.qrCode} alt={t('qrAlt', { title: link.title })} width={240} height={240} unoptimized />
            <div>
              <p className="signup-share-url">{shared.url}</p>
              <div className="signup-share-actions">
                <button type="button" onClick={() => setProjected((on) => !on)} aria-pressed={projected}>
                  {projected ? t('unproject') : t('project')}
                </button>
                <a className="button-whatsapp" href={shared.whatsappUrl} target="_blank" rel="noreferrer">
                  {t('whatsapp')}
                </a>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => {
                    if (window.confirm(t('closeConfirm'))) void act(`/api/signup-links/${link.id}/close`, {});
                  }}
                >
                  {t('close')}
                </button>
              </div>
            </div>
          </div>
        ) : null}
      </section>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {links.length > 0 ? <ActivationLinks links={links} /> : null}
      <section className="card" aria-labelledby="signup-list-title">
        <h2 id="signup-list-title">{t('signups', { count: signups.length })}</h2>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {pending.length > 0 ? (
          <p>
            <button
              type="button"
              className="button-primary"
              disabled={busy}
              onClick={() => void act(`/api/signup-links/${link.id}/approve`, { all: true })}
            >
              {busy ? t('approving') : t('approveAll', { count: pending.length })}
            </button>
          </p>
        ) : null}
        {signups.length === 0 ? (
          <p className="hint" role="status">
            {t('noSignups')}
          </p>
        ) : (
          <table className="card-table signup-table">
            <thead>
              <tr>
                <th scope="col">{t('columns.name')}</th>
                <th scope="col">{t('columns.phone')}</th>
                <th scope="col">{t('columns.home')}</th>
                <th scope="col">{t('columns.details')}</th>
                <th scope="col">{t('columns.status')}</th>
                <th scope="col">{t('columns.action')}</th>
              </tr>
            </thead>
            <tbody>
              {signups.map((signup) => (
                <tr key={signup.id}>
                  <td data-label={t('columns.name')}>
                    <strong>{signup.name}</strong>
                    {signup.duplicateOf && signup.status === 'pending' ? (
                      <>
                        <br />
                        <span className="signup-duplicate">{t('duplicate', { name: signup.duplicateOf.name })}</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label={t('columns.phone')}>{signup.phone}</td>
                  <td data-label={t('columns.home')}>
                    {[signup.village, signup.districtName, signup.regencyName].filter(Boolean).join(', ')}
                  </td>
                  <td data-label={t('columns.details')}>
                    {[signup.birthYear ? t('born', { year: signup.birthYear }) : null, signup.skills.join(', ') || null]
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                  <td data-label={t('columns.status')}>
                    {t(`status.${signup.status}`)}
                    {signup.status === 'approved' && signup.duplicateOf?.id === signup.volunteerId ? (
                      <>
                        <br />
                        <span className="hint">{t('matched')}</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label={t('columns.action')}>
                    {signup.status === 'pending' ? (
                      <div className="signup-row-actions">
                        <button
                          type="button"
                          disabled={busy}
                          aria-label={`${t('approve')}: ${signup.name}`}
                          onClick={() => void act(`/api/signup-links/${link.id}/approve`, { signupIds: [signup.id] })}
                        >
                          {t('approve')}
                        </button>
                        <button
                          type="button"
                          disabled={busy}
                          aria-label={`${t('reject')}: ${signup.name}`}
                          onClick={() => void act(`/api/signups/${signup.id}/reject`, {})}
                        >
                          {t('reject')}
                        </button>
                      </div>
                    ) : signup.volunteerId ? (
                      <Link href={`/posko/relawan/${signup.volunteerId}`}>{t('openVolunteer')}</Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
