import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getAppContext } from '@/server/context';
import { volunteerAssignments } from '@/server/deployments/queries';
import { latestEventId } from '@/server/events/queries';
import { vapidKeys } from '@/server/push/keys';
import { coordinatorContacts, provinceTimeZones } from '@/server/volunteers/contacts';
import { teamOf, volunteerProfile } from '@/server/volunteers/profile';
import { VolunteerHome } from '@/app/_areas/field/VolunteerHome';
import { requirePage } from '@/app/_shared/session';
import '@/app/_areas/field/field.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('field');
  return { title: t('title') };
}

/** The volunteer's phone: its own availability, its offers and assignments, and (ketua regu) its team. */
export default async function VolunteerPage() {
  const { actor, me } = await requirePage('/tugas', ['volunteer']);
  if (actor.role !== 'volunteer') notFound();
  const ctx = getAppContext();
  const { db } = ctx;
  // The position first: anything committed after it reaches the page live or by replay.
  const position = await latestEventId(db);
  const [profile, team, assignments, zones, keys] = await Promise.all([
    volunteerProfile(db, actor.volunteerId),
    actor.isTeamLeader ? teamOf(db, actor) : null,
    volunteerAssignments({ ctx: { ...ctx, actor }, input: {} }),
    provinceTimeZones(db),
    vapidKeys(db, ctx.env),
  ]);
  if (!profile) notFound();
  const contacts = await coordinatorContacts(
    db,
    assignments.map((item) => item.incident.regencyCode),
  );
  return (
    <VolunteerHome
      data={{ me, profile, team, assignments, contacts, zones, vapidPublicKey: keys.publicKey, position }}
    />
  );
}
