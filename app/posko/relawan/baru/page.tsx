import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { PROVINCE_CODE } from '@/lib/domain';
import { getAppContext } from '@/server/context';
import { volunteerFormChoices } from '@/server/volunteers/form-data';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { VolunteerForm } from '@/app/_areas/registry/VolunteerForm';
import styles from '@/app/_areas/registry/VolunteerRecord.module.css';
import { requirePage } from '@/app/_shared/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('registry'))('newTitle') };
}

/** "Tambah relawan": a new volunteer in the coordinator's scope (admins: `?provinsi=` or the default province). */
export default async function NewVolunteerPage({ searchParams }: { searchParams: Promise<{ provinsi?: string }> }) {
  const { actor, me } = await requirePage('/posko/relawan/baru', ['admin', 'coordinator']);
  const ctx = getAppContext();
  const asked = (await searchParams).provinsi;
  const provinceCode =
    actor.role === 'coordinator'
      ? actor.scope.provinceCode
      : asked && PROVINCE_CODE.test(asked)
        ? asked
        : ctx.env.POSKO_DEFAULT_PROVINCE;
  const [t, choices] = await Promise.all([
    getTranslations('registry'),
    volunteerFormChoices(ctx.db, actor, provinceCode),
  ]);
  const only = choices.places.length === 1 ? choices.places[0]!.code : '';
  return (
    <div className="dashboard">
      <PageTopbar title={t('newTitle')} subtitle={me.scopeLabel}>
        <ConnectionBadge />
        <UserMenu me={me} />
      </PageTopbar>
      <main className="page-body">
        <p className={styles.back}>
          <Link href="/posko/relawan">← {t('backToRoster')}</Link>
        </p>
        <section className="card" aria-labelledby="new-volunteer-title">
          <h2 id="new-volunteer-title">{t('details')}</h2>
          <VolunteerForm
            choices={choices}
            initial={{
              name: '',
              phone: '',
              nik: null,
              pillarCode: '',
              regencyCode: only,
              districtCode: null,
              village: null,
              skills: [],
              isCivilServant: false,
              taganaRank: null,
              isTeamLeader: false,
              gender: null,
              birthYear: null,
              emergencyContactName: null,
              emergencyContactPhone: null,
            }}
          />
        </section>
      </main>
    </div>
  );
}
