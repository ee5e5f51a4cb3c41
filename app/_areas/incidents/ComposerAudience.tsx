'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { RequestAudienceKind } from '@/lib/dispatch';
import type { TeamSummary } from '@/lib/teams';
import type { RosterPage } from '@/server/volunteers/roster';
import type { Json } from '@/app/_shared/json';
import { callApi } from '@/app/_shared/api';
import { FieldError, FormError } from './FieldError';

/** A hand-picked volunteer as the composer shows it. */
export interface PickedVolunteer {
  id: string;
  name: string;
  regencyName: string;
}

/** Who the composer sends to: everyone who matches (the sources below), named regu or picked people. */
export type AudienceChoice =
  { kind: 'match' } | { kind: 'teams'; teamIds: string[] } | { kind: 'volunteers'; picked: PickedVolunteer[] };

const KINDS: RequestAudienceKind[] = ['match', 'teams', 'volunteers'];

/** The request's `audience` field for the API. */
export function audienceInput(choice: AudienceChoice) {
  if (choice.kind === 'teams') return { kind: 'teams' as const, teamIds: choice.teamIds };
  if (choice.kind === 'volunteers')
    return { kind: 'volunteers' as const, volunteerIds: choice.picked.map((v) => v.id) };
  return { kind: 'match' as const };
}

/**
 * "Kirim tawaran ke": everyone who matches in the chosen kabupaten/kota, the members of named regu of the
 * province, or volunteers the coordinator picks by name (those siaga get the offer).
 */
export function ComposerAudience({
  provinceCode,
  regencyNames,
  sourceChoices,
  value,
  onChange,
  errors,
}: {
  provinceCode: string;
  regencyNames: Record<string, string>;
  /** The kabupaten/kota this person may ask (a kabupaten coordinator: its own); null: all of the province. */
  sourceChoices: string[] | null;
  value: AudienceChoice;
  onChange(next: AudienceChoice): void;
  errors?: string[];
}) {
  const t = useTranslations('incidents.audience');
  return (
    <fieldset className="audience" aria-describedby={errors?.length ? 'composer-audience-error' : undefined}>
      <legend>{t('legend')}</legend>
      <div className="check-grid" role="radiogroup" aria-label={t('legend')}>
        {KINDS.map((kind) => (
          <label key={kind} className="check">
            <input
              type="radio"
              name="audience"
              value={kind}
              checked={value.kind === kind}
              onChange={() =>
                onChange(
                  kind === 'teams'
                    ? { kind, teamIds: [] }
                    : kind === 'volunteers'
                      ? { kind, picked: [] }
                      : { kind: 'match' },
                )
              }
            />
            <span>{t(kind)}</span>
          </label>
        ))}
      </div>
      {value.kind === 'teams' ? (
        <TeamPicker
          provinceCode={provinceCode}
          regencyNames={regencyNames}
          sourceChoices={sourceChoices}
          chosen={value.teamIds}
          onChange={(teamIds) => onChange({ kind: 'teams', teamIds })}
        />
      ) : null}
      {value.kind === 'volunteers' ? (
        <VolunteerPicker
          provinceCode={provinceCode}
          picked={value.picked}
          onChange={(picked) => onChange({ kind: 'volunteers', picked })}
        />
      ) : null}
      <FieldError id="composer-audience-error" messages={errors} />
    </fieldset>
  );
}

