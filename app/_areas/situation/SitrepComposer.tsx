'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { callApi } from '@/app/_shared/api';

interface AidDraft {
  item: string;
  unit: string;
  needed: string;
  received: string;
  distributed: string;
  inStock: string;
}

const EMPTY_ROW: AidDraft = { item: '', unit: '', needed: '', received: '', distributed: '', inStock: '' };
const AMOUNTS = ['needed', 'received', 'distributed', 'inStock'] as const;
const amount = (value: string) => (value.trim() === '' ? 0 : Number(value.replace(',', '.')));

/**
 * The coordinator's part of the next Laporan Situasi: the free-text sections and the aid table. The
 * figures and Posko's own numbers are frozen by the server when it is issued.
 */
export function SitrepComposer({
  incidentId,
  nextNumber,
  onIssued,
}: {
  incidentId: string;
  nextNumber: number;
  onIssued: () => void;
}) {
  const t = useTranslations('situation.sitreps');
  const report = useTranslations('situation.report');
  const [aid, setAid] = useState<AidDraft[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string; number?: number } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    const body = {
      cause: text('cause'),
      posko: text('posko'),
      kitchen: text('kitchen'),
      obstacles: text('obstacles'),
      followUp: text('followUp'),
      urgentNeeds: String(form.get('urgentNeeds') ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      aid: aid
        .filter((row) => row.item.trim())
        .map((row) => ({
          item: row.item.trim(),
          ...(row.unit.trim() ? { unit: row.unit.trim() } : {}),
          ...Object.fromEntries(AMOUNTS.map((key) => [key, amount(row[key])])),
        })),
    };
    setBusy(true);
    const result = await callApi<{ id: string; number: number }>(`/api/incidents/${incidentId}/sitreps`, { body });
    setBusy(false);
    if (!result.ok) {
      const details = Object.values(result.details ?? {}).flat();
      setOutcome({ ok: false, text: [result.error, ...details].join(' ') });
      return;
    }
    setOutcome({ ok: true, text: t('issued', { number: result.data.number }), number: result.data.number });
    element.reset();
    setAid([]);
    onIssued();
  }

  return (
    <details className="sitrep-composer" data-testid="sitrep-composer">
      <summary>{t('compose', { number: nextNumber })}</summary>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label>
          <span>{t('cause')}</span>
          <textarea name="cause" rows={2} maxLength={2000} />
        </label>
        <label>
          <span>{t('posko')}</span>
          <textarea name="posko" rows={2} maxLength={1000} />
        </label>
        <label>
          <span>{t('kitchen')}</span>
          <textarea name="kitchen" rows={2} maxLength={1000} placeholder={t('kitchenHint')} />
        </label>
        <fieldset className="aid-table">
          <legend>{t('aid')}</legend>
          {aid.map((row, index) => (
            <div key={index} className="aid-row" data-testid="aid-row">
              <label>
                <span>{t('aidItem')}</span>
                <input
                  value={row.item}
                  maxLength={80}
                  onChange={(event) =>
                    setAid((rows) => rows.map((r, i) => (i === index ? { ...r, item: event.target.value } : r)))
                  }
                />
              </label>
              <label>
                <span>{t('aidUnit')}</span>
                <input
                  value={row.unit}
                  maxLength={30}
                  onChange={(event) =>
                    setAid((rows) => rows.map((r, i) => (i === index ? { ...r, unit: event.target.value } : r)))
                  }
                />
              </label>
              {AMOUNTS.map((key) => (
                <label key={key}>
                  <span>{report(key)}</span>
                  <input
                    type="number"
                    inputMode="decimal"
                    min={0}
                    value={row[key]}
                    onChange={(event) =>
                      setAid((rows) => rows.map((r, i) => (i === index ? { ...r, [key]: event.target.value } : r)))
                    }
                  />
                </label>
              ))}
              <button
                type="button"
                className="aid-remove"
                aria-label={t('removeAid', { n: index + 1 })}
                onClick={() => setAid((rows) => rows.filter((_, i) => i !== index))}
              >
                ✕
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setAid((rows) => [...rows, EMPTY_ROW])}>
            {t('addAid')}
          </button>
        </fieldset>
        <label>
          <span>{t('obstacles')}</span>
          <textarea name="obstacles" rows={2} maxLength={2000} />
        </label>
        <label>
          <span>{t('urgentNeeds')}</span>
          <textarea name="urgentNeeds" rows={3} />
        </label>
        <label>
          <span>{t('followUp')}</span>
          <textarea name="followUp" rows={2} maxLength={2000} />
        </label>
        {outcome ? (
          <p className={outcome.ok ? 'notice' : 'form-error'} role={outcome.ok ? 'status' : 'alert'}>
            {outcome.text}{' '}
            {outcome.number ? <a href={`/kejadian/${incidentId}/laporan/${outcome.number}`}>{t('open')}</a> : null}
          </p>
        ) : null}
        <button type="submit" className="button-primary" disabled={busy}>
          {t('issue')}
        </button>
      </form>
    </details>
  );
}
