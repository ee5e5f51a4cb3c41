'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { AVAILABILITY_LABELS } from '@/lib/domain';
import type { SharedActivation } from '@/server/accounts/share';
import type { RosterRow } from '@/server/volunteers/roster';
import { callApi } from '../_lib/api';
import { ActivationLinks } from './ActivationLinks';

const ACCOUNT_LABELS: Record<RosterRow['account'], string> = {
  none: 'Belum ada akun',
  pending: 'Menunggu aktivasi',
  active: 'Aktif',
  disabled: 'Dikunci',
};

const PAGE_SIZE = 50;

interface RosterPage {
  rows: RosterRow[];
  total: number;
  page: number;
}

export function ActivationRoster({ regencies }: { regencies: { code: string; name: string }[] }) {
  const [filters, setFilters] = useState({ search: '', regencyCode: '', page: 1 });
  const [roster, setRoster] = useState<RosterPage | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [links, setLinks] = useState<(SharedActivation & { volunteerId: string })[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    const params = new URLSearchParams({ page: String(filters.page), pageSize: String(PAGE_SIZE) });
    if (filters.search) params.set('search', filters.search);
    if (filters.regencyCode) params.set('regencyCode', filters.regencyCode);
    void callApi<RosterPage>(`/api/volunteers?${params}`).then((result) => {
      if (!current) return;
      if (result.ok) setRoster(result.data);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [filters, reloads]);

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilters({
      search: String(form.get('search') ?? ''),
      regencyCode: String(form.get('regencyCode') ?? ''),
      page: 1,
    });
  }

  function toggle(id: string) {
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  async function issue() {
    setBusy(true);
    setError(null);
    const result = await callApi<{ links: (SharedActivation & { volunteerId: string })[] }>('/api/activations', {
      body: { volunteerIds: [...chosen] },
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setLinks(result.data.links);
    setChosen(new Set());
    setReloads((count) => count + 1);
  }

  const pages = roster ? Math.max(1, Math.ceil(roster.total / PAGE_SIZE)) : 1;
  const pageIds = roster?.rows.map((row) => row.id) ?? [];
  const allChosen = pageIds.length > 0 && pageIds.every((id) => chosen.has(id));

  return (
    <main className="page-body">
      {links.length > 0 ? <ActivationLinks links={links} /> : null}
      <section className="card">
        <form className="filters" onSubmit={search} role="search">
          <label>
            <span>Cari nama</span>
            <input name="search" defaultValue={filters.search} placeholder="mis. Siti" />
          </label>
          {regencies.length > 0 ? (
            <label>
              <span>Kabupaten/kota</span>
              <select name="regencyCode" defaultValue={filters.regencyCode}>
                <option value="">Semua</option>
                {regencies.map((regency) => (
                  <option key={regency.code} value={regency.code}>
                    {regency.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button type="submit">Tampilkan</button>
        </form>
        <div className="toolbar">
          <p>
            {roster ? `${roster.total.toLocaleString('id-ID')} relawan` : 'Memuat…'} · {chosen.size} dipilih
          </p>
          <button
            type="button"
            className="button-primary"
            disabled={busy || chosen.size === 0}
            onClick={() => void issue()}
          >
            {busy ? 'Membuat…' : `Buat tautan aktivasi (${chosen.size})`}
          </button>
        </div>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Pilih semua di halaman ini"
                    checked={allChosen}
                    onChange={() =>
                      setChosen((current) => {
                        const next = new Set(current);
                        for (const id of pageIds) {
                          if (allChosen) next.delete(id);
                          else next.add(id);
                        }
                        return next;
                      })
                    }
                  />
                </th>
                <th scope="col">Nama</th>
                <th scope="col">Pilar</th>
                <th scope="col">Kabupaten/kota</th>
                <th scope="col">Status</th>
                <th scope="col">Akun</th>
              </tr>
            </thead>
            <tbody>
              {roster?.rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Pilih ${row.name}`}
                      checked={chosen.has(row.id)}
                      onChange={() => toggle(row.id)}
                    />
                  </td>
                  <td>{row.name}</td>
                  <td>{row.pillar}</td>
                  <td>{row.regencyName}</td>
                  <td>{AVAILABILITY_LABELS[row.availability]}</td>
                  <td>
                    {ACCOUNT_LABELS[row.account]}
                    {row.account === 'pending' && row.linkOpen ? ' (tautan terkirim)' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <nav className="pager" aria-label="Halaman daftar">
          <button
            type="button"
            disabled={filters.page <= 1}
            onClick={() => setFilters((current) => ({ ...current, page: current.page - 1 }))}
          >
            Sebelumnya
          </button>
          <span>
            Halaman {filters.page} dari {pages}
          </span>
          <button
            type="button"
            disabled={filters.page >= pages}
            onClick={() => setFilters((current) => ({ ...current, page: current.page + 1 }))}
          >
            Berikutnya
          </button>
        </nav>
      </section>
    </main>
  );
}
