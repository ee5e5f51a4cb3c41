'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import {
  NEED_ITEMS,
  VULNERABLE_KEYS,
  type FigureKey,
  type SubmitAssessment,
  type VulnerableKey,
} from '@/lib/situation';
import type { PlaceChoice } from '@/server/assessments/places';
import './assessment-form.css';

/** What the form hands its owner: the assessment without incident and key, and the place's name. */
export interface AssessmentDraft {
  input: Omit<SubmitAssessment, 'incidentId' | 'idempotencyKey'>;
  placeName: string;
  withPosition: boolean;
}

export type DraftOutcome =
  { ok: true; message: string } | { ok: false; error: string; details?: Record<string, string[]> };

const GROUPS: { title: 'casualties' | 'displaced' | 'houses'; keys: FigureKey[] }[] = [
  { title: 'casualties', keys: ['dead', 'missing', 'injuredSevere', 'injuredLight'] },
  { title: 'displaced', keys: ['displacedFamilies', 'displacedPeople'] },
  { title: 'houses', keys: ['housesHeavy', 'housesModerate', 'housesLight', 'housesFlooded'] },
];

const whole = (value: string) => (value.trim() === '' ? 0 : Number(value));

/**
 * One rapid assessment (kaji cepat): the place from the official kecamatan and desa lists, the counts,
 * vulnerable groups, damage and urgent needs. Big number fields for a thumb on a 360 px phone; the
 * server's messages appear beside the fields they are about.
 */
