import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PROVINCE_CODE } from '@/lib/domain';
import { getAppContext } from '@/server/context';
import { allProvinces } from '@/server/incidents/page-data';
import { provinceSettings } from '@/server/provinces/queries';
import { findProvince } from '@/server/regencies/queries';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { ProvincePicker } from '@/app/_shared/ProvincePicker';
import { UserMenu } from '@/app/_shared/UserMenu';
import { requirePage } from '@/app/_shared/session';
import { ProvinceSettingsForm } from '@/app/_areas/provinces/ProvinceSettingsForm';
import '@/app/_areas/provinces/provinces.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('provinces'))('metaTitle') };
}

/**
 * The province's own settings: the posko's number and the rest after a deployment. Province coordinators
 * and admins change them (admins pick the province, `?provinsi=32`); kabupaten coordinators read.
 */
export default async function ProvinceSettingsPage({ searchParams }: { searchParams: Promise<{ provinsi?: string }> }) {
  const { actor, me } = await requirePage('/posko/pengaturan', ['admin', 'coordinator']);
  const ctx = getAppContext();
  const { provinsi } = await searchParams;
  const provinceCode =
    me.provinceCode ?? (provinsi && PROVINCE_CODE.test(provinsi) ? provinsi : ctx.env.POSKO_DEFAULT_PROVINCE);
  const [t, province, settings, provinces] = await Promise.all([
    getTranslations('provinces'),
    findProvince(ctx.db, provinceCode),
    provinceSettings(ctx.db, provinceCode),
    actor.role === 'admin' ? allProvinces(ctx.db) : [],
  ]);
  if (!province || !settings) notFound();
  const canEdit = actor.role === 'admin' || (actor.role === 'coordinator' && actor.scope.regencyCode === null);
  const channelsLink = actor.role === 'admin' ? `/posko/sms?provinsi=${provinceCode}` : '/posko/sms';
  return (
    <div className="dashboard">
      <PageTopbar title={t('title')} subtitle={province.name}>
        <a className="topbar-link" href={actor.role === 'admin' ? `/provinsi/${provinceCode}` : '/posko'}>
          {t('commandCentre')}
        </a>
        <UserMenu me={me} />
      </PageTopbar>
      <main className="page-body province-settings-page">
        <ProvincePicker
          action="/posko/pengaturan"
          id="settings-province"
          label={t('province')}
          submit={t('show')}
          provinces={provinces}
          current={provinceCode}
        />
        <section className="card" aria-labelledby="province-settings-title">
          <h2 id="province-settings-title">{t('title')}</h2>
          <ProvinceSettingsForm key={provinceCode} initial={settings} canEdit={canEdit} />
        </section>
        <p>
          <a href={channelsLink}>{t('channels')}</a>
        </p>
      </main>
    </div>
  );
}
