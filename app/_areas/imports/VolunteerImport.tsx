'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { IMPORT_FIELDS, type ImportField, type ImportPreview, type ImportResult } from '@/lib/imports';
import { callApi } from '@/app/_shared/api';
import styles from './VolunteerImport.module.css';

/** Problems shown on the page; the error workbook holds every one. */
const SHOWN_PROBLEMS = 200;

async function uploadImport(
  file: File,
  options: { sheet?: string; mapping?: Record<string, ImportField | null>; provinceCode: string | null },
): Promise<{ ok: true; data: ImportPreview } | { ok: false; error: string }> {
  const form = new FormData();
  form.set('file', file);
  if (options.sheet) form.set('sheet', options.sheet);
  if (options.mapping) form.set('mapping', JSON.stringify(options.mapping));
  if (options.provinceCode) form.set('provinceCode', options.provinceCode);
  let response: Response;
  try {
    response = await fetch('/api/volunteer-imports', { method: 'POST', body: form, credentials: 'same-origin' });
  } catch {
    return { ok: false, error: 'Tidak ada koneksi ke server. Periksa sinyal lalu coba lagi.' };
  }
  const body = (await response.json().catch(() => null)) as (ImportPreview & { error?: string }) | null;
  if (response.ok && body) return { ok: true, data: body };
  return { ok: false, error: body?.error ?? 'Terjadi kesalahan. Coba lagi.' };
}

