'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import type { AttendancePreview } from '@/lib/trainings';
import { callApi } from '@/app/_shared/api';
import styles from './trainings.module.css';

interface Found {
  id: string;
  name: string;
  phone: string;
  regencyName: string;
}

/**
 * Records many attendees at once: pick from the roster (search) and/or paste phones or names, one per
 * line; the preview shows who matched and which lines did not before anything is saved. Lines that match
 * nobody or several people stop the save unless the coordinator ticks "skip".
 */
export function AttendanceRecorder({ trainingId, defaultDay }: { trainingId: string; defaultDay: string }) {
  const t = useTranslations('trainings.record');
  const router = useRouter();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Found[] | null>(null);
  const [picked, setPicked] = useState<Found[]>([]);
  const [lines, setLines] = useState('');
  const [completedOn, setCompletedOn] = useState(defaultDay);
  const [certifiedOn, setCertifiedOn] = useState('');
  const [skip, setSkip] = useState(false);
  // The preview holds for the list it was made from; any change to the list needs a fresh one.
  const [checked, setChecked] = useState<{ key: string; preview: AttendancePreview } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<Record<string, string[]>>({});
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const term = search.trim();
    if (term.length < 2) return;
    let current = true;
    const timer = setTimeout(() => {
      const query = new URLSearchParams({ search: term, pageSize: '25' });
      void callApi<{ rows: Found[] }>(`/api/volunteers?${query}`).then((result) => {
        if (current) setFound(result.ok ? result.data.rows : []);
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search]);

  const selection = () => ({ volunteerIds: picked.map((volunteer) => volunteer.id), lines });
  const key = JSON.stringify(selection());
  const preview = checked?.key === key ? checked.preview : null;

  async function runPreview() {
    setBusy('preview');
    setNotice(null);
    const result = await callApi<AttendancePreview>(`/api/trainings/${trainingId}/attendance/preview`, {
      body: selection(),
    });
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      setDetails(result.details ?? {});
      return;
    }
    setError(null);
    setDetails({});
    setChecked({ key, preview: result.data });
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!preview) return runPreview();
    setBusy('save');
    const result = await callApi<{ recorded: number; skipped: number }>(`/api/trainings/${trainingId}/attendance`, {
      body: { ...selection(), completedOn, certifiedOn: certifiedOn || null, skipUnmatched: skip },
    });
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      setDetails(result.details ?? {});
      return;
    }
    setError(null);
    setDetails({});
    setNotice(t('recorded', result.data));
    setPicked([]);
    setLines('');
    setChecked(null);
    router.refresh();
  }

  const pickedIds = new Set(picked.map((volunteer) => volunteer.id));
  const blocked = preview !== null && preview.unresolved.length > 0 && !skip;
  const saveCount = preview?.matched.length ?? 0;

  return (
    <form className={styles.form} onSubmit={save} noValidate aria-labelledby="record-title">
      <h2 id="record-title">{t('title')}</h2>
      <p className="hint">{t('intro')}</p>
      <div className={styles.columns}>
        <div className={styles.form}>
          <label>
            <span>{t('search')}</span>
            <input
              type="search"
              value={search}
              placeholder={t('searchPlaceholder')}
              onChange={(event) => setSearch(event.target.value)}
              data-testid="attendance-search"
            />
          </label>
          {search.trim().length >= 2 && found ? (
            <section aria-label={t('results')}>
              {found.length === 0 ? (
                <p className="hint">{t('noResults')}</p>
              ) : (
                <ul className={`${styles.list} ${styles.scroll}`}>
                  {found.map((volunteer) => (
                    <li key={volunteer.id}>
                      <span>
                        {volunteer.name}
                        <span className={styles.sub}>
                          {volunteer.phone} · {volunteer.regencyName}
                        </span>
                      </span>
                      <button
                        type="button"
                        disabled={pickedIds.has(volunteer.id)}
                        onClick={() => setPicked((list) => [...list, volunteer])}
                        aria-label={t('add', { name: volunteer.name })}
                      >
                        +
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ) : null}
          {picked.length > 0 ? (
            <section aria-label={t('picked', { count: picked.length })}>
              <h3>{t('picked', { count: picked.length })}</h3>
              <ul className={styles.list}>
                {picked.map((volunteer) => (
                  <li key={volunteer.id}>
                    <span>{volunteer.name}</span>
                    <button
                      type="button"
                      onClick={() => setPicked((list) => list.filter((entry) => entry.id !== volunteer.id))}
                      aria-label={t('unpick', { name: volunteer.name })}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <label>
          <span>{t('paste')}</span>
          <textarea
            name="lines"
            value={lines}
            placeholder={t('pastePlaceholder')}
            onChange={(event) => setLines(event.target.value)}
            aria-describedby={details.lines ? 'record-lines-error' : undefined}
            data-testid="attendance-lines"
          />
        </label>
      </div>
      <div className={styles.grid}>
        <label>
          <span>{t('completedOn')}</span>
          <input
            type="date"
            value={completedOn}
            onChange={(event) => setCompletedOn(event.target.value)}
            aria-invalid={Boolean(details.completedOn)}
            aria-describedby={details.completedOn ? 'record-completedOn-error' : undefined}
          />
          {details.completedOn ? (
            <span id="record-completedOn-error" className="form-error">
              {details.completedOn.join(' ')}
            </span>
          ) : null}
        </label>
        <label>
          <span>{t('certifiedOn')}</span>
          <input
            type="date"
            value={certifiedOn}
            onChange={(event) => setCertifiedOn(event.target.value)}
            aria-invalid={Boolean(details.certifiedOn)}
            aria-describedby={details.certifiedOn ? 'record-certifiedOn-error' : undefined}
          />
          {details.certifiedOn ? (
            <span id="record-certifiedOn-error" className="form-error">
              {details.certifiedOn.join(' ')}
            </span>
          ) : null}
        </label>
      </div>

      {preview ? (
        <section aria-live="polite" data-testid="attendance-preview">
          <h3>{t('matched', { count: preview.matched.length })}</h3>
          {preview.matched.length > 0 ? (
            <ul className={`${styles.list} ${styles.scroll}`}>
              {preview.matched.map((volunteer) => (
                <li key={volunteer.id}>
                  <span>
                    {volunteer.name}
                    <span className={styles.sub}>
                      {volunteer.phone} · {volunteer.regencyName}
                      {volunteer.line ? ` · ${t('line', { line: volunteer.line })}` : ''}
                      {volunteer.already ? ` · ${t('already')}` : ''}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          {preview.unresolved.length > 0 ? (
            <>
              <h3>{t('unresolved', { count: preview.unresolved.length })}</h3>
              <ul className={`${styles.list} ${styles.problems}`} data-testid="attendance-unresolved">
                {preview.unresolved.map((entry) => (
                  <li key={entry.line}>
                    {entry.problem === 'none'
                      ? t('none', { line: entry.line, text: entry.text })
                      : t('several', {
                          line: entry.line,
                          text: entry.text,
                          names: (entry.candidates ?? []).map((c) => `${c.name}, ${c.phone}`).join('; '),
                        })}
                  </li>
                ))}
              </ul>
              <label className={styles.check}>
                <input type="checkbox" checked={skip} onChange={(event) => setSkip(event.target.checked)} />
                <span>{t('skipUnmatched')}</span>
              </label>
              {blocked ? <p className="hint">{t('blocked')}</p> : null}
            </>
          ) : null}
        </section>
      ) : null}

      {error ? (
        <div className="form-error" role="alert" id="record-lines-error">
          <p>{error}</p>
          {details.lines ? (
            <ul>
              {details.lines.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {notice ? (
        <p className="notice" role="status" data-testid="attendance-notice">
          {notice}
        </p>
      ) : null}
      <div className={styles.actions}>
        <button type="button" onClick={() => void runPreview()} disabled={busy !== null}>
          {busy === 'preview' ? t('previewing') : t('preview')}
        </button>
        <button
          type="submit"
          className="button-primary"
          disabled={busy !== null || !preview || blocked || saveCount === 0}
        >
          {busy === 'save' ? t('saving') : t('save', { count: saveCount })}
        </button>
      </div>
    </form>
  );
}
