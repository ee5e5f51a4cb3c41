'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { SEVERITY_LEVELS, useSeverityWord } from './incident-labels';
import { callApi } from '@/app/_shared/api';
import { FieldError, FormError } from './FieldError';

interface Editable {
  id: string;
  title: string;
  severity: number;
  description: string;
  needs: string;
}

/** A coordinator corrects an incident as reports come in: its name, how bad it is, what happened, what is needed. */
export function IncidentEditor({ incident, onSaved }: { incident: Editable; onSaved: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<Record<string, string[]>>({});
  const [saved, setSaved] = useState(false);
  const t = useTranslations('incidents.editor');
  const severityWord = useSeverityWord();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setBusy(true);
    setError(null);
    setDetails({});
    setSaved(false);
    const result = await callApi(`/api/incidents/${incident.id}`, {
      method: 'PATCH',
      body: {
        title: text('title'),
        severity: Number(text('severity')),
        description: text('description'),
        needs: text('needs'),
      },
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setDetails(result.details ?? {});
      return;
    }
    setSaved(true);
    onSaved();
  }

  return (
    <details className="incident-editor">
      <summary>{t('summary')}</summary>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="incident-editor">
        <div className="form-grid">
          <label className="span-2">
            <span>{t('name')}</span>
            <input
              name="title"
              defaultValue={incident.title}
              aria-describedby={details.title ? 'edit-title-error' : undefined}
            />
            <FieldError id="edit-title-error" messages={details.title} />
          </label>
          <label>
            <span>{t('severity')}</span>
            <select
              name="severity"
              defaultValue={incident.severity}
              aria-describedby={details.severity ? 'edit-severity-error' : undefined}
            >
              {SEVERITY_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t('severityOption', { level, label: severityWord(level) })}
                </option>
              ))}
            </select>
            <FieldError id="edit-severity-error" messages={details.severity} />
          </label>
          <label className="span-2">
            <span>{t('description')}</span>
            <textarea
              name="description"
              rows={4}
              defaultValue={incident.description}
              aria-describedby={details.description ? 'edit-description-error' : undefined}
            />
            <FieldError id="edit-description-error" messages={details.description} />
          </label>
          <label className="span-2">
            <span>{t('needs')}</span>
            <textarea
              name="needs"
              rows={3}
              defaultValue={incident.needs}
              aria-describedby={details.needs ? 'edit-needs-error' : undefined}
            />
            <FieldError id="edit-needs-error" messages={details.needs} />
          </label>
        </div>
        <FormError message={error} />
        {saved ? (
          <p className="notice" role="status">
            {t('saved')}
          </p>
        ) : null}
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('saving') : t('submit')}
        </button>
      </form>
    </details>
  );
}
