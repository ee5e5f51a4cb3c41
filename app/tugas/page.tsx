import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { assessmentPlaces } from '@/server/assessments/places';
import { getAppContext } from '@/server/context';
import { volunteerAssignments } from '@/server/deployments/queries';
import { latestEventId } from '@/server/events/queries';
import { ownMessages } from '@/server/messages/queries';
import { vapidKeys } from '@/server/push/keys';
import { preferenceOf } from '@/server/channels/queries';
import { ownRollCalls } from '@/server/roll-calls/queries';
import { consentOf } from '@/server/privacy/set-consent';
import { coordinatorContacts, provinceTimeZones } from '@/server/volunteers/contacts';
import { teamOf, volunteerProfile } from '@/server/volunteers/profile';
import { VolunteerHome } from '@/app/_areas/field/VolunteerHome';
import { requirePage } from '@/app/_shared/session';
import { FieldFlash } from '@/lib/field-form';
import { FIELD_FLASH_COOKIE } from '@/lib/field-form-names';
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
  const [profile, team, assignments, zones, keys, channelPreference, rollCalls, messages] = await Promise.all([
    volunteerProfile(db, actor.volunteerId),
    actor.isTeamLeader ? teamOf(db, actor) : null,
    volunteerAssignments({ ctx: { ...ctx, actor }, input: {} }),
    provinceTimeZones(db),
    vapidKeys(db, ctx.env),
    preferenceOf(db, actor.volunteerId),
    ownRollCalls(db, actor.volunteerId, new Date()),
    ownMessages(db, actor.volunteerId, new Date()),
  ]);
  if (!profile) notFound();
  // Every form on the page carries a key of its own, so a tap before the scripts run counts once.
  const formKeys: Record<string, string> = {
    'availability:available': randomUUID(),
    'availability:unavailable': randomUUID(),
  };
  for (const item of assignments) {
    for (const step of item.nextStatuses) formKeys[`${item.assignment.id}:${step}`] = randomUUID();
  }
  const contacts = await coordinatorContacts(
    db,
    assignments.map((item) => item.incident.regencyCode),
  );
  // Kecamatan and desa for a rapid assessment, loaded before the phone loses signal on site.
  const deployedTo = [
    ...new Set(
      assignments
        .filter((item) => ['offered', 'accepted', 'en_route', 'on_site'].includes(item.assignment.status))
        .map((item) => item.incident.regencyCode),
    ),
  ];
  const places = Object.fromEntries(
    await Promise.all(deployedTo.map(async (code) => [code, await assessmentPlaces(db, code)] as const)),
  );
  return (
    <VolunteerHome
      data={{
        me,
        profile,
        team,
        assignments,
        contacts,
        zones,
        vapidPublicKey: keys.publicKey,
        position,
        channelPreference,
        places,
        contact: { rollCalls, messages },
        consent: await consentOf(db, actor.volunteerId),
        retentionDays: ctx.env.POSKO_POSITION_RETENTION_DAYS,
        formKeys,
        flash: await formFlash(),
      }}
    />
  );
}

/** The outcome of the form post that led here (app/tugas/aksi), if its cookie is still there. */
async function formFlash(): Promise<FieldFlash | undefined> {
  const value = (await cookies()).get(FIELD_FLASH_COOKIE)?.value;
  if (!value) return undefined;
  try {
    const flash = FieldFlash.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return flash.success ? flash.data : undefined;
  } catch {
    return undefined;
  }
}
