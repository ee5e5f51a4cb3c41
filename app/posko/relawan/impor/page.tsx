import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getAppContext } from '@/server/context';
import { allProvinces } from '@/server/incidents/page-data';
import { findProvince } from '@/server/regencies/queries';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { ProvincePicker } from '@/app/_shared/ProvincePicker';
import { UserMenu } from '@/app/_shared/UserMenu';
import { VolunteerImport } from '@/app/_areas/imports/VolunteerImport';
import { pageProvince, requirePage } from '@/app/_shared/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('imports'))('title') };
}

/**
 * Bringing an office's Excel or CSV roster in: upload, check every row, correct the mapping, save.
 * Coordinators import into their own scope; admins into the province they pick (`?provinsi=62`).
 */
export default async function ImportPage({ searchParams }: { searchParams: Promise<{ provinsi?: string }> }) {
  const { actor, me } = await requirePage('/posko/relawan/impor', ['admin', 'coordinator']);
  const t = await getTranslations('imports');
  const ctx = getAppContext();
  const isAdmin = actor.role === 'admin';
  const provinceCode = isAdmin ? pageProvince(me, (await searchParams).provinsi) : null;
  const [province, provinces] = await Promise.all([
    provinceCode ? findProvince(ctx.db, provinceCode) : undefined,
    isAdmin ? allProvinces(ctx.db) : [],
  ]);
  if (provinceCode && !province) notFound();
  return (
    <div className="dashboard">
      <PageTopbar title={t('title')} subtitle={province?.name ?? me.scopeLabel}>
        {provinceCode ? (
          <ProvincePicker
            action="/posko/relawan/impor"
            id="import-province"
            label={t('provincePicker')}
            submit={t('showProvince')}
            provinces={provinces}
            current={provinceCode}
          />
        ) : null}
        <ConnectionBadge />
        <UserMenu me={me} />
      </PageTopbar>
      <VolunteerImport provinceCode={provinceCode} provinceName={province?.name ?? null} />
    </div>
  );
}
