'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { ROLE_LABELS } from '@/lib/roles';
import type { AccountRow } from '@/server/accounts/queries';
import type { SharedActivation } from '@/server/accounts/share';
import { callApi } from '../_lib/api';
import { ActivationLinks } from './ActivationLinks';

const STATE_LABELS: Record<AccountRow['state'], string> = {
  pending: 'Menunggu aktivasi',
  active: 'Aktif',
  disabled: 'Dikunci',
};

export function AccountAdmin({ provinces }: { provinces: { code: string; name: string }[] }) {
  const [accounts, setAccounts] = useState<AccountRow[]>([]);
  const [link, setLink] = useState<SharedActivation | null>(null);
  const [error, setError] = useState<{ message: string; details?: Record<string, string[]> } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

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

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    setError(null);
    const result = await callApi<{ link: SharedActivation }>('/api/accounts', {
      body: {
        role: text('role'),
        displayName: text('displayName'),
        username: text('username'),
        phone: text('phone'),
        provinceCode: text('role') === 'admin' ? undefined : text('provinceCode'),
        regencyCode: text('regencyCode'),
      },
    });
    if (!result.ok) {
      setError({ message: result.error, details: result.details });
      return;
    }
    setLink(result.data.link);
    (event.target as HTMLFormElement).reset();
    reload();
  }

  async function endSessions(account: AccountRow, disable: boolean) {
    const result = await callApi<{ ended: number }>(`/api/accounts/${account.userId}/end-sessions`, {
      body: { disable },
    });
    setNotice(
      result.ok
        ? `${account.name}: ${result.data.ended} sesi diakhiri${disable ? ', akun dikunci' : ''}.`
        : result.error,
    );
    reload();
  }

  const fieldError = (name: string) => error?.details?.[name]?.[0];

  return (
    <main className="page-body">
      <section className="card" aria-labelledby="new-account">
        <h2 id="new-account">Akun baru</h2>
        <form className="account-form" onSubmit={create} noValidate>
          <label>
            <span>Peran</span>
            <select name="role" defaultValue="coordinator">
              <option value="coordinator">Koordinator</option>
              <option value="leader">Pimpinan</option>
              <option value="admin">Admin</option>
            </select>
          </label>
          <label>
            <span>Nama lengkap</span>
            <input name="displayName" required />
            {fieldError('displayName') ? <small className="form-error">{fieldError('displayName')}</small> : null}
          </label>
          <label>
            <span>Nama pengguna</span>
            <input name="username" required autoCapitalize="none" />
            {fieldError('username') ? <small className="form-error">{fieldError('username')}</small> : null}
          </label>
          <label>
            <span>Nomor HP (boleh kosong)</span>
            <input name="phone" inputMode="tel" />
            {fieldError('phone') ? <small className="form-error">{fieldError('phone')}</small> : null}
          </label>
          <label>
            <span>Provinsi</span>
            <select name="provinceCode" defaultValue="62">
              {provinces.map((province) => (
                <option key={province.code} value={province.code}>
                  {province.name}
                </option>
              ))}
            </select>
            {fieldError('provinceCode') ? <small className="form-error">{fieldError('provinceCode')}</small> : null}
          </label>
          <label>
            <span>Kode kabupaten/kota (kosong: seluruh provinsi)</span>
            <input name="regencyCode" placeholder="mis. 62.03" />
            {fieldError('regencyCode') ? <small className="form-error">{fieldError('regencyCode')}</small> : null}
          </label>
          {error ? (
            <p className="form-error" role="alert">
              {error.message}
            </p>
          ) : null}
          <button type="submit" className="button-primary">
            Buat akun dan tautan aktivasi
          </button>
        </form>
      </section>
      {link ? <ActivationLinks links={[link]} /> : null}
      <section className="card" aria-labelledby="accounts-title">
        <h2 id="accounts-title">Akun petugas ({accounts.length})</h2>
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Nama</th>
                <th scope="col">Peran</th>
                <th scope="col">Nama pengguna</th>
                <th scope="col">Wilayah</th>
                <th scope="col">Status</th>
                <th scope="col">Tindakan</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <tr key={account.userId}>
                  <td>{account.name}</td>
                  <td>{ROLE_LABELS[account.role]}</td>
                  <td>{account.username}</td>
                  <td>{account.regencyCode ?? account.provinceCode ?? 'Seluruh Indonesia'}</td>
                  <td>{STATE_LABELS[account.state]}</td>
                  <td className="actions">
                    <button type="button" onClick={() => void endSessions(account, false)}>
                      Akhiri sesi
                    </button>
                    {account.state !== 'disabled' ? (
                      <button type="button" onClick={() => void endSessions(account, true)}>
                        Kunci
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
