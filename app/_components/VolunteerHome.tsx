'use client';

import { useEffect, useState } from 'react';
import { AVAILABILITY_LABELS, type Availability } from '@/lib/domain';
import type { VolunteerUpdated } from '@/lib/realtime';
import type { VolunteerAssignment } from '@/server/deployments/queries';
import type { TeamMember, VolunteerProfile } from '@/server/volunteers/profile';
import { callApi } from '../_lib/api';
import { getSocket } from '../_lib/socket';
import { OfferList } from './OfferList';

/** Big, one-thumb controls for the volunteer's own state; changes made by a coordinator arrive live. */
export function VolunteerHome({
  profile,
  team,
  assignments,
  position,
}: {
  profile: VolunteerProfile;
  team: TeamMember[] | null;
  assignments: VolunteerAssignment[];
  position: number;
}) {
  const [availability, setAvailability] = useState<Availability>(profile.availability);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const socket = getSocket();
    const onUpdated = (update: VolunteerUpdated) => {
      if (update.volunteerId === profile.id) setAvailability(update.availability);
    };
    socket.on('volunteer:updated', onUpdated);
    return () => {
      socket.off('volunteer:updated', onUpdated);
    };
  }, [profile.id]);

  async function choose(next: 'available' | 'unavailable') {
    setBusy(true);
    setError(null);
    const result = await callApi<{ availability: Availability }>(`/api/volunteers/${profile.id}/availability`, {
      method: 'PATCH',
      body: { availability: next },
    });
    setBusy(false);
    if (result.ok) setAvailability(result.data.availability);
    else setError(result.error);
  }

  return (
    <main className="phone-body">
      <section className="card" aria-labelledby="status-title">
        <h2 id="status-title">Halo, {profile.name}</h2>
        <p className="status-line">
          Status Anda: <strong data-testid="my-availability">{AVAILABILITY_LABELS[availability]}</strong>
        </p>
        {availability === 'deployed' ? (
          <p className="hint">Anda sedang bertugas; status kembali siaga setelah penugasan selesai.</p>
        ) : (
          <div className="big-choices" role="group" aria-label="Ubah status">
            <button
              type="button"
              className="big-button big-button-ok"
              aria-pressed={availability === 'available'}
              disabled={busy || availability === 'available'}
              onClick={() => void choose('available')}
            >
              Siaga
            </button>
            <button
              type="button"
              className="big-button"
              aria-pressed={availability === 'unavailable'}
              disabled={busy || availability === 'unavailable'}
              onClick={() => void choose('unavailable')}
            >
              Tidak siaga
            </button>
          </div>
        )}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="offers-title">
        <h2 id="offers-title">Permintaan penugasan</h2>
        <OfferList volunteerId={profile.id} initial={assignments} position={position} />
      </section>
      {team ? (
        <section className="card" aria-labelledby="team-title">
          <h2 id="team-title">Regu Anda ({team.length} anggota)</h2>
          <p className="hint">
            {(['available', 'deployed', 'unavailable'] as const)
              .map(
                (state) =>
                  `${team.filter((member) => member.availability === state).length} ${AVAILABILITY_LABELS[state].toLowerCase()}`,
              )
              .join(' · ')}
          </p>
          <details>
            <summary>Lihat anggota</summary>
            <ul className="team-list">
              {team.map((member) => (
                <li key={member.id}>
                  <span>{member.name}</span>
                  <span className={`pill pill-${member.availability}`}>{AVAILABILITY_LABELS[member.availability]}</span>
                </li>
              ))}
            </ul>
          </details>
        </section>
      ) : null}
    </main>
  );
}
