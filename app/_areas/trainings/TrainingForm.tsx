'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { Training } from '@/db/schema';
import { TRAINING_KINDS } from '@/lib/domain';
import { callApi } from '@/app/_shared/api';
import styles from './trainings.module.css';

type Details = Record<string, string[]>;

function Problem({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <span id={id} className="form-error" role="alert">
      {messages.join(' ')}
    </span>
  );
}

/** Adds a training to the province's catalogue, or corrects one (its validity recomputes its certificates). */
export function TrainingForm({ provinceCode, training }: { provinceCode: string; training?: Training }) {
  const t = useTranslations('trainings');
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<Details>({});
  const [notice, setNotice] = useState<string | null>(null);
  const prefix = training ? 'edit' : 'add';
  const described = (field: string) => (details[field] ? `${prefix}-${field}-error` : undefined);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const months = String(form.get('validMonths') ?? '').trim();
    const body = {
      kind: form.get('kind'),
      name: form.get('name'),
      organiser: form.get('organiser'),
      startsOn: form.get('startsOn'),
      endsOn: form.get('endsOn'),
      place: String(form.get('place') ?? '').trim() || (training ? null : undefined),
      validMonths: months === '' ? null : /^\d+$/.test(months) ? Number(months) : months,
    };
    setBusy(true);
    setNotice(null);
    const result = training
      ? await callApi<{ recomputed: number }>(`/api/trainings/${training.id}`, { method: 'PATCH', body })
      : await callApi<Training>('/api/trainings', { body: { ...body, provinceCode } });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setDetails(result.details ?? {});
      return;
    }
    setError(null);
    setDetails({});
    if (training) {
      setNotice(t('form.saved', { recomputed: (result.data as { recomputed: number }).recomputed }));
      router.refresh();
    } else {
      router.push(`/posko/pelatihan/${(result.data as Training).id}`);
    }
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby={`${prefix}-training-title`}>
      <h2 id={`${prefix}-training-title`}>{training ? t('form.editTitle') : t('form.addTitle')}</h2>
      <div className={styles.grid}>
        <label>
          <span>{t('form.kind')}</span>
          <select name="kind" defaultValue={training?.kind ?? 'bimtek'} aria-describedby={described('kind')}>
            {TRAINING_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </select>
          <Problem id={`${prefix}-kind-error`} messages={details.kind} />
        </label>
        <label className={styles.wide}>
          <span>{t('form.name')}</span>
          <input
            name="name"
            required
            defaultValue={training?.name}
            placeholder={t('form.namePlaceholder')}
            aria-invalid={Boolean(details.name)}
            aria-describedby={described('name')}
          />
          <Problem id={`${prefix}-name-error`} messages={details.name} />
        </label>
        <label className={styles.wide}>
          <span>{t('form.organiser')}</span>
          <input
            name="organiser"
            required
            defaultValue={training?.organiser}
            aria-invalid={Boolean(details.organiser)}
            aria-describedby={described('organiser')}
          />
          <Problem id={`${prefix}-organiser-error`} messages={details.organiser} />
        </label>
        <label>
          <span>{t('form.startsOn')}</span>
          <input
            type="date"
            name="startsOn"
            required
            defaultValue={training?.startsOn}
            aria-invalid={Boolean(details.startsOn)}
            aria-describedby={described('startsOn')}
          />
          <Problem id={`${prefix}-startsOn-error`} messages={details.startsOn} />
        </label>
        <label>
          <span>{t('form.endsOn')}</span>
          <input
            type="date"
            name="endsOn"
            required
            defaultValue={training?.endsOn}
            aria-invalid={Boolean(details.endsOn)}
            aria-describedby={described('endsOn')}
          />
          <Problem id={`${prefix}-endsOn-error`} messages={details.endsOn} />
        </label>
        <label className={styles.wide}>
          <span>{t('form.place')}</span>
          <input name="place" defaultValue={training?.place ?? ''} aria-describedby={described('place')} />
          <Problem id={`${prefix}-place-error`} messages={details.place} />
        </label>
        <label className={styles.wide}>
          <span>{t('form.validMonths')}</span>
          <input
            name="validMonths"
            inputMode="numeric"
            defaultValue={training?.validMonths ?? ''}
            aria-invalid={Boolean(details.validMonths)}
            aria-describedby={`${prefix}-validMonths-hint ${described('validMonths') ?? ''}`.trim()}
          />
          <span id={`${prefix}-validMonths-hint`} className="hint">
            {t('form.validMonthsHint')}
          </span>
          <Problem id={`${prefix}-validMonths-error`} messages={details.validMonths} />
        </label>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <div className={styles.actions}>
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('form.saving') : training ? t('form.save') : t('form.add')}
        </button>
      </div>
    </form>
  );
}