/** Upload → preview (counts, mapping, problems by row and column, updates) → save, on a phone or a desk. */
export function VolunteerImport({
  provinceCode,
  provinceName,
}: {
  provinceCode: string | null;
  provinceName: string | null;
}) {
  const t = useTranslations('imports');
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, ImportField | null>>({});
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'upload' | 'commit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const templateHref = `/api/volunteer-imports/template.xlsx${provinceCode ? `?provinceCode=${provinceCode}` : ''}`;

  async function check(options: { sheet?: string; mapping?: Record<string, ImportField | null> } = {}) {
    if (!file) return;
    setBusy('upload');
    setError(null);
    setResult(null);
    const answer = await uploadImport(file, { ...options, provinceCode });
    setBusy(null);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setPreview(answer.data);
    setMapping(answer.data.mapping);
  }

  async function commit() {
    if (!preview) return;
    setBusy('commit');
    setError(null);
    const answer = await callApi<ImportResult>(`/api/volunteer-imports/${preview.id}/commit`, {
      method: 'POST',
      body: {},
    });
    setBusy(null);
    if (answer.ok) setResult(answer.data);
    else setError(answer.error);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPreview(null);
    void check();
  }

  const saved = result ?? preview?.committed ?? null;
  const writable = preview ? preview.create + preview.update : 0;
  return (
    <main className={`page-body ${styles.page}`}>
      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">{t('title')}</h2>
        <p className={styles.intro}>{t('intro')}</p>
        <p className={styles.links}>
          <a href={templateHref} download>
            {t('template')}
          </a>
          <Link href="/posko/relawan">{t('toRoster')}</Link>
        </p>
        {provinceName ? <p className="hint">{t('province', { name: provinceName })}</p> : null}
        <form className={styles.upload} onSubmit={onSubmit}>
          <label htmlFor={fileId}>{t('file')}</label>
          <input
            id={fileId}
            name="file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setPreview(null);
              setResult(null);
              setError(null);
            }}
          />
          <div>
            <button type="submit" className="button-primary" disabled={!file || busy !== null}>
              {busy === 'upload' ? t('uploading') : t('upload')}
            </button>
          </div>
        </form>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </section>

      {preview ? (
        <section className="card" aria-labelledby="preview-title" aria-busy={busy !== null}>
          <h2 id="preview-title">{t('previewTitle')}</h2>
          <p className="hint">
            {t('fileRead', { file: preview.fileName, sheet: preview.sheet, row: preview.headerRow })}
          </p>
          {preview.sheets.length > 1 ? (
            <div className={styles.sheet}>
              <label htmlFor="import-sheet">{t('sheet')}</label>
              <select
                id="import-sheet"
                value={preview.sheet}
                disabled={busy !== null}
                onChange={(event) => void check({ sheet: event.target.value })}
              >
                {preview.sheets.map((sheet) => (
                  <option key={sheet} value={sheet}>
                    {sheet}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <dl className={styles.counts} aria-label={t('previewTitle')}>
            {(
              [
                ['rows', preview.rows],
                ['create', preview.create],
                ['update', preview.update],
                ['unchanged', preview.unchanged],
                ['errors', preview.errorRows],
              ] as const
            ).map(([key, value]) => (
              <div key={key} data-count={key}>
                <dt>{t(`counts.${key}`)}</dt>
                <dd>{value.toLocaleString()}</dd>
              </div>
            ))}
          </dl>

          <div className={styles.actions}>
            <button
              type="button"
              className="button-primary"
              disabled={busy !== null || saved !== null || writable === 0}
              onClick={() => void commit()}
            >
              {busy === 'commit'
                ? t('committing')
                : writable === 0
                  ? t('nothingToCommit')
                  : t('commit', { count: writable })}
            </button>
            {preview.errorRows > 0 ? (
              <a href={`/api/volunteer-imports/${preview.id}/errors.xlsx`} download>
                {t('downloadErrors')}
              </a>
            ) : null}
          </div>
          {saved ? (
            <p role="status" className="notice" data-testid="import-result">
              {t('committed', { ...saved })}
            </p>
          ) : null}

          <div className={styles.section}>
            <h3 id="problems-title">{t('errorsTitle', { count: preview.errors.length })}</h3>
            {preview.errors.length === 0 ? (
              <p>{t('errorsNone')}</p>
            ) : (
              <>
                {preview.errors.length > SHOWN_PROBLEMS ? (
                  <p className="hint">{t('errorsMore', { shown: SHOWN_PROBLEMS, count: preview.errors.length })}</p>
                ) : null}
                <table className="data-table card-table" aria-labelledby="problems-title" data-testid="import-errors">
                  <thead>
                    <tr>
                      <th scope="col">{t('row')}</th>
                      <th scope="col">{t('column')}</th>
                      <th scope="col">{t('message')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.errors.slice(0, SHOWN_PROBLEMS).map((problem, index) => (
                      <tr key={`${problem.row}-${problem.column}-${index}`}>
                        <td data-label={t('row')}>{problem.row}</td>
                        <td data-label={t('column')}>{problem.column}</td>
                        <td data-label={t('message')}>{problem.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </div>

          {preview.updates.length > 0 ? (
            <div className={styles.section}>
              <h3 id="updates-title">{t('updatesTitle', { count: preview.updates.length })}</h3>
              <table className="data-table card-table" aria-labelledby="updates-title">
                <thead>
                  <tr>
                    <th scope="col">{t('row')}</th>
                    <th scope="col">{t('name')}</th>
                    <th scope="col">{t('changes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.updates.slice(0, SHOWN_PROBLEMS).map((update) => (
                    <tr key={update.row}>
                      <td data-label={t('row')}>{update.row}</td>
                      <td data-label={t('name')}>{update.name}</td>
                      <td data-label={t('changes')}>
                        <ul className={styles.changes}>
                          {update.changes.map((change) => (
                            <li key={change.field}>
                              {t(`fields.${change.field}`)}: {change.from ?? '—'} → {change.to ?? '—'}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}

          <div className={styles.section}>
            <h3 id="mapping-title">{t('mappingTitle')}</h3>
            <p className="hint">{t('mappingHint')}</p>
            <table className={`data-table card-table ${styles.mapping}`} aria-labelledby="mapping-title">
              <thead>
                <tr>
                  <th scope="col">{t('column')}</th>
                  <th scope="col">{t('field')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.columns.map((column, index) => (
                  <tr key={column.header}>
                    <td>
                      <label htmlFor={`map-${index}`}>{column.header}</label>
                    </td>
                    <td data-label={t('field')}>
                      <select
                        id={`map-${index}`}
                        value={mapping[column.header] ?? ''}
                        onChange={(event) =>
                          setMapping({
                            ...mapping,
                            [column.header]: (event.target.value || null) as ImportField | null,
                          })
                        }
                      >
                        <option value="">{t('ignore')}</option>
                        {IMPORT_FIELDS.map((field) => (
                          <option key={field} value={field}>
                            {t(`fields.${field}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className={styles.actions}>
              <button
                type="button"
                disabled={busy !== null}
                onClick={() => void check({ sheet: preview.sheet, mapping })}
              >
                {t('applyMapping')}
              </button>
            </div>
          </div>
        </section>
      ) : null}
    </main>
  );
}
