'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ApiTokenSummary, IssuedApiToken } from '@/lib/api-tokens';
import type { TimeZone } from '@/lib/domain';
import type { Locale } from '@/app/_i18n/config';
import { callApi } from '@/app/_shared/api';
import { formatWhen } from '@/app/_shared/time';
import styles from './ApiTokenAdmin.module.css';

interface Province {
  code: string;
  name: string;
  timeZone: TimeZone;
}

const DAY_MS = 86_400_000;
const day = (date: Date) => date.toISOString().slice(0, 10);

/** Issue a read-only token (shown once), list every token with its last use, revoke one. */
export function ApiTokenAdmin({
  provinces,
  defaultProvince,
  ratePerMinute,
  maxDays,
}: {
  provinces: Province[];
  defaultProvince: string;
  ratePerMinute: number;
  maxDays: number;
}) {
  const t = useTranslations('apiTokens');
  const locale = useLocale() as Locale;
  const [tokens, setTokens] = useState<ApiTokenSummary[]>([]);
  const [issued, setIssued] = useState<IssuedApiToken | null>(null);
  const [error, setError] = useState<{ message: string; details?: Record<string, string[]> } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reloads, setReloads] = useState(0);
  const [example, setExample] = useState('');

  useEffect(() => {
    let current = true;
    void callApi<{ tokens: ApiTokenSummary[] }>('/api/api-tokens').then((result) => {
      if (current && result.ok) setTokens(result.data.tokens);
    });
    return () => {
      current = false;
    };
  }, [reloads]);

  const zoneOf = useMemo(() => new Map(provinces.map((province) => [province.code, province.timeZone])), [provinces]);
  const when = (iso: string, provinceCode: string) =>
    formatWhen(iso, zoneOf.get(provinceCode) ?? 'Asia/Jakarta', locale);
  const today = new Date();
  const limits = {
    min: day(new Date(today.getTime() + DAY_MS)),
    max: day(new Date(today.getTime() + (maxDays - 1) * DAY_MS)),
  };

  async function issue(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const provinceCode = String(form.get('provinceCode') ?? '');
    const until = String(form.get('expiresOn') ?? '');
    const zone = zoneOf.get(provinceCode) ?? 'Asia/Jakarta';
    const offset = { 'Asia/Jakarta': '+07:00', 'Asia/Makassar': '+08:00', 'Asia/Jayapura': '+09:00' }[zone];
    setError(null);
    setNotice(null);
    setCopied(false);
    setBusy(true);
    const result = await callApi<IssuedApiToken>('/api/api-tokens', {
      body: {
        name: String(form.get('name') ?? ''),
        provinceCode,
        // The end of the chosen day in the province's own time.
        expiresAt: /^\d{4}-\d{2}-\d{2}$/.test(until) ? `${until}T23:59:59${offset}` : until,
      },
    });
    setBusy(false);
    if (!result.ok) {
      setError({ message: result.error, details: result.details });
      return;
    }
    setIssued(result.data);
    const { token, apiToken } = result.data;
    setExample(
      `curl -H "Authorization: Bearer ${token}" "${window.location.origin}/api/incidents?provinceCode=${apiToken.provinceCode}"`,
    );
    (event.target as HTMLFormElement).reset();
    setReloads((count) => count + 1);
  }

  async function revoke(token: ApiTokenSummary) {
    setConfirming(null);
    const result = await callApi<{ apiToken: ApiTokenSummary }>(`/api/api-tokens/${token.id}/revoke`, { body: {} });
    setNotice(result.ok ? t('revoked', { name: token.name }) : result.error);
    if (issued?.apiToken.id === token.id) setIssued(null);
    setReloads((count) => count + 1);
  }

  async function copy(token: string) {
    await navigator.clipboard?.writeText(token).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  const fieldError = (name: string) => error?.details?.[name]?.[0];

  return (
    <main className={`page-body ${styles.page}`}>
      <section className={`card ${styles.intro}`} aria-labelledby="api-intro">
        <h2 id="api-intro">{t('title')}</h2>
        <p>{t('intro', { rate: ratePerMinute.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB') })}</p>
        <p>
          <a href="/api/openapi.json">{t('documentation')}</a>: <code>/api/openapi.json</code>
        </p>
      </section>
      <section className="card" aria-labelledby="new-token">
        <h2 id="new-token">{t('newToken')}</h2>
        <form className="account-form" onSubmit={issue} noValidate>
          <div className={styles.field}>
            <label htmlFor="token-name">{t('name')}</label>
            <input id="token-name" name="name" required placeholder={t('namePlaceholder')} autoComplete="off" />
            {fieldError('name') ? <small className="form-error">{fieldError('name')}</small> : null}
          </div>
          <div className={styles.field}>
            <label htmlFor="token-province">{t('province')}</label>
            <select id="token-province" name="provinceCode" defaultValue={defaultProvince}>
              {provinces.map((province) => (
                <option key={province.code} value={province.code}>
                  {province.name}
                </option>
              ))}
            </select>
            {fieldError('provinceCode') ? <small className="form-error">{fieldError('provinceCode')}</small> : null}
          </div>
          <div className={styles.field}>
            <label htmlFor="token-expires">{t('expiresOn')}</label>
            <input
              id="token-expires"
              name="expiresOn"
              type="date"
              required
              min={limits.min}
              max={limits.max}
              defaultValue={day(new Date(today.getTime() + 90 * DAY_MS))}
              aria-describedby="token-expires-hint"
            />
            <small id="token-expires-hint" className="hint">
              {t('expiresHint', { days: maxDays })}
            </small>
            {fieldError('expiresAt') ? <small className="form-error">{fieldError('expiresAt')}</small> : null}
          </div>
          {error ? (
            <p className="form-error" role="alert">
              {error.message}
            </p>
          ) : null}
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t('issuing') : t('issue')}
          </button>
        </form>
      </section>
      {issued ? (
        <section className={`card ${styles.issued}`} aria-labelledby="issued-token" role="status">
          <h2 id="issued-token">{t('issuedTitle', { name: issued.apiToken.name })}</h2>
          <p className={styles.warning}>{t('issuedWarning')}</p>
          <label htmlFor="issued-token-value" className={styles.label}>
            {t('tokenLabel')}
          </label>
          <div className={styles.secret}>
            <input id="issued-token-value" readOnly value={issued.token} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" onClick={() => void copy(issued.token)}>
              {t('copy')}
            </button>
          </div>
          {copied ? <p className="hint">{t('copied')}</p> : null}
          <p className={styles.label}>{t('example')}</p>
          <pre className={styles.example} tabIndex={0}>
            {example}
          </pre>
        </section>
      ) : null}
      <section className={`card ${styles.list}`} aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t('tokens', { count: tokens.length })}</h2>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        {tokens.length === 0 ? <p className="hint">{t('empty')}</p> : null}
        {tokens.length > 0 ? (
          <div className="table-scroll">
            <table className={`data-table card-table ${styles.table}`}>
              <thead>
                <tr>
                  <th scope="col">{t('columns.name')}</th>
                  <th scope="col">{t('columns.province')}</th>
                  <th scope="col">{t('columns.hint')}</th>
                  <th scope="col">{t('columns.expires')}</th>
                  <th scope="col">{t('columns.lastUsed')}</th>
                  <th scope="col">{t('columns.state')}</th>
                  <th scope="col">{t('columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id}>
                    <td>{token.name}</td>
                    <td data-label={t('columns.province')}>{token.provinceName}</td>
                    <td data-label={t('columns.hint')}>
                      <code>{token.hint}</code>
                    </td>
                    <td data-label={t('columns.expires')}>{when(token.expiresAt, token.provinceCode)}</td>
                    <td data-label={t('columns.lastUsed')}>
                      {token.lastUsedAt ? when(token.lastUsedAt, token.provinceCode) : t('never')}
                    </td>
                    <td data-label={t('columns.state')}>
                      <span className={`${styles.state} ${styles[token.state]}`}>{t(`states.${token.state}`)}</span>
                    </td>
                    <td className="actions">
                      {token.state === 'revoked' ? null : confirming === token.id ? (
                        <>
                          <button
                            type="button"
                            className={styles.danger}
                            aria-label={t('confirmRevokeOf', { name: token.name })}
                            onClick={() => void revoke(token)}
                          >
                            {t('confirmRevoke')}
                          </button>
                          <button type="button" onClick={() => setConfirming(null)}>
                            {t('cancel')}
                          </button>
                        </>
                      ) : (
                        <button
                          type="button"
                          aria-label={t('revokeOf', { name: token.name })}
                          onClick={() => setConfirming(token.id)}
                        >
                          {t('revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </main>
  );
}
