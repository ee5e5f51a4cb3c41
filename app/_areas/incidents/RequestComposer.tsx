'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { TimeZone } from '@/lib/domain';
import type { Point } from '@/lib/geo';
import type { RegencyMatch } from '@/server/deployments/queries';
import type { ComposerOptions } from '@/server/incidents/page-data';
import { callApi } from '@/app/_shared/api';
import { fromLocalInput, timeZoneLabel, toLocalInput } from '@/app/_shared/time';
import { FieldError, FormError } from './FieldError';

const DEFAULT_DEADLINE_MS = 3 * 3_600_000;
/** How many of the nearest kabupaten/kota with matching volunteers are marked as suggestions. */
const SUGGESTED = 3;

type Matches = { origin: Point | null; regencies: RegencyMatch[] };

/**
 * A new deployment request: how many, which pillars (and optionally a skill or a training), from which
 * kabupaten/kota, where to report and by when. Beside each kabupaten/kota: how many matching volunteers
 * are on standby there right now, nearest first.
 */
export function RequestComposer({
  incidentId,
  options,
  timeZone,
  sourceChoices,
  refreshKey,
  onCreated,
  onClose,
}: {
  incidentId: string;
  options: ComposerOptions;
  timeZone: TimeZone;
  /** The kabupaten/kota this person may ask (a kabupaten coordinator: its own); null: all of the province. */
  sourceChoices: string[] | null;
  /** Changes when volunteers' availability may have changed, to count again. */
  refreshKey: number;
  onCreated(offered: number): void;
  onClose(): void;
}) {
  const t = useTranslations('incidents.composer');
  const [slots, setSlots] = useState('1');
  const [pillarCodes, setPillarCodes] = useState<string[]>(() =>
    options.pillars.some((pillar) => pillar.code === 'tagana') ? ['tagana'] : [],
  );
  const [skill, setSkill] = useState('');
  const [trainingId, setTrainingId] = useState('');
  const [sources, setSources] = useState<string[]>([]);
  const [meetingPoint, setMeetingPoint] = useState('');
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
    const result = await callApi<{ offered: number }>('/api/requests', {
      body: {
        incidentId,
        slots: Number(slots),
        pillarCodes,
        skill,
        trainingId: trainingId || undefined,
        sourceRegencyCodes: sources,
        meetingPoint,
        deadline: fromLocalInput(deadline, timeZone),
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
          {sources.length > 0 ? t('reach', { count: reach, regencies: sources.length }) : t('noSources')}
        </p>
      </fieldset>

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
      </div>
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