export function AssessmentForm({
  places,
  offerPosition,
  onSubmit,
  extra,
}: {
  places: PlaceChoice[];
  /** The phone offers to attach its location. */
  offerPosition?: boolean;
  /** More fields of the owner's own (the phone's photos), above the submit button. */
  extra?: ReactNode;
  onSubmit: (draft: AssessmentDraft) => Promise<DraftOutcome>;
}) {
  const t = useTranslations('situation.form');
  const report = useTranslations('situation.report');
  const formId = useId();
  const [districtCode, setDistrictCode] = useState(places.length === 1 ? places[0]!.code : '');
  const [villageCode, setVillageCode] = useState('');
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [needs, setNeeds] = useState<{ item: string; quantity: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<DraftOutcome | null>(null);
  const district = places.find((place) => place.code === districtCode);
  const details = outcome && !outcome.ok ? (outcome.details ?? {}) : {};
  const fieldId = (name: string) => `${formId}-${name.replace(/\./g, '-')}`;
  const errorOf = (name: string) =>
    details[name] ? (
      <span className="assess-error" id={`${fieldId(name)}-error`} role="alert">
        {details[name]!.join(' ')}
      </span>
    ) : null;

  function numberField(name: string, label: string) {
    return (
      <label key={name} className="assess-number">
        <span>{label}</span>
        <input
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          name={name}
          value={counts[name] ?? ''}
          placeholder="0"
          aria-invalid={details[name] ? true : undefined}
          aria-describedby={details[name] ? `${fieldId(name)}-error` : undefined}
          onChange={(event) => setCounts((current) => ({ ...current, [name]: event.target.value }))}
        />
        {errorOf(name)}
      </label>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    const village = district?.villages.find((entry) => entry.code === villageCode);
    const input = {
      districtCode,
      ...(village ? { villageCode: village.code } : {}),
      ...Object.fromEntries(GROUPS.flatMap((group) => group.keys).map((key) => [key, whole(counts[key] ?? '')])),
      vulnerable: Object.fromEntries(
        VULNERABLE_KEYS.map((key) => [key, whole(counts[`vulnerable.${key}`] ?? '')]),
      ) as Record<VulnerableKey, number>,
      shelter: text('shelter'),
      publicFacilities: text('publicFacilities'),
      urgentNeeds: needs
        .filter((need) => need.item)
        .map((need) => ({ item: need.item, quantity: whole(need.quantity) })),
      needsText: text('needsText'),
    } as AssessmentDraft['input'];
    const placeName = village ? `${village.name}, Kec. ${district!.name}` : `Kec. ${district?.name ?? ''}`;
    setBusy(true);
    const result = await onSubmit({ input, placeName, withPosition: form.get('withPosition') === 'on' });
    setBusy(false);
    setOutcome(result);
    if (result.ok) {
      setCounts({});
      setNeeds([]);
      element.reset();
    }
  }

  return (
    <form className="assess-form" onSubmit={(event) => void submit(event)} noValidate data-testid="assessment-form">
      <p className="hint">{t('intro')}</p>
      <div className="assess-place">
        <div className="assess-field">
          <label htmlFor={fieldId('districtCode')}>{t('district')}</label>
          <select
            id={fieldId('districtCode')}
            name="districtCode"
            value={districtCode}
            required
            aria-invalid={details.districtCode ? true : undefined}
            aria-describedby={details.districtCode ? `${fieldId('districtCode')}-error` : undefined}
            onChange={(event) => {
              setDistrictCode(event.target.value);
              setVillageCode('');
            }}
          >
            <option value="">{t('chooseDistrict')}</option>
            {places.map((place) => (
              <option key={place.code} value={place.code}>
                {place.name}
              </option>
            ))}
          </select>
          {errorOf('districtCode')}
        </div>
        <div className="assess-field">
          <label htmlFor={fieldId('villageCode')}>{t('village')}</label>
          <select
            id={fieldId('villageCode')}
            name="villageCode"
            value={villageCode}
            disabled={!district}
            aria-invalid={details.villageCode ? true : undefined}
            aria-describedby={details.villageCode ? `${fieldId('villageCode')}-error` : undefined}
            onChange={(event) => setVillageCode(event.target.value)}
          >
            <option value="">{t('wholeDistrict')}</option>
            {district?.villages.map((village) => (
              <option key={village.code} value={village.code}>
                {village.name}
              </option>
            ))}
          </select>
          {errorOf('villageCode')}
        </div>
      </div>
      {GROUPS.map((group) => (
        <fieldset key={group.title} className="assess-group">
          <legend>{t(group.title)}</legend>
          <div className="assess-numbers">{group.keys.map((key) => numberField(key, report(`figures.${key}`)))}</div>
          {group.title === 'displaced' ? (
            <>
              <label className="assess-text">
                <span>{t('shelter')}</span>
                <input name="shelter" maxLength={300} placeholder={t('shelterHint')} />
              </label>
              <fieldset className="assess-group assess-inner">
                <legend>{t('vulnerable')}</legend>
                <div className="assess-numbers">
                  {VULNERABLE_KEYS.map((key) => numberField(`vulnerable.${key}`, report(`groups.${key}`)))}
                </div>
              </fieldset>
            </>
          ) : null}
          {group.title === 'houses' ? (
            <label className="assess-text">
              <span>{t('publicFacilities')}</span>
              <textarea name="publicFacilities" maxLength={1000} rows={2} />
            </label>
          ) : null}
        </fieldset>
      ))}
      <fieldset className="assess-group">
        <legend>{t('urgentNeeds')}</legend>
        {needs.map((need, index) => (
          <div key={index} className="assess-need">
            <div className="assess-field">
              <label htmlFor={fieldId(`need-${index}`)}>{t('needItem')}</label>
              <select
                id={fieldId(`need-${index}`)}
                value={need.item}
                onChange={(event) =>
                  setNeeds((current) =>
                    current.map((entry, i) => (i === index ? { ...entry, item: event.target.value } : entry)),
                  )
                }
              >
                {NEED_ITEMS.map((item) => (
                  <option key={item} value={item}>
                    {item}
                  </option>
                ))}
              </select>
            </div>
            <label className="assess-number">
              <span>{t('needQuantity')}</span>
              <input
                type="number"
                inputMode="numeric"
                min={1}
                value={need.quantity}
                onChange={(event) =>
                  setNeeds((current) =>
                    current.map((entry, i) => (i === index ? { ...entry, quantity: event.target.value } : entry)),
                  )
                }
              />
            </label>
            <button
              type="button"
              className="link-button"
              aria-label={t('removeNeed', { item: need.item })}
              onClick={() => setNeeds((current) => current.filter((_, i) => i !== index))}
            >
              ✕
            </button>
          </div>
        ))}
        {errorOf('urgentNeeds')}
        <button
          type="button"
          className="assess-add"
          onClick={() => setNeeds((current) => [...current, { item: NEED_ITEMS[0], quantity: '1' }])}
        >
          {t('addNeed')}
        </button>
        <label className="assess-text">
          <span>{t('needsText')}</span>
          <textarea name="needsText" maxLength={2000} rows={2} />
        </label>
      </fieldset>
      {extra}
      {offerPosition ? (
        <label className="check-line">
          <input type="checkbox" name="withPosition" />
          <span>{t('position')}</span>
        </label>
      ) : null}
      {outcome ? (
        <p
          className={outcome.ok ? 'notice' : 'form-error'}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid="assessment-outcome"
        >
          {outcome.ok ? outcome.message : outcome.error}
        </p>
      ) : null}
      <button type="submit" className="button-primary assess-submit" disabled={busy || !districtCode}>
        {busy ? t('sending') : t('submit')}
      </button>
    </form>
  );
}
