import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getAppContext } from '@/server/context';
import { allProvinces } from '@/server/incidents/page-data';
import { provinceReadiness, readinessChoices } from '@/server/readiness/queries';
import { findProvince } from '@/server/regencies/queries';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { pageProvince, requirePage } from '@/app/_shared/session';
import { ReadinessSettings } from '@/app/_areas/readiness/ReadinessSettings';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('readiness'))('metaTitle') };
}

/**
 * The province's readiness rules: standby minimums per kabupaten/kota and pillar, coverage by
 * kecamatan. Province coordinators and admins change them (admins pick the province, `?provinsi=32`);
 * kabupaten coordinators read them.
 */
export default async function ReadinessPage({ searchParams }: { searchParams: Promise<{ provinsi?: string }> }) {
  const { actor, me } = await requirePage('/posko/kesiapan', ['admin', 'coordinator']);
  const t = await getTranslations('readiness');
  const ctx = getAppContext();
  const { provinsi } = await searchParams;
  const provinceCode = pageProvince(me, provinsi);
  const province = await findProvince(ctx.db, provinceCode);
  if (!province) notFound();
  const [readiness, choices, provinces] = await Promise.all([
    provinceReadiness(ctx.db, provinceCode),
    readinessChoices(ctx.db, provinceCode),
    actor.role === 'admin' ? allProvinces(ctx.db) : [],
  ]);
  const canEdit = actor.role === 'admin' || (actor.role === 'coordinator' && actor.scope.regencyCode === null);
  return (
    <div className="dashboard">
      <PageTopbar title={t('title')} subtitle={province.name}>
        <a className="topbar-link" href={actor.role === 'admin' ? `/provinsi/${provinceCode}` : '/posko'}>
          {(await getTranslations('map'))('title.commandCentre')}
        </a>
        <ConnectionBadge />
        <UserMenu me={me} />
      </PageTopbar>
      <ReadinessSettings
        initial={readiness}
        provinceName={province.name}
        regencies={choices.regencies}
        pillars={choices.pillars}
        provinces={provinces}
        canEdit={canEdit}
      />
    </div>
  );
}
