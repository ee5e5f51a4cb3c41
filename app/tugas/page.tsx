import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getAppContext } from '@/server/context';
import { volunteerAssignments } from '@/server/deployments/queries';
import { latestEventId } from '@/server/events/queries';
import { teamOf, volunteerProfile } from '@/server/volunteers/profile';
import { UserMenu } from '../_components/UserMenu';
import { VolunteerHome } from '../_components/VolunteerHome';
import { requirePage } from '../_lib/session';

export const metadata: Metadata = { title: 'Tugas saya' };

/** The volunteer's phone: its own availability, its offers and assignments, and (ketua regu) its team. */
export default async function VolunteerPage() {
  const { actor, me } = await requirePage('/tugas', ['volunteer']);
  if (actor.role !== 'volunteer') notFound();
  const ctx = getAppContext();
  const { db } = ctx;
  // The position first: anything committed after it reaches the page live or by replay.
  const position = await latestEventId(db);
  const [profile, team, assignments] = await Promise.all([
    volunteerProfile(db, actor.volunteerId),
    actor.isTeamLeader ? teamOf(db, actor) : null,
    volunteerAssignments({ ctx: { ...ctx, actor }, input: {} }),
  ]);
  if (!profile) notFound();
  return (
    <div className="phone-page">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <div>
            <h1>Tugas Saya</h1>
            <p className="subtitle">
              {profile.pillarName} · {profile.regencyName}
            </p>
          </div>
        </div>
        <UserMenu me={me} />
      </header>
      <VolunteerHome profile={profile} team={team} assignments={assignments} position={position} />
    </div>
  );
}
