'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { WAVE_FACTOR_DEFAULT } from '@/lib/dispatch';
import type { IncidentType, TimeZone } from '@/lib/domain';
import { CHECK_IN_DEFAULT_MINUTES } from '@/lib/operations';
import type { Point } from '@/lib/geo';
import type { RegencyMatch } from '@/server/deployments/queries';
import type { ComposerOptions } from '@/server/incidents/page-data';
import type { DeploymentRequest } from '@/db/schema';
import { callApi } from '@/app/_shared/api';
import { fromLocalInput, timeZoneLabel, toLocalInput } from '@/app/_shared/time';
import { audienceInput, ComposerAudience, type AudienceChoice } from './ComposerAudience';
import { FieldError, FormError } from './FieldError';

const DEFAULT_DEADLINE_MS = 3 * 3_600_000;
/** How many of the nearest kabupaten/kota with matching volunteers are marked as suggestions. */
const SUGGESTED = 3;
/** Minutes between waves when the coordinator first turns waves on. */
const WAVE_MINUTES_DEFAULT = 30;
/** Check-in intervals to choose from, in minutes, besides the incident type's default. */
const CHECK_IN_CHOICES = [60, 90, 120, 180, 240, 360];

type Matches = { origin: Point | null; regencies: RegencyMatch[] };

/**
 * A new deployment request: how many, which pillars (and optionally a skill or a training), to whom
 * (everyone who matches in chosen kabupaten/kota, optionally in waves nearest first; named regu; or
 * hand-picked volunteers), where to report, what to bring, how often to check in, and by when. Beside each
 * kabupaten/kota: how many matching volunteers are on standby there right now, nearest first.
 */
