'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { INCIDENT_TYPES, type IncidentType, type TimeZone } from '@/lib/domain';
import type { Point } from '@/lib/geo';
import type { RegencyChoice } from '@/server/incidents/page-data';
import { callApi } from '@/app/_shared/api';
import type { RegencyProperties } from '@/app/_shared/map/boundaries';
import { SEVERITY_LEVELS, useSeverityWord } from './incident-labels';
import { fromLocalInput, timeZoneLabel } from '@/app/_shared/time';
import { FieldError, FormError } from './FieldError';
import { NearbyQuestion, useNearbyIncidents } from './NearbyIncidents';

// Leaflet touches `window` when it loads, so the map renders in the browser only.
const PointPickerMap = dynamic(() => import('./PointPickerMap'), {
  ssr: false,
  loading: () => <MapLoading />,
});

function MapLoading() {
  const t = useTranslations('incidents.form');
  return <div className="point-picker-map map-placeholder-static">{t('loadingMap')}</div>;
}

type Details = Record<string, string[]>;

const NEARBY_ID = 'nearby-incidents';

/** A coordinator registers an incident: what, how bad, where (kabupaten, kecamatan, a point), what is needed. */
export function IncidentForm({
  provinceCode,
  timeZone,
  places,
}: {
  provinceCode: string;
  timeZone: TimeZone;
  places: RegencyChoice[];
}) {
  const router = useRouter();
  const t = useTranslations('incidents.form');
  const domain = useTranslations('domain');
  const severityWord = useSeverityWord();
  const [type, setType] = useState<IncidentType>('flood');
  const [severity, setSeverity] = useState(3);
  // A kabupaten coordinator has one choice; a province coordinator picks (or taps the map).
  const [regencyCode, setRegencyCode] = useState(places.length === 1 ? places[0]!.code : '');
  const [districtCode, setDistrictCode] = useState('');
  const [point, setPoint] = useState<Point | null>(null);
  const [pointRegency, setPointRegency] = useState<RegencyProperties | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<Details>({});
  const nearby = useNearbyIncidents(type, regencyCode, point);
  // The incidents the coordinator answered "Bukan, catat baru" for: asked once, not again.
  const [answered, setAnswered] = useState<string[]>([]);
  const unanswered = nearby.filter((candidate) => !answered.includes(candidate.id));

  const districts = places.find((place) => place.code === regencyCode)?.districts ?? [];

  function chooseRegency(code: string) {
    if (code === regencyCode) return;
    setRegencyCode(code);
    setDistrictCode('');
  }

  function pick(at: Point, tapped: RegencyProperties | null) {
    setPoint(at);
    setPointRegency(tapped);
    // Before a kabupaten/kota is chosen, a tap inside one of the coordinator's scope chooses it.
    if (!regencyCode && tapped && places.some((place) => place.code === tapped.code)) chooseRegency(tapped.code);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    // A running incident may be this one: ask first; "Bukan, catat baru" answers and registers.
    if (unanswered.length > 0) {
      if (form.get('notSame') !== 'yes') {
        document.getElementById(NEARBY_ID)?.focus();
        return;
      }
      setAnswered((current) => [...current, ...unanswered.map((candidate) => candidate.id)]);
    }
    const text = (name: string) => String(form.get(name) ?? '').trim();
    if (!regencyCode) {
      setError(t('regencyMissing'));
      setDetails({ regencyCode: [t('regencyMissingHint')] });
      return;
    }
    setBusy(true);
    setError(null);
    setDetails({});
    const result = await callApi<{ id: string }>('/api/incidents', {
      body: {
        type,
        severity,
        regencyCode,
        districtCode: districtCode || undefined,
        lat: point?.lat,
        lng: point?.lng,
        title: text('title') || undefined,
        description: text('description'),
        needs: text('needs'),
        occurredAt: text('occurredAt') ? fromLocalInput(text('occurredAt'), timeZone) : undefined,
      },
    });
    if (!result.ok) {
      setBusy(false);
      setError(result.error);
      setDetails(result.details ?? {});
      return;
    }
    router.push(`/kejadian/${result.data.id}`);
  }

  const describedBy = (field: string) => (details[field] ? `incident-${field}-error` : undefined);

  return (
    <form className="incident-form" onSubmit={(event) => void submit(event)} noValidate data-testid="incident-form">
      <div className="form-grid">
        <label>
          <span>{t('type')}</span>
          <select
            name="type"
            value={type}
            onChange={(event) => setType(event.target.value as IncidentType)}
            aria-describedby={describedBy('type')}
          >
            {INCIDENT_TYPES.map((code) => (
              <option key={code} value={code}>
                {domain(`incidentType.${code}`)}
              </option>
            ))}
          </select>
          <FieldError id="incident-type-error" messages={details.type} />
        </label>
        <label>
          <span>{t('regency')}</span>
          <select
            name="regencyCode"
            value={regencyCode}
            onChange={(event) => chooseRegency(event.target.value)}
            disabled={places.length < 2}
            aria-describedby={describedBy('regencyCode')}
          >
            {places.length > 1 ? <option value="">{t('chooseRegency')}</option> : null}
            {places.map((place) => (
              <option key={place.code} value={place.code}>
                {place.name}
              </option>
            ))}
          </select>
          <FieldError id="incident-regencyCode-error" messages={details.regencyCode} />
        </label>
        <label>
          <span>{t('district')}</span>
          <select
            name="districtCode"
            value={districtCode}
            onChange={(event) => setDistrictCode(event.target.value)}
            aria-describedby={describedBy('districtCode')}
          >
            <option value="">{t('districtUnknown')}</option>
            {districts.map((district) => (
              <option key={district.code} value={district.code}>
                {district.name}
              </option>
            ))}
          </select>
          <FieldError id="incident-districtCode-error" messages={details.districtCode} />
        </label>
        <label>
          <span>{t('occurredAt', { zone: timeZoneLabel(timeZone) })}</span>
          <input name="occurredAt" type="datetime-local" aria-describedby={describedBy('occurredAt')} />
          <FieldError id="incident-occurredAt-error" messages={details.occurredAt} />
        </label>
        <fieldset className="severity-choices span-2" aria-describedby={describedBy('severity')}>
          <legend>{t('severity')}</legend>
          {SEVERITY_LEVELS.map((level) => (
            <label key={level} className={`severity-choice severity-${level}`}>
              <input
                type="radio"
                name="severity"
                value={level}
                checked={severity === level}
                onChange={() => setSeverity(level)}
              />
              <span>
                <strong>{level}</strong> {severityWord(level)}
              </span>
            </label>
          ))}
          <FieldError id="incident-severity-error" messages={details.severity} />
        </fieldset>
      </div>

      <div className="point-picker">
        <p className="point-picker-caption">
          <span>{t('pointCaption')}</span>{' '}
          {point ? (
            <>
              <strong data-testid="picked-point">
                {point.lat.toFixed(4)}, {point.lng.toFixed(4)}
              </strong>{' '}
              <button type="button" className="button-small" onClick={() => setPoint(null)}>
                {t('clearPoint')}
              </button>
              {regencyCode && pointRegency && pointRegency.code !== regencyCode ? (
                <span className="field-error" role="status">
                  {t('pointElsewhere', { regency: pointRegency.name })}
                </span>
              ) : null}
            </>
          ) : (
            <span className="hint">{t('pointNone')}</span>
          )}
        </p>
        <PointPickerMap
          provinceCode={provinceCode}
          regencyCode={regencyCode}
          point={point}
          onPick={pick}
          label={t('mapLabel')}
        />
        <FieldError id="incident-lat-error" messages={[...(details.lat ?? []), ...(details.lng ?? [])]} />
      </div>

      <div className="form-grid">
        <label className="span-2">
          <span>{t('title')}</span>
          <input
            name="title"
            maxLength={160}
            placeholder={t('titlePlaceholder')}
            aria-describedby={describedBy('title')}
          />
          <FieldError id="incident-title-error" messages={details.title} />
        </label>
        <label className="span-2">
          <span>{t('description')}</span>
          <textarea
            name="description"
            rows={3}
            maxLength={4000}
            placeholder={t('descriptionPlaceholder')}
            aria-describedby={describedBy('description')}
          />
          <FieldError id="incident-description-error" messages={details.description} />
        </label>
        <label className="span-2">
          <span>{t('needs')}</span>
          <textarea
            name="needs"
            rows={3}
            maxLength={4000}
            placeholder={t('needsPlaceholder')}
            aria-describedby={describedBy('needs')}
          />
          <FieldError id="incident-needs-error" messages={details.needs} />
        </label>
      </div>
      {unanswered.length > 0 && <NearbyQuestion candidates={unanswered} busy={busy} id={NEARBY_ID} />}
      <FormError message={error} />
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? t('saving') : t('submit')}
      </button>
    </form>
  );
}
