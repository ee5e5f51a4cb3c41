'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AccountRow } from '@/server/accounts/queries';
import type { SharedActivation } from '@/server/accounts/share';
import { callApi } from '@/app/_shared/api';
import styles from './AccountAdmin.module.css';
import { ActivationLinks } from '@/app/_shared/ActivationLinks';

interface Area {
  code: string;
  name: string;
}

type NewRole = 'coordinator' | 'leader' | 'admin';

/** Staff accounts: create one (with its activation link), end an account's sessions or lock it. */
export function AccountAdmin({
  provinces,
  regencies,
  defaultProvince,
}: {
  provinces: Area[];
  regencies: (Area & { provinceCode: string })[];
  defaultProvince: string;
}) {
  const t = useTranslations('admin');
  const roles = useTranslations('common.roles');
  const [accounts, setAccounts] = useState<AccountRow[]>([]);
  const [link, setLink] = useState<SharedActivation | null>(null);
  const [error, setError] = useState<{ message: string; details?: Record<string, string[]> } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [role, setRole] = useState<NewRole>('coordinator');
  const [provinceCode, setProvinceCode] = useState(defaultProvince);
  const [busy, setBusy] = useState(false);

  const [reloads, setReloads] = useState(0);
  const reload = () => setReloads((count) => count + 1);

  useEffect(() => {
    let current = true;
    void callApi<AccountRow[]>('/api/accounts').then((result) => {
      if (current && result.ok) setAccounts(result.data);
    });
    return () => {
      current = false;
    };
  }, [reloads]);

  const provinceName = useMemo(() => new Map(provinces.map((area) => [area.code, area.name])), [provinces]);
  const regencyName = useMemo(() => new Map(regencies.map((area) => [area.code, area.name])), [regencies]);
  const provinceRegencies = regencies.filter((regency) => regency.provinceCode === provinceCode);

  /** "Kabupaten Kapuas, Kalimantan Tengah", "Provinsi Kalimantan Tengah" or "Seluruh Indonesia". */
  function scopeName(account: AccountRow): string {
    const province = account.provinceCode ? (provinceName.get(account.provinceCode) ?? account.provinceCode) : null;
    if (account.regencyCode) {
      return `${regencyName.get(account.regencyCode) ?? account.regencyCode}, ${province}`;
    }
    return province ? t('scope.province', { name: province }) : t('scope.everywhere');
  }

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    setError(null);
    setBusy(true);
    const result = await callApi<{ link: SharedActivation }>('/api/accounts', {
      body: {
        role,
        displayName: text('displayName'),
        username: text('username'),
        phone: text('phone'),
        provinceCode: role === 'admin' ? undefined : text('provinceCode'),
        regencyCode: role === 'admin' ? undefined : text('regencyCode'),
      },
    });
    setBusy(false);
    if (!result.ok) {
      setError({ message: result.error, details: result.details });
      return;
    }
    setLink(result.data.link);
    (event.target as HTMLFormElement).reset();
    setRole('coordinator');
    setProvinceCode(defaultProvince);
    reload();
  }

  async function endSessions(account: AccountRow, disable: boolean) {
    const result = await callApi<{ ended: number }>(`/api/accounts/${account.userId}/end-sessions`, {
      body: { disable },
    });
    setNotice(
      result.ok
        ? t(disable ? 'endedAndLocked' : 'ended', { name: account.name, count: result.data.ended })
        : result.error,
    );
    reload();
  }

  const fieldError = (name: string) => error?.details?.[name]?.[0];

  return (
    <main className="page-body">
      <section className="card" aria-labelledby="new-account">
        <h2 id="new-account">{t('newAccount')}</h2>
        <form className="account-form" onSubmit={create} noValidate>
          <div className={styles.field}>
            <label htmlFor="account-role">{t('role')}</label>
            <select
              id="account-role"
              name="role"
              value={role}
              onChange={(event) => setRole(event.target.value as NewRole)}
            >
              <option value="coordinator">{roles('coordinator')}</option>
              <option value="leader">{roles('leader')}</option>
              <option value="admin">{roles('admin')}</option>
            </select>
          </div>
          <div className={styles.field}>
            <label htmlFor="account-displayName">{t('displayName')}</label>
            <input id="account-displayName" name="displayName" required />
            {fieldError('displayName') ? <small className="form-error">{fieldError('displayName')}</small> : null}
          </div>
          <div className={styles.field}>
            <label htmlFor="account-username">{t('username')}</label>
            <input id="account-username" name="username" required autoCapitalize="none" />
            {fieldError('username') ? <small className="form-error">{fieldError('username')}</small> : null}
          </div>
          <div className={styles.field}>
            <label htmlFor="account-phone">{t('phone')}</label>
            <input id="account-phone" name="phone" inputMode="tel" />
            {fieldError('phone') ? <small className="form-error">{fieldError('phone')}</small> : null}
          </div>
          {role === 'admin' ? (
            <p className="hint">{t('adminScope')}</p>
          ) : (
            <>
              <div className={styles.field}>
                <label htmlFor="account-provinceCode">{t('province')}</label>
                <select
                  id="account-provinceCode"
                  name="provinceCode"
                  value={provinceCode}
                  onChange={(event) => setProvinceCode(event.target.value)}
                >
                  {provinces.map((province) => (
                    <option key={province.code} value={province.code}>
                      {province.name}
                    </option>
                  ))}
                </select>
                {fieldError('provinceCode') ? <small className="form-error">{fieldError('provinceCode')}</small> : null}
              </div>
              <div className={styles.field}>
                <label htmlFor="account-regencyCode">{t('regency')}</label>
                {/* Keyed by province: another province starts again from "the whole province". */}
                <select id="account-regencyCode" name="regencyCode" defaultValue="" key={provinceCode}>
                  <option value="">{t('wholeProvince')}</option>
                  {provinceRegencies.map((regency) => (
                    <option key={regency.code} value={regency.code}>
                      {regency.name}
                    </option>
                  ))}
                </select>
                {fieldError('regencyCode') ? <small className="form-error">{fieldError('regencyCode')}</small> : null}
              </div>
            </>
          )}
          {error ? <p className="form-error">{error.message}</p> : null}
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t('creating') : t('create')}
          </button>
        </form>
      </section>
      {link ? <ActivationLinks links={[link]} /> : null}
      <section className={`card ${styles.accounts}`} aria-labelledby="accounts-title">
        <h2 id="accounts-title">{t('accounts', { count: accounts.length })}</h2>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        <div className="table-scroll">
          <table className={`data-table card-table ${styles.table}`}>
            <thead>
              <tr>
                <th scope="col">{t('columns.name')}</th>
                <th scope="col">{t('columns.role')}</th>
                <th scope="col">{t('columns.username')}</th>
                <th scope="col">{t('columns.scope')}</th>
                <th scope="col">{t('columns.state')}</th>
                <th scope="col">{t('columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <tr key={account.userId}>
                  <td>{account.name}</td>
                  <td data-label={t('columns.role')}>{roles(account.role)}</td>
                  <td data-label={t('columns.username')}>{account.username}</td>
                  <td data-label={t('columns.scope')}>{scopeName(account)}</td>
                  <td data-label={t('columns.state')}>{t(`states.${account.state}`)}</td>
                  <td className="actions">
                    <button
                      type="button"
                      aria-label={t('endSessionsOf', { name: account.name })}
                      onClick={() => void endSessions(account, false)}
                    >
                      {t('endSessions')}
                    </button>
                    {account.state !== 'disabled' ? (
                      <button
                        type="button"
                        aria-label={t('lockOf', { name: account.name })}
                        onClick={() => void endSessions(account, true)}
                      >
                        {t('lock')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