export function RequestComposer({
  incidentId,
  incidentType,
  provinceCode,
  regencyNames,
  options,
  timeZone,
  sourceChoices,
  initialSources = [],
  refreshKey,
  onCreated,
  onClose,
  relieves = null,
}: {
  incidentId: string;
  incidentType: IncidentType;
  provinceCode: string;
  regencyNames: Record<string, string>;
  options: ComposerOptions;
  timeZone: TimeZone;
  /** The kabupaten/kota this person may ask (a kabupaten coordinator: its own); null: all of the province. */
  sourceChoices: string[] | null;
  /** Kabupaten/kota chosen as sources when the composer opens. */
  initialSources?: string[];
  /** Changes when volunteers' availability may have changed, to count again. */
  refreshKey: number;
  onCreated(offered: number): void;
  onClose(): void;
  /** A relief team for this request: the same count, pillars, sources and meeting point to start from. */
  relieves?: Pick<
    DeploymentRequest,
    'id' | 'slots' | 'pillarCodes' | 'sourceRegencyCodes' | 'meetingPoint' | 'skill' | 'trainingId'
  > | null;
}) {
  const t = useTranslations('incidents.composer');
  const relief = useTranslations('relief.composer');
  const fieldwork = useTranslations('incidents.fieldwork');
  const [slots, setSlots] = useState(String(relieves?.slots ?? 1));
  const [pillarCodes, setPillarCodes] = useState<string[]>(() =>
    relieves ? relieves.pillarCodes : options.pillars.some((pillar) => pillar.code === 'tagana') ? ['tagana'] : [],
  );
  const [skill, setSkill] = useState(relieves?.skill ?? '');
  const [trainingId, setTrainingId] = useState(relieves?.trainingId ?? '');
  const [sources, setSources] = useState<string[]>(relieves ? relieves.sourceRegencyCodes : initialSources);
  const [meetingPoint, setMeetingPoint] = useState(relieves?.meetingPoint ?? '');
  const [shiftEndsAt, setShiftEndsAt] = useState('');
  const [audience, setAudience] = useState<AudienceChoice>({ kind: 'match' });
  const [inWaves, setInWaves] = useState(false);
  const [waveFactor, setWaveFactor] = useState(String(WAVE_FACTOR_DEFAULT));
  const [waveMinutes, setWaveMinutes] = useState(String(WAVE_MINUTES_DEFAULT));
  const [bring, setBring] = useState('');
  const [checkInMinutes, setCheckInMinutes] = useState('');
  const [checkInEnRoute, setCheckInEnRoute] = useState(false);
  // The composer mounts on a tap in the browser, so "now" here never disagrees with a server render.
  const [deadline, setDeadline] = useState(() => toLocalInput(new Date(Date.now() + DEFAULT_DEADLINE_MS), timeZone));
  const [matches, setMatches] = useState<Matches | null>(null);
  const [matchError, setMatchError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<Record<string, string[]>>({});

  // A required training counts only with a certificate still valid at the deadline: count as the request will match.
  const matchDeadline =
    trainingId && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(deadline) ? fromLocalInput(deadline, timeZone) : undefined;

  useEffect(() => {
    if (pillarCodes.length === 0) return;
    let current = true;
    const timer = setTimeout(() => {
      void callApi<Matches>(`/api/incidents/${incidentId}/matches`, {
        body: { pillarCodes, skill, trainingId: trainingId || undefined, deadline: matchDeadline },
      }).then((result) => {
        if (!current) return;
        if (result.ok) {
          setMatches(result.data);
          setMatchError(null);
        } else setMatchError(result.error);
      });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [incidentId, pillarCodes, skill, trainingId, matchDeadline, refreshKey]);

  const choices = useMemo(
    () =>
      pillarCodes.length === 0
        ? []
        : (matches?.regencies ?? []).filter((regency) => !sourceChoices || sourceChoices.includes(regency.code)),
    [matches, pillarCodes, sourceChoices],
  );
  const suggested = new Set(
    choices
      .filter((regency) => regency.available > 0)
      .slice(0, SUGGESTED)
      .map((regency) => regency.code),
  );
  const reach = choices
    .filter((regency) => sources.includes(regency.code))
    .reduce((sum, regency) => sum + regency.available, 0);

  const toggle = (list: string[], code: string) =>
    list.includes(code) ? list.filter((item) => item !== code) : [...list, code];

  /** The nearest kabupaten/kota with matching volunteers, until together they have enough. */
  function suggest() {
    const wanted = Math.max(1, Number(slots) || 1);
    const picked: string[] = [];
    let total = 0;
    for (const regency of choices) {
      if (regency.available === 0) continue;
      picked.push(regency.code);
      total += regency.available;
      if (total >= wanted) break;
    }
    setSources(picked);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDetails({});
    const matching = audience.kind === 'match';
    const result = await callApi<{ offered: number }>('/api/requests', {
      body: {
        incidentId,
        slots: Number(slots),
        pillarCodes,
        skill,
        trainingId: trainingId || undefined,
        sourceRegencyCodes: matching ? sources : undefined,
        audience: audienceInput(audience),
        waves:
          matching && inWaves
            ? { factor: Number(waveFactor) || WAVE_FACTOR_DEFAULT, everyMinutes: Number(waveMinutes) }
            : undefined,
        meetingPoint,
        bring,
        checkInMinutes: checkInMinutes ? Number(checkInMinutes) : undefined,
        checkInEnRoute,
        deadline: fromLocalInput(deadline, timeZone),
        shiftEndsAt: shiftEndsAt ? fromLocalInput(shiftEndsAt, timeZone) : undefined,
        relievesRequestId: relieves?.id,
      },
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setDetails(result.details ?? {});
      return;
    }
    onCreated(result.data.offered);
  }

  const describedBy = (field: string) => (details[field] ? `composer-${field}-error` : undefined);
  const wanted = Math.max(1, Number(slots) || 1);
  const firstWave = Math.min(reach, wanted * Math.max(1, Number(waveFactor) || WAVE_FACTOR_DEFAULT));
  const defaultCheckIn = CHECK_IN_DEFAULT_MINUTES[incidentType];
  const hours = (minutes: number) => fieldwork('hours', { hours: minutes / 60 });

  return (
    <form className="composer" onSubmit={(event) => void submit(event)} noValidate data-testid="request-composer">
      <div className="form-grid">
        <label>
          <span>{t('slots')}</span>
          <input
            name="slots"
            type="number"
            min={1}
            max={1000}
            inputMode="numeric"
            value={slots}
            onChange={(event) => setSlots(event.target.value)}
            aria-describedby={describedBy('slots')}
          />
          <FieldError id="composer-slots-error" messages={details.slots} />
        </label>
        <label>
          <span>{t('skill')}</span>
          <input
            name="skill"
            list="composer-skills"
            value={skill}
            maxLength={60}
            onChange={(event) => setSkill(event.target.value)}
            placeholder={t('skillPlaceholder')}
            aria-describedby={describedBy('skill')}
          />
          <datalist id="composer-skills">
            {options.skills.map((known) => (
              <option key={known} value={known} />
            ))}
          </datalist>
          <FieldError id="composer-skill-error" messages={details.skill} />
        </label>
        <label className="span-2">
          <span>{t('training')}</span>
          <select
            name="trainingId"
            value={trainingId}
            onChange={(event) => setTrainingId(event.target.value)}
            aria-describedby={describedBy('trainingId')}
          >
            <option value="">{t('noTraining')}</option>
            {options.trainings.map((training) => (
              <option key={training.id} value={training.id}>
                {training.name} ({training.startsOn.slice(0, 4)})
              </option>
            ))}
          </select>
          <FieldError id="composer-trainingId-error" messages={details.trainingId} />
        </label>
      </div>

      <fieldset className="check-grid" aria-describedby={describedBy('pillarCodes')}>
        <legend>{t('pillars')}</legend>
        {options.pillars.map((pillar) => (
          <label key={pillar.code} className="check">
            <input
              type="checkbox"
              name="pillarCodes"
              value={pillar.code}
              checked={pillarCodes.includes(pillar.code)}
              onChange={() => setPillarCodes((current) => toggle(current, pillar.code))}
            />
            <span>{pillar.name}</span>
          </label>
        ))}
        <FieldError id="composer-pillarCodes-error" messages={details.pillarCodes} />
      </fieldset>

      <ComposerAudience
        provinceCode={provinceCode}
        regencyNames={regencyNames}
        sourceChoices={sourceChoices}
        value={audience}
        onChange={setAudience}
        errors={details.audience}
      />

      {audience.kind === 'match' ? (
        <fieldset className="sources" aria-describedby={describedBy('sourceRegencyCodes')}>
          <legend>{t('sources')}</legend>
          <div className="sources-tools">
            <p className="hint">{t('sourcesHint')}</p>
            <button type="button" className="button-small" onClick={suggest} disabled={choices.length === 0}>
              {t('suggest')}
            </button>
          </div>
          {pillarCodes.length === 0 ? <p className="hint">{t('pillarFirst')}</p> : null}
          <FormError message={matchError} />
          <ul className="source-list" data-testid="source-list">
            {choices.map((regency) => (
              <li key={regency.code}>
                <label
                  className={`source ${regency.available === 0 ? 'source-empty' : ''}`}
                  data-testid="source-regency"
                  data-regency={regency.code}
                >
                  <input
                    type="checkbox"
                    name="sourceRegencyCodes"
                    value={regency.code}
                    checked={sources.includes(regency.code)}
                    onChange={() => setSources((current) => toggle(current, regency.code))}
                  />
                  <span className="source-name">
                    {regency.name}
                    {suggested.has(regency.code) ? <span className="pill pill-suggested">{t('nearest')}</span> : null}
                  </span>
                  <span className="source-count" data-testid="match-count">
                    {t('standby', { count: regency.available })}
                  </span>
                  <span className="source-distance">
                    {regency.distanceKm !== null ? t('distance', { km: Math.round(regency.distanceKm) }) : ''}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <FieldError id="composer-sourceRegencyCodes-error" messages={details.sourceRegencyCodes} />
          <p className="reach" data-testid="composer-reach">
            {sources.length === 0
              ? t('noSources')
              : inWaves
                ? t('reachInWaves', { first: firstWave, count: reach, minutes: Number(waveMinutes) || 0 })
                : t('reach', { count: reach, regencies: sources.length })}
          </p>
          <label className="check">
            <input
              type="checkbox"
              name="inWaves"
              checked={inWaves}
              onChange={(event) => setInWaves(event.target.checked)}
            />
            <span>{t('inWaves')}</span>
          </label>
          {inWaves ? (
            <div className="form-grid" data-testid="composer-waves">
              <label>
                <span>{t('waveFactor')}</span>
                <input
                  name="waveFactor"
                  type="number"
                  min={1}
                  max={20}
                  inputMode="numeric"
                  value={waveFactor}
                  onChange={(event) => setWaveFactor(event.target.value)}
                  aria-describedby={details['waves.factor'] ? 'composer-waves.factor-error' : undefined}
                />
                <FieldError id="composer-waves.factor-error" messages={details['waves.factor']} />
              </label>
              <label>
                <span>{t('waveMinutes')}</span>
                <input
                  name="waveMinutes"
                  type="number"
                  min={1}
                  max={1440}
                  inputMode="numeric"
                  value={waveMinutes}
                  onChange={(event) => setWaveMinutes(event.target.value)}
                  aria-describedby={details['waves.everyMinutes'] ? 'composer-waves.everyMinutes-error' : undefined}
                />
                <FieldError id="composer-waves.everyMinutes-error" messages={details['waves.everyMinutes']} />
              </label>
              <p className="hint span-2">{t('wavesHint')}</p>
            </div>
          ) : null}
          <FieldError id="composer-waves-error" messages={details.waves} />
        </fieldset>
      ) : null}

      <div className="form-grid">
        <label className="span-2">
          <span>{t('meetingPoint')}</span>
          <input
            name="meetingPoint"
            value={meetingPoint}
            maxLength={300}
            onChange={(event) => setMeetingPoint(event.target.value)}
            placeholder={t('meetingPointPlaceholder')}
            aria-describedby={describedBy('meetingPoint')}
          />
          <FieldError id="composer-meetingPoint-error" messages={details.meetingPoint} />
        </label>
        <label className="span-2">
          <span>{fieldwork('bring')}</span>
          <textarea
            name="bring"
            rows={2}
            value={bring}
            maxLength={1000}
            onChange={(event) => setBring(event.target.value)}
            placeholder={fieldwork('bringPlaceholder')}
            aria-describedby={describedBy('bring')}
          />
          <FieldError id="composer-bring-error" messages={details.bring} />
        </label>
        <label>
          <span>{fieldwork('checkIn')}</span>
          <select
            name="checkInMinutes"
            value={checkInMinutes}
            onChange={(event) => setCheckInMinutes(event.target.value)}
            aria-describedby={describedBy('checkInMinutes')}
          >
            <option value="">{fieldwork('checkInDefault', { every: hours(defaultCheckIn) })}</option>
            {CHECK_IN_CHOICES.filter((minutes) => minutes !== defaultCheckIn).map((minutes) => (
              <option key={minutes} value={minutes}>
                {fieldwork('checkInEvery', { every: hours(minutes) })}
              </option>
            ))}
          </select>
          <FieldError id="composer-checkInMinutes-error" messages={details.checkInMinutes} />
        </label>
        <label className="check">
          <input
            type="checkbox"
            name="checkInEnRoute"
            checked={checkInEnRoute}
            onChange={(event) => setCheckInEnRoute(event.target.checked)}
          />
          <span>{fieldwork('checkInEnRoute')}</span>
        </label>
        <label>
          <span>{t('deadline', { zone: timeZoneLabel(timeZone) })}</span>
          <input
            name="deadline"
            type="datetime-local"
            value={deadline}
            onChange={(event) => setDeadline(event.target.value)}
            aria-describedby={describedBy('deadline')}
          />
          <FieldError id="composer-deadline-error" messages={details.deadline} />
        </label>
        <label>
          <span>{relief('shiftEnds', { zone: timeZoneLabel(timeZone) })}</span>
          <input
            name="shiftEndsAt"
            type="datetime-local"
            value={shiftEndsAt}
            onChange={(event) => setShiftEndsAt(event.target.value)}
            aria-describedby={describedBy('shiftEndsAt')}
          />
          <FieldError id="composer-shiftEndsAt-error" messages={details.shiftEndsAt} />
        </label>
      </div>
      {relieves ? <p className="hint">{relief('hint')}</p> : null}
      <FormError message={error} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('sending') : t('submit')}
        </button>
        <button type="button" onClick={onClose} disabled={busy}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
