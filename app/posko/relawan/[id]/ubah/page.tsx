import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Actor } from '@/lib/roles';
import { getAppContext } from '@/server/context';
import { DomainError } from '@/server/errors';
import { findProvince } from '@/server/regencies/queries';
import { volunteerFormChoices } from '@/server/volunteers/form-data';
import { volunteerRecord, type VolunteerRecord } from '@/server/volunteers/queries';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { MoveForm, RetireForm, VolunteerForm, type VolunteerFormValues } from '@/app/_areas/registry/VolunteerForm';
import { formatWhenIn } from '@/app/_areas/registry/use-when';
import styles from '@/app/_areas/registry/VolunteerRecord.module.css';
import { requirePage } from '@/app/_shared/session';
import { EraseForm } from '@/app/_areas/privacy/EraseForm';
import '@/app/_areas/privacy/privacy.css';

type Props = { params: Promise<{ id: string }> };

/** The volunteer, or null when the actor may not see them (the same 404 as for an unknown id). */
async function load(actor: Actor, id: string): Promise<VolunteerRecord | null> {
  try {
    const ctx = getAppContext();
    return await volunteerRecord(ctx.db, actor, id, ctx.now());
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('registry'))('editTitle') };
}

/** Correct a volunteer's record, move its home, retire or reinstate it: coordinators in scope and admins. */
export default async function EditVolunteerPage({ params }: Props) {
  const { id } = await params;
  const { actor, me } = await requirePage(`/posko/relawan/${id}/ubah`, ['admin', 'coordinator']);
  const volunteer = await load(actor, id);
  if (!volunteer) notFound();
  const ctx = getAppContext();
  const [t, choices, locale, province] = await Promise.all([
    getTranslations('registry'),
    volunteerFormChoices(ctx.db, actor, volunteer.provinceCode),
    getLocale(),
    findProvince(ctx.db, volunteer.provinceCode),
  ]);
  const initial: VolunteerFormValues = {
    id: volunteer.id,
    name: volunteer.name,
    phone: volunteer.phone,
    nik: volunteer.nik,
    pillarCode: volunteer.pillarCode,
    regencyCode: volunteer.regencyCode,
    districtCode: volunteer.districtCode,
    village: volunteer.village,
    skills: volunteer.skills,
    isCivilServant: volunteer.isCivilServant,
    taganaRank: volunteer.taganaRank,
    isTeamLeader: volunteer.isTeamLeader,
    gender: volunteer.gender,
    birthYear: volunteer.birthYear,
    emergencyContactName: volunteer.emergencyContactName,
    emergencyContactPhone: volunteer.emergencyContactPhone,
  };
  const retired = volunteer.retiredAt !== null;
  const p = await getTranslations('privacy');
  // Erasure is the province's decision: admins and province coordinators.
  const mayErase = actor.role === 'admin' || (actor.role === 'coordinator' && actor.scope.regencyCode === null);
  return (
    <div className="dashboard">
      <PageTopbar title={t('editTitle')} subtitle={`${volunteer.name} · ${volunteer.regencyName}`}>
        <ConnectionBadge />
        <UserMenu me={me} />
      </PageTopbar>
      <main className="page-body">
        <p className={styles.back}>
          <Link href={`/posko/relawan/${volunteer.id}`}>← {t('backToRecord', { name: volunteer.name })}</Link>
        </p>
        {volunteer.erasedAt ? (
          <p className="notice" data-testid="erased-notice">
            {p('erase.erased')}
          </p>
        ) : null}
        {volunteer.retiredAt ? (
          <p className="notice" data-testid="retired-notice">
            {t('retiredSince', {
              when: formatWhenIn(locale, volunteer.retiredAt, province?.timeZone ?? 'Asia/Jakarta'),
              reason: volunteer.retiredReason ?? '',
            })}
          </p>
        ) : null}
        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title">{t('details')}</h2>
          <VolunteerForm choices={choices} initial={initial} />
        </section>
        <section className="card" aria-labelledby="move-title">
          <h2 id="move-title">{t('move.title')}</h2>
          <MoveForm volunteerId={volunteer.id} choices={choices} initial={initial} />
        </section>
        <section className="card" aria-labelledby="retire-title">
          <h2 id="retire-title">{retired ? t('reinstate.title') : t('retire.title')}</h2>
          <RetireForm volunteerId={volunteer.id} retired={retired} />
        </section>
        {mayErase && !volunteer.erasedAt ? (
          <section className="card" aria-labelledby="erase-title">
            <h2 id="erase-title">{p('erase.title')}</h2>
            <EraseForm volunteerId={volunteer.id} />
          </section>
        ) : null}
      </main>
    </div>
  );
}
