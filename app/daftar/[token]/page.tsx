import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import { getAppContext } from '@/server/context';
import { publicSignupForm } from '@/server/signups/queries';
import { readSignupEcho, SIGNUP_ECHO_COOKIE } from '@/server/signups/form';
import { formatWhen } from '@/app/_shared/time';
import type { Locale } from '@/app/_i18n/config';
import '@/app/_areas/signups/signup-form.css';
import { PrivacyLink } from '@/app/_areas/privacy/PrivacyLink';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signups.form');
  // No 'no-referrer' here: with it Chromium sends "Origin: null" on the form post, which the Origin check refuses;
  // the site-wide same-origin referrer policy already keeps the link from other sites.
  return { title: t('title') };
}

/**
 * Opened from a QR code at a camp, on a cheap phone on a weak signal: a plain form, server-rendered,
 * that works without JavaScript; no session needed.
 */
export default async function SignupFormPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const ctx = getAppContext();
  const [form, t, locale, jar] = await Promise.all([
    publicSignupForm(ctx.db, token, ctx.now()),
    getTranslations('signups.form'),
    getLocale(),
    cookies(),
  ]);
  if (form.state !== 'open') {
    return (
      <main className="signup-page">
        <h1>{t('title')}</h1>
        {form.title && <p>{form.title}</p>}
        <p className="signup-alert" role="alert">
          {t(`state.${form.state}`)}
        </p>
        <p>{t('askOrganiser')}</p>
        <PrivacyLink />
      </main>
    );
  }
  const echo = readSignupEcho(jar.get(SIGNUP_ECHO_COOKIE)?.value);
  const value = (field: string) => echo?.values[field as keyof typeof echo.values] ?? '';
  const fieldError = (field: string) => {
    const messages = echo?.details[field];
    return messages ? (
      <p className="signup-error" id={`${field}-error`}>
        {messages.join(' ')}
      </p>
    ) : null;
  };
  const described = (field: string, hint?: boolean) =>
    [hint ? `${field}-hint` : '', echo?.details[field] ? `${field}-error` : ''].filter(Boolean).join(' ') || undefined;
  const single = form.regencies!.length === 1 ? form.regencies![0]! : null;
  return (
    <main className="signup-page">
      <h1>{t('title')}</h1>
      <p>
        <strong>{t('where', { title: form.title!, place: form.regencyName ?? form.provinceName! })}</strong>
      </p>
      <p>{t('intro', { pillar: form.pillar! })}</p>
      <p className="signup-hint">
        {t('until', { when: formatWhen(form.validUntil!.toISOString(), form.timeZone!, locale as Locale) })}
      </p>
      {echo && (
        <div className="signup-alert" role="alert">
          <strong>{t('refused')}:</strong> {echo.error}
        </div>
      )}
      <form id="formulir" className="signup-form" method="post" action={`/daftar/${token}/kirim`}>
        <div>
          <label htmlFor="name">{t('name')}</label>
          <input
            id="name"
            name="name"
            type="text"
            required
            maxLength={120}
            autoComplete="name"
            defaultValue={value('name')}
            aria-describedby={described('name')}
          />
          {fieldError('name')}
        </div>
        <div>
          <label htmlFor="phone">{t('phone')}</label>
          <input
            id="phone"
            name="phone"
            type="tel"
            required
            maxLength={20}
            autoComplete="tel"
            inputMode="tel"
            defaultValue={value('phone')}
            aria-describedby={described('phone', true)}
          />
          <p className="signup-hint" id="phone-hint">
            {t('phoneHint')}
          </p>
          {fieldError('phone')}
        </div>
        {single ? (
          <input type="hidden" name="regencyCode" value={single.code} />
        ) : (
          <div>
            <label htmlFor="regencyCode">{t('regency')}</label>
            <select
              id="regencyCode"
              name="regencyCode"
              required
              defaultValue={value('regencyCode')}
              aria-describedby={described('regencyCode')}
            >
              <option value="">{t('choose')}</option>
              {form.regencies!.map((regency) => (
                <option key={regency.code} value={regency.code}>
                  {regency.name}
                </option>
              ))}
            </select>
            {fieldError('regencyCode')}
          </div>
        )}
        <div>
          <label htmlFor="districtCode">{t('district')}</label>
          <select
            id="districtCode"
            name="districtCode"
            required
            defaultValue={value('districtCode')}
            aria-describedby={described('districtCode')}
          >
            <option value="">{t('choose')}</option>
            {single
              ? single.districts.map((district) => (
                  <option key={district.code} value={district.code}>
                    {district.name}
                  </option>
                ))
              : form.regencies!.map((regency) => (
                  <optgroup key={regency.code} label={regency.name}>
                    {regency.districts.map((district) => (
                      <option key={district.code} value={district.code}>
                        {district.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
          </select>
          {fieldError('districtCode')}
        </div>
        <div>
          <label htmlFor="village">{t('village')}</label>
          <input
            id="village"
            name="village"
            type="text"
            maxLength={80}
            defaultValue={value('village')}
            aria-describedby={described('village')}
          />
          {fieldError('village')}
        </div>
        <fieldset aria-describedby={described('gender')}>
          <legend>{t('gender')}</legend>
          <div className="choice">
            <input
              id="gender-male"
              type="radio"
              name="gender"
              value="male"
              defaultChecked={value('gender') === 'male'}
            />
            <label htmlFor="gender-male">{t('male')}</label>
          </div>
          <div className="choice">
            <input
              id="gender-female"
              type="radio"
              name="gender"
              value="female"
              defaultChecked={value('gender') === 'female'}
            />
            <label htmlFor="gender-female">{t('female')}</label>
          </div>
          {fieldError('gender')}
        </fieldset>
        <div>
          <label htmlFor="birthYear">{t('birthYear')}</label>
          <input
            id="birthYear"
            name="birthYear"
            type="number"
            inputMode="numeric"
            min={1900}
            max={new Date().getFullYear()}
            defaultValue={value('birthYear')}
            aria-describedby={described('birthYear')}
          />
          {fieldError('birthYear')}
        </div>
        <div>
          <label htmlFor="nik">{t('nik')}</label>
          <input
            id="nik"
            name="nik"
            type="text"
            inputMode="numeric"
            maxLength={20}
            defaultValue={value('nik')}
            aria-describedby={described('nik', true)}
          />
          <p className="signup-hint" id="nik-hint">
            {t('nikHint')}
          </p>
          {fieldError('nik')}
        </div>
        <div>
          <label htmlFor="skills">{t('skills')}</label>
          <input
            id="skills"
            name="skills"
            type="text"
            maxLength={300}
            defaultValue={value('skills')}
            aria-describedby={described('skills', true)}
          />
          <p className="signup-hint" id="skills-hint">
            {t('skillsHint')}
          </p>
          {fieldError('skills')}
        </div>
        <div>
          <div className="signup-consent">
            <input
              id="consent"
              name="consent"
              type="checkbox"
              value="yes"
              required
              aria-describedby={described('consent')}
            />
            <label htmlFor="consent">{t('consent')}</label>
          </div>
          {fieldError('consent')}
        </div>
        <button className="signup-submit" type="submit">
          {t('submit')}
        </button>
      </form>
      <PrivacyLink />
    </main>
  );
}
