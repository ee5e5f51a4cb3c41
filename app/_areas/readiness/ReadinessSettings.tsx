'use client';

import './readiness-settings.css';
import { useFormatter, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { CoverageRuleStatus, ProvinceReadiness, ReadinessMinimumStatus } from '@/lib/readiness';
import { callApi } from '@/app/_shared/api';
import { ReadinessWarnings } from '@/app/_shared/readiness/ReadinessWarnings';
import { useReadiness } from '@/app/_shared/readiness/use-readiness';
import { ProvincePicker } from '@/app/_shared/ProvincePicker';

interface Choice {
  code: string;
  name: string;
}

type Kind = 'minimum' | 'rule';
const PATHS: Record<Kind, string> = { minimum: '/api/readiness/minimums', rule: '/api/readiness/coverage-rules' };
const AMOUNT: Record<Kind, 'minimumAvailable' | 'minimumPerDistrict'> = {
  minimum: 'minimumAvailable',
  rule: 'minimumPerDistrict',
};

/** Lists and edits a province's standby minimums and coverage rules; what falls short is read live beside them. */
export function ReadinessSettings({
  initial,
  provinceName,
  regencies,
  pillars,
  provinces,
  canEdit,
}: {
  initial: ProvinceReadiness;
  provinceName: string;
  regencies: Choice[];
  pillars: Choice[];
  /** Every province, for admins; empty for everyone else. */
  provinces: Choice[];
  canEdit: boolean;
}) {
  const t = useTranslations('readiness.settings');
  const { readiness, refresh } = useReadiness(initial);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const current = readiness ?? initial;

  async function send(kind: Kind, method: 'PUT' | 'DELETE', body: Record<string, unknown>): Promise<boolean> {
    const result = await callApi(PATHS[kind], { method, body });
    setStatus(
      result.ok
        ? { ok: true, text: method === 'PUT' ? t('saved') : t('removed') }
        : { ok: false, text: detailed(result) },
    );
    if (result.ok) refresh();
    return result.ok;
  }

  return (
    <main className="readiness-settings">
      <ProvincePicker
        action="/posko/kesiapan"
        id="readiness-province"
        label={t('province')}
        submit={t('show')}
        provinces={provinces}
        current={current.provinceCode}
      />
      <p className="intro">{t('intro')}</p>
      {!canEdit && <p className="note">{t('readOnly')}</p>}
      <p className={`form-status${status?.ok === false ? ' error' : ''}`} role="status" data-testid="readiness-status">
        {status?.text}
      </p>
      <div className="readiness-grid">
        <div>
          <RuleSection
            kind="minimum"
            title={t('minimumsTitle')}
            amountLabel={t('minimumAvailable')}
            rows={current.minimums}
            regencies={regencies}
            pillars={pillars}
            canEdit={canEdit}
            send={send}
          />
          <RuleSection
            kind="rule"
            title={t('rulesTitle')}
            amountLabel={t('minimumPerDistrict')}
            rows={current.rules}
            regencies={regencies}
            pillars={pillars}
            canEdit={canEdit}
            send={send}
          />
        </div>
        <ReadinessWarnings readiness={current} className="settings-panel readiness-panel" />
      </div>
      <p className="visually-hidden">{provinceName}</p>
    </main>
  );
}

function detailed(result: { error: string; details?: Record<string, string[]> }): string {
  const details = Object.values(result.details ?? {}).flat();
  return details.length > 0 ? `${result.error} ${details.join(' ')}` : result.error;
}

type Row = ReadinessMinimumStatus | CoverageRuleStatus;
const amountOf = (row: Row) => ('minimumAvailable' in row ? row.minimumAvailable : row.minimumPerDistrict);

function RuleSection({
  kind,
  title,
  amountLabel,
  rows,
  regencies,
  pillars,
  canEdit,
  send,
}: {
  kind: Kind;
  title: string;
  amountLabel: string;
  rows: Row[];
  regencies: Choice[];
  pillars: Choice[];
  canEdit: boolean;
  send(kind: Kind, method: 'PUT' | 'DELETE', body: Record<string, unknown>): Promise<boolean>;
}) {
  const t = useTranslations('readiness.settings');
  const format = useFormatter();
  const id = `readiness-${kind}`;

  function nowText(row: Row): string {
    if ('minimumAvailable' in row) {
      return `${t('nowMinimum', { available: row.available })} · ${row.shortBy > 0 ? t('short', { count: row.shortBy }) : t('met')}`;
    }
    return row.uncovered > 0 ? t('nowRule', { uncovered: row.uncovered, districts: row.districts }) : t('met');
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const ok = await send(kind, 'PUT', {
      regencyCode: form.get('regencyCode'),
      pillarCode: form.get('pillarCode'),
      [AMOUNT[kind]]: Number(form.get('amount')),
    });
    if (ok) formElement.reset();
  }

  return (
    <section className="settings-panel" aria-labelledby={`${id}-title`} data-testid={`${id}-section`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="empty">{kind === 'minimum' ? t('noneMinimums') : t('noneRules')}</p>
      ) : (
        <table className="card-table settings-table" data-testid={`${id}-table`}>
          <thead>
            <tr>
              <th scope="col">{t('regency')}</th>
              <th scope="col">{t('pillar')}</th>
              <th scope="col" className="num">
                {amountLabel}
              </th>
              <th scope="col">{t('now')}</th>
              {canEdit && <th scope="col">{t('actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const names = { pillar: row.pillarName, regency: row.regencyName };
              const short = 'shortBy' in row ? row.shortBy > 0 : row.uncovered > 0;
              return (
                <tr
                  key={`${row.regencyCode} ${row.pillarCode}`}
                  data-regency={row.regencyCode}
                  data-pillar={row.pillarCode}
                >
                  <th scope="row">{row.regencyName}</th>
                  <td data-label={t('pillar')}>{row.pillarName}</td>
                  <td data-label={amountLabel} className="num" data-testid="amount">
                    {format.number(amountOf(row))}
                  </td>
                  <td data-label={t('now')} className={short ? 'short' : undefined}>
                    {short && (
                      <span className="warn-mark" aria-hidden="true">
                        !
                      </span>
                    )}
                    {nowText(row)}
                  </td>
                  {canEdit && (
                    <td data-label={t('actions')}>
                      <form
                        className="inline-edit"
                        onSubmit={(event) => {
                          event.preventDefault();
                          const amount = Number(new FormData(event.currentTarget).get('amount'));
                          void send(kind, 'PUT', {
                            regencyCode: row.regencyCode,
                            pillarCode: row.pillarCode,
                            [AMOUNT[kind]]: amount,
                          });
                        }}
                      >
                        <input
                          type="number"
                          name="amount"
                          min={1}
                          defaultValue={amountOf(row)}
                          key={amountOf(row)}
                          aria-label={t('change', names)}
                          inputMode="numeric"
                        />
                        <button type="submit">{t('save')}</button>
                        <button
                          type="button"
                          className="danger"
                          aria-label={kind === 'minimum' ? t('removeMinimum', names) : t('removeRule', names)}
                          onClick={() =>
                            void send(kind, 'DELETE', { regencyCode: row.regencyCode, pillarCode: row.pillarCode })
                          }
                        >
                          {t('remove')}
                        </button>
                      </form>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {canEdit && (
        <form className="add-rule" onSubmit={(event) => void add(event)} aria-labelledby={`${id}-add`}>
          <h3 id={`${id}-add`}>{t('add')}</h3>
          <label>
            <span>{t('regency')}</span>
            <select name="regencyCode" required defaultValue="" data-testid={`${id}-regency`}>
              <option value="" disabled>
                {t('choose')}
              </option>
              {regencies.map((regency) => (
                <option key={regency.code} value={regency.code}>
                  {regency.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('pillar')}</span>
            <select name="pillarCode" required defaultValue="" data-testid={`${id}-pillar`}>
              <option value="" disabled>
                {t('choose')}
              </option>
              {pillars.map((pillar) => (
                <option key={pillar.code} value={pillar.code}>
                  {pillar.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{amountLabel}</span>
            <input
              type="number"
              name="amount"
              min={1}
              required
              defaultValue={kind === 'rule' ? 1 : undefined}
              inputMode="numeric"
              data-testid={`${id}-amount`}
            />
          </label>
          <button type="submit">{kind === 'minimum' ? t('addMinimum') : t('addRule')}</button>
        </form>
      )}
    </section>
  );
}
