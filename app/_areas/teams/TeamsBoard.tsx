'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { TEAM_SIZE, type TeamSummary } from '@/lib/teams';
import type { TeamChoices } from '@/server/teams/page-data';
import { callApi } from '@/app/_shared/api';
import { ConfirmButton } from '@/app/_areas/incidents/ConfirmButton';
import { FieldError, FormError } from '@/app/_areas/incidents/FieldError';
import './teams.css';

type Details = Record<string, string[]>;
type Names = { regencies: Map<string, string>; pillars: Map<string, string> };

/**
 * The regu of a province, kept in the roster: a coordinator names a regu of its kabupaten/kota, adds and
 * removes members (found by name in that kabupaten), picks the ketua regu and disbands it; others read.
 */
export function TeamsBoard({
  teams,
  choices,
  regencyCode,
}: {
  teams: TeamSummary[];
  choices: TeamChoices;
  /** The kabupaten/kota the list is narrowed to, if any. */
  regencyCode: string | null;
}) {
  const t = useTranslations('teams');
  const names: Names = {
    regencies: new Map(choices.regencies.map((regency) => [regency.code, regency.name])),
    pillars: new Map(choices.pillars.map((pillar) => [pillar.code, pillar.name])),
  };
  const editable = new Set(choices.regencies.filter((regency) => regency.editable).map((regency) => regency.code));
  return (
    <main className="page-body teams-page">
      {editable.size > 0 && <NewTeamForm choices={choices} regencyCode={regencyCode} />}
      <section aria-labelledby="teams-title">
        <div className="section-heading">
          <h2 id="teams-title">
            {t('listTitle')} <span className="count">({teams.length})</span>
          </h2>
          <form method="get" className="teams-filter">
            <label htmlFor="teams-regency">{t('filter.label')}</label>
            <select id="teams-regency" name="kabupaten" defaultValue={regencyCode ?? ''}>
              <option value="">{t('filter.all')}</option>
              {choices.regencies.map((regency) => (
                <option key={regency.code} value={regency.code}>
                  {regency.name}
                </option>
              ))}
            </select>
            <button type="submit">{t('filter.show')}</button>
          </form>
        </div>
        {teams.length === 0 ? (
          <p className="hint" data-testid="teams-empty">
            {t('empty')}
          </p>
        ) : (
          <ul className="regu-list">
            {teams.map((team) => (
              <TeamCard key={team.id} team={team} names={names} canEdit={editable.has(team.regencyCode)} />
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

function NewTeamForm({ choices, regencyCode }: { choices: TeamChoices; regencyCode: string | null }) {
  const t = useTranslations('teams');
  const router = useRouter();
  const editable = choices.regencies.filter((regency) => regency.editable);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<Details>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    setDetails({});
    const pillarCode = String(data.get('pillarCode') ?? '');
    const created = await callApi('/api/teams', {
      body: {
        name: String(data.get('name') ?? '').trim(),
        regencyCode: String(data.get('regencyCode') ?? ''),
        ...(pillarCode ? { pillarCode } : {}),
      },
    });
    setBusy(false);
    if (!created.ok) {
      setError(created.error);
      setDetails(created.details ?? {});
      return;
    }
    form.reset();
    router.refresh();
  }

  const initial = editable.some((regency) => regency.code === regencyCode) ? regencyCode! : editable[0]!.code;
  return (
    <section className="card" aria-labelledby="new-team-title">
      <h2 id="new-team-title">{t('new.title')}</h2>
      <form className="team-form" onSubmit={(event) => void submit(event)} noValidate>
        <label>
          {t('new.name')}
          <input name="name" required minLength={2} maxLength={80} aria-describedby="team-name-error" />
          <FieldError id="team-name-error" messages={details.name} />
        </label>
        <label>
          {t('new.regency')}
          <select name="regencyCode" defaultValue={initial} aria-describedby="team-regency-error">
            {editable.map((regency) => (
              <option key={regency.code} value={regency.code}>
                {regency.name}
              </option>
            ))}
          </select>
          <FieldError id="team-regency-error" messages={details.regencyCode} />
        </label>
        <label>
          {t('new.pillar')}
          <select name="pillarCode" defaultValue="">
            <option value="">{t('new.anyPillar')}</option>
            {choices.pillars.map((pillar) => (
              <option key={pillar.code} value={pillar.code}>
                {pillar.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button-primary" disabled={busy}>
          {t('new.submit')}
        </button>
        <FormError message={error} />
      </form>
    </section>
  );
}

function TeamCard({ team, names, canEdit }: { team: TeamSummary; names: Names; canEdit: boolean }) {
  const t = useTranslations('teams');
  const domain = useTranslations('domain');
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(path: string, init: { method?: string; body?: unknown }): Promise<boolean> {
    setBusy(true);
    setError(null);
    const result = await callApi(path, init);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    router.refresh();
    return true;
  }

  const size = team.members.length;
  const outsideSize = size < TEAM_SIZE.min || size > TEAM_SIZE.max;
  return (
    <li className="card team-card" data-testid="team" data-team={team.id}>
      <header className="team-head">
        <h3>{team.name}</h3>
        <span className="team-size" data-testid="team-size">
          {t('card.size', { count: size })}
        </span>
      </header>
      <p className="team-meta">
        {names.regencies.get(team.regencyCode) ?? team.regencyCode}
        {' · '}
        {team.pillarCode ? (names.pillars.get(team.pillarCode) ?? team.pillarCode) : t('card.anyPillar')}
      </p>
      <p data-testid="team-leader">{team.leader ? t('card.leader', { name: team.leader.name }) : t('card.noLeader')}</p>
      {outsideSize && <p className="hint">{t('card.sizeHint', { min: TEAM_SIZE.min, max: TEAM_SIZE.max })}</p>}
      {size > 0 && (
        <ul className="team-members">
          {team.members.map((member) => (
            <li key={member.id} data-testid="team-member" data-volunteer={member.id}>
              <span className="team-member-name">
                {member.name}
                {team.leader?.id === member.id && <strong className="team-badge">{t('card.leaderBadge')}</strong>}
              </span>
              <span className={`team-availability team-${member.availability}`}>
                {domain(`availability.${member.availability}` as 'availability.available')}
              </span>
              {canEdit && (
                <span className="team-member-actions">
                  {team.leader?.id !== member.id && (
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={t('card.makeLeaderOf', { name: member.name })}
                      onClick={() =>
                        void act(`/api/teams/${team.id}`, { method: 'PATCH', body: { leaderVolunteerId: member.id } })
                      }
                    >
                      {t('card.makeLeader')}
                    </button>
                  )}
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={t('card.removeOf', { name: member.name })}
                    onClick={() => void act(`/api/teams/${team.id}/members/${member.id}`, { method: 'DELETE' })}
                  >
                    {t('card.remove')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <AddMember
          team={team}
          onAdd={(volunteerId) => act(`/api/teams/${team.id}/members`, { body: { volunteerId } })}
          busy={busy}
        />
      )}
      <FormError message={error} />
      {canEdit && (
        <div className="team-footer">
          <ConfirmButton
            label={t('card.disband')}
            accessibleLabel={t('card.disbandOf', { name: team.name })}
            question={t('card.disbandQuestion', { name: team.name })}
            confirmLabel={t('card.disbandConfirm')}
            disabled={busy}
            onConfirm={() => void act(`/api/teams/${team.id}`, { method: 'DELETE' })}
          />
        </div>
      )}
    </li>
  );
}

interface Found {
  id: string;
  name: string;
  pillar: string;
  availability: string;
}

/** Finds volunteers of the regu's kabupaten/kota (and pillar) by name or phone, to add one at a time. */
function AddMember({
  team,
  onAdd,
  busy,
}: {
  team: TeamSummary;
  onAdd(volunteerId: string): Promise<boolean>;
  busy: boolean;
}) {
  const t = useTranslations('teams');
  const [found, setFound] = useState<Found[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const members = new Set(team.members.map((member) => member.id));

  async function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('search') ?? '').trim();
    setError(null);
    const params = new URLSearchParams({ regencyCode: team.regencyCode, pageSize: '8', sort: 'name' });
    if (text) params.set('search', text);
    if (team.pillarCode) params.set('pillarCode', team.pillarCode);
    const result = await callApi<{ rows: Found[] }>(`/api/volunteers?${params}`);
    if (!result.ok) return setError(result.error);
    setFound(result.data.rows.filter((row) => !members.has(row.id)));
  }

  const field = `team-search-${team.id}`;
  return (
    <div className="team-add">
      <form className="team-search" role="search" onSubmit={(event) => void search(event)}>
        <label htmlFor={field}>{t('add.label')}</label>
        <input id={field} name="search" type="search" placeholder={t('add.placeholder')} />
        <button type="submit">{t('add.search')}</button>
      </form>
      <FormError message={error} />
      {found && found.length === 0 && <p className="hint">{t('add.none')}</p>}
      {found && found.length > 0 && (
        <ul className="team-found" data-testid="team-found">
          {found.map((row) => (
            <li key={row.id}>
              <span>
                {row.name} <span className="hint">· {row.pillar}</span>
              </span>
              <button
                type="button"
                disabled={busy}
                aria-label={t('add.addOf', { name: row.name })}
                onClick={() =>
                  void onAdd(row.id).then(
                    (added) => added && setFound((list) => list?.filter((item) => item.id !== row.id) ?? null),
                  )
                }
              >
                {t('add.add')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
