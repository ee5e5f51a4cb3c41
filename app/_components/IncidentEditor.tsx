'use client';

import { useState, type FormEvent } from 'react';
import { SEVERITY_LABELS } from '../_lib/incident-labels';
import { callApi } from '../_lib/api';
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
      <summary>Ubah data kejadian</summary>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="incident-editor">
        <div className="form-grid">
          <label className="span-2">
            <span>Nama kejadian</span>
            <input name="title" defaultValue={incident.title} aria-describedby="edit-title-error" />
            <FieldError id="edit-title-error" messages={details.title} />
          </label>
          <label>
            <span>Tingkat keparahan</span>
            <select name="severity" defaultValue={incident.severity}>
              {[1, 2, 3, 4, 5].map((level) => (
                <option key={level} value={level}>
                  {level} · {SEVERITY_LABELS[level]}
                </option>
              ))}
            </select>
          </label>
          <label className="span-2">
            <span>Uraian</span>
            <textarea name="description" rows={4} defaultValue={incident.description} />
            <FieldError id="edit-description-error" messages={details.description} />
          </label>
          <label className="span-2">
            <span>Kebutuhan</span>
            <textarea name="needs" rows={3} defaultValue={incident.needs} />
            <FieldError id="edit-needs-error" messages={details.needs} />
          </label>
        </div>
        <FormError message={error} />
        {saved ? (
          <p className="notice" role="status">
            Perubahan tersimpan.
          </p>
        ) : null}
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? 'Menyimpan…' : 'Simpan perubahan'}
        </button>
      </form>
    </details>
  );
}
