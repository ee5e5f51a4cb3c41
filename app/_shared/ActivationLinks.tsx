'use client';

import { useLocale, useTranslations } from 'next-intl';
import Image from 'next/image';
import type { SharedActivation } from '@/server/accounts/share';
import { INTL_LOCALE } from '../_i18n/config';

/** Fresh activation links, each as a QR code to scan and a WhatsApp message to send. */
export function ActivationLinks({ links }: { links: SharedActivation[] }) {
  const t = useTranslations('roster.links');
  const locale = useLocale();
  const until = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="card" aria-labelledby="links-title">
      <h2 id="links-title">{t('title', { count: links.length })}</h2>
      <p className="hint">{t('hint')}</p>
      <ul className="link-cards">
        {links.map((link) => (
          <li key={link.url} className="link-card">
            <Image src={link.qrCode} alt={t('qrAlt', { name: link.name })} width={132} height={132} unoptimized />
            <div>
              <strong>{link.name}</strong>
              <p className="hint">{t('validUntil', { when: until.format(new Date(link.expiresAt)) })}</p>
              <a className="button-whatsapp" href={link.whatsappUrl} target="_blank" rel="noreferrer">
                {t('whatsapp')}
              </a>
              <input className="link-text" readOnly value={link.url} aria-label={t('linkFor', { name: link.name })} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