/** The province's regu (a kabupaten coordinator: its own kabupaten's), each with how many are siaga. */
function TeamPicker({
  provinceCode,
  regencyNames,
  sourceChoices,
  chosen,
  onChange,
}: {
  provinceCode: string;
  regencyNames: Record<string, string>;
  sourceChoices: string[] | null;
  chosen: string[];
  onChange(teamIds: string[]): void;
}) {
  const t = useTranslations('incidents.audience');
  const [all, setAll] = useState<TeamSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void callApi<{ teams: TeamSummary[] }>(`/api/teams?provinceCode=${provinceCode}`).then((result) => {
      if (!current) return;
      if (result.ok) setAll(result.data.teams);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [provinceCode]);

  const teams = all?.filter((team) => !sourceChoices || sourceChoices.includes(team.regencyCode)) ?? null;
  if (error) return <FormError message={error} />;
  if (!teams) return <p className="hint">{t('loading')}</p>;
  if (teams.length === 0) return <p className="hint">{t('noTeams')}</p>;
  const reach = teams
    .filter((team) => chosen.includes(team.id))
    .reduce((sum, team) => sum + team.members.filter((member) => member.availability === 'available').length, 0);
  return (
    <>
      <ul className="source-list" data-testid="team-list">
        {teams.map((team) => {
          const standby = team.members.filter((member) => member.availability === 'available').length;
          return (
            <li key={team.id}>
              <label className={`source ${standby === 0 ? 'source-empty' : ''}`} data-testid="team-choice">
                <input
                  type="checkbox"
                  name="teamIds"
                  value={team.id}
                  checked={chosen.includes(team.id)}
                  onChange={() =>
                    onChange(chosen.includes(team.id) ? chosen.filter((id) => id !== team.id) : [...chosen, team.id])
                  }
                />
                <span className="source-name">{team.name}</span>
                <span className="source-count">{t('standby', { count: standby })}</span>
                <span className="source-distance">
                  {t('teamOf', {
                    regency: regencyNames[team.regencyCode] ?? team.regencyCode,
                    members: team.members.length,
                  })}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      <p className="reach" data-testid="audience-reach">
        {chosen.length > 0 ? t('teamsReach', { count: reach, teams: chosen.length }) : t('noTeamChosen')}
      </p>
    </>
  );
}

/** A search of the roster (siaga volunteers in the caller's scope) to pick people by name. */
function VolunteerPicker({
  provinceCode,
  picked,
  onChange,
}: {
  provinceCode: string;
  picked: PickedVolunteer[];
  onChange(picked: PickedVolunteer[]): void;
}) {
  const t = useTranslations('incidents.audience');
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Json<RosterPage>['rows'] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const words = search.trim();
    if (words.length < 2) return;
    let current = true;
    const timer = setTimeout(() => {
      const query = new URLSearchParams({ provinceCode, search: words, availability: 'available', pageSize: '25' });
      void callApi<Json<RosterPage>>(`/api/volunteers?${query.toString()}`).then((result) => {
        if (!current) return;
        if (result.ok) {
          setFound(result.data.rows);
          setError(null);
        } else setError(result.error);
      });
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search, provinceCode]);

  const isPicked = (id: string) => picked.some((volunteer) => volunteer.id === id);
  const shown = search.trim().length < 2 ? [] : (found ?? []);
  return (
    <div className="picker">
      {picked.length > 0 ? (
        <ul className="picked" data-testid="picked-volunteers" aria-label={t('pickedLabel')}>
          {picked.map((volunteer) => (
            <li key={volunteer.id}>
              <span>
                {volunteer.name} <span className="hint">· {volunteer.regencyName}</span>
              </span>
              <button
                type="button"
                className="button-small"
                onClick={() => onChange(picked.filter((other) => other.id !== volunteer.id))}
                aria-label={t('unpick', { name: volunteer.name })}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <label>
        <span>{t('search')}</span>
        <input
          type="search"
          name="volunteerSearch"
          value={search}
          maxLength={80}
          onChange={(event) => setSearch(event.target.value)}
          placeholder={t('searchPlaceholder')}
        />
      </label>
      <FormError message={error} />
      {search.trim().length >= 2 && found && shown.length === 0 ? <p className="hint">{t('nobodyFound')}</p> : null}
      <ul className="source-list" data-testid="volunteer-results">
        {shown.map((row) => (
          <li key={row.id}>
            <label className="source" data-testid="volunteer-choice">
              <input
                type="checkbox"
                checked={isPicked(row.id)}
                onChange={() =>
                  onChange(
                    isPicked(row.id)
                      ? picked.filter((volunteer) => volunteer.id !== row.id)
                      : [...picked, { id: row.id, name: row.name, regencyName: row.regencyName }],
                  )
                }
              />
              <span className="source-name">{row.name}</span>
              <span className="source-count">{row.pillar}</span>
              <span className="source-distance">{row.regencyName}</span>
            </label>
          </li>
        ))}
      </ul>
      <p className="reach" data-testid="audience-reach">
        {picked.length > 0 ? t('pickedReach', { count: picked.length }) : t('nobodyPicked')}
      </p>
    </div>
  );
}
