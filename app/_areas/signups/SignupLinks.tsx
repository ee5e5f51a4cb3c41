'use client';

import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { TimeZone } from '@/lib/domain';
import type { SignupLinkSummary } from '@/server/signups/queries';
import type { Choice } from '@/server/volunteers/queries';
import { callApi } from '@/app/_shared/api';
import type { Json } from '@/app/_shared/json';
import { formatWhen, fromLocalInput, timeZoneLabel } from '@/app/_shared/time';
import type { Locale } from '@/app/_i18n/config';
import './signups.css';

export interface SignupLinkChoices {
  provinceCode: string;
  /** Empty for a kabupaten coordinator: its links are for its kabupaten. */
  regencies: Choice[];
  fixedRegencyCode: string | null;
  pillars: Choice[];
  trainings: { id: string; name: string }[];
}

/** The coordinator's sign-up links, and the form that opens a new one. */
export function SignupLinks({
  links,
  choices,
  timeZone,
  defaultUntil,
}: {
  links: Json<SignupLinkSummary>[];
  choices: SignupLinkChoices;
  timeZone: TimeZone;
  /** Three days from the page's render, as the datetime-local input shows it. */
  defaultUntil: string;
}) {
  const t = useTranslations('signups.links');
  const locale = useLocale() as Locale;
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<Record<string, string[]>>({});

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '');
    setBusy(true);
    setError(null);
    const result = await callApi<{ link: { id: string } }>('/api/signup-links', {
      body: {
        title: text('title'),
        provinceCode: choices.provinceCode,
        regencyCode: choices.fixedRegencyCode ?? (text('regencyCode') || null),
        pillarCode: text('pillarCode'),
        trainingId: text('trainingId') || null,
        validUntil: fromLocalInput(text('validUntil'), timeZone),
      },
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setDetails(result.details ?? {});
      return;
    }
    router.push(`/posko/pendaftaran/${result.data.link.id}`);
  }

  const fieldError = (field: string) =>
    details[field] ? (
      <p className="form-error" id={`signup-${field}-error`}>
        {details[field].join(' ')}
      </p>
    ) : null;

  return (
    <main className="page-body">
      <section className="card" aria-labelledby="signup-new-title">
        <h2 id="signup-new-title">{t('newTitle')}</h2>
        <p className="hint">{t('newHint')}</p>
        <form className="signup-new" onSubmit={create}>
          <div>
            <label htmlFor="signup-title">{t('fieldTitle')}</label>
            <input id="signup-title" name="title" required maxLength={120} />
            {fieldError('title')}
          </div>
          {choices.fixedRegencyCode ? null : (
            <div>
              <label htmlFor="signup-regency">{t('fieldRegency')}</label>
              <select id="signup-regency" name="regencyCode" defaultValue="">
                <option value="">{t('wholeProvince')}</option>
                {choices.regencies.map((regency) => (
                  <option key={regency.code} value={regency.code}>
                    {regency.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div>
            <label htmlFor="signup-pillar">{t('fieldPillar')}</label>
            <select id="signup-pillar" name="pillarCode" required defaultValue={choices.pillars[0]?.code}>
              {choices.pillars.map((pillar) => (
                <option key={pillar.code} value={pillar.code}>
                  {pillar.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="signup-training">{t('fieldTraining')}</label>
            <select id="signup-training" name="trainingId" defaultValue="">
              <option value="">{t('noTraining')}</option>
              {choices.trainings.map((training) => (
                <option key={training.id} value={training.id}>
                  {training.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="signup-until">{t('fieldValidUntil', { zone: timeZoneLabel(timeZone) })}</label>
            <input id="signup-until" name="validUntil" type="datetime-local" required defaultValue={defaultUntil} />
            {fieldError('validUntil')}
          </div>
          <div>
            <button className="button-primary" type="submit" disabled={busy}>
              {busy ? t('creating') : t('create')}
            </button>
          </div>
        </form>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="signup-links-title">
        <h2 id="signup-links-title">{t('heading')}</h2>
        {links.length === 0 ? (
          <p className="hint">{t('empty')}</p>
        ) : (
          <table className="card-table signup-table">
            <thead>
              <tr>
                <th scope="col">{t('columns.title')}</th>
                <th scope="col">{t('columns.area')}</th>
                <th scope="col">{t('columns.pillar')}</th>
                <th scope="col">{t('columns.until')}</th>
                <th scope="col">{t('columns.state')}</th>
                <th scope="col">{t('columns.pending')}</th>
                <th scope="col">{t('columns.approved')}</th>
                <th scope="col">{t('columns.rejected')}</th>
              </tr>
            </thead>
            <tbody>
              {links.map((link) => (
                <tr key={link.id}>
                  <td data-label={t('columns.title')}>
                    <Link href={`/posko/pendaftaran/${link.id}`}>{link.title}</Link>
                  </td>
                  <td data-label={t('columns.area')}>{link.regencyName ?? link.provinceName}</td>
                  <td data-label={t('columns.pillar')}>{link.pillar}</td>
                  <td data-label={t('columns.until')}>{formatWhen(link.validUntil, link.timeZone, locale)}</td>
                  <td data-label={t('columns.state')}>{t(`state.${link.state}`)}</td>
                  <td data-label={t('columns.pending')}>{link.counts.pending}</td>
                  <td data-label={t('columns.approved')}>{link.counts.approved}</td>
                  <td data-label={t('columns.rejected')}>{link.counts.rejected}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
