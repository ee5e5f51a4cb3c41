import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { getAppContext } from '@/server/context';
import { latestEventId } from '@/server/events/queries';
import { allProvinces, incidentPlaces, provinceInfo } from '@/server/incidents/page-data';
import { listIncidents } from '@/server/incidents/queries';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { IncidentList } from '@/app/_areas/incidents/IncidentList';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { toJson } from '@/app/_shared/json';
import { pageProvince, requirePage } from '@/app/_shared/session';
import { ProvincePicker } from '@/app/_shared/ProvincePicker';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('incidents');
  return { title: t('title') };
}

/**
 * The province's incidents, live, for coordinators (who also register new ones here) and leaders
 * (read-only). Admins see the default province, or another with `?provinsi=32`.
 */
export default async function IncidentsPage({ searchParams }: { searchParams: Promise<{ provinsi?: string }> }) {
  const { actor, me } = await requirePage('/kejadian', ['admin', 'coordinator', 'leader']);
  const [t, tNav] = await Promise.all([getTranslations('incidents'), getTranslations('common.nav')]);
  const ctx = getAppContext();
  const asked = (await searchParams).provinsi;
  const provinceCode = pageProvince(me, asked);
  const province = await provinceInfo(ctx.db, provinceCode);
  if (!province) notFound();
  // The position first: anything committed after it reaches the page live or by replay.
  const position = await latestEventId(ctx.db);
  const [incidents, places, provinces] = await Promise.all([
    listIncidents({ ctx: { ...ctx, actor }, input: { provinceCode } }),
    actor.role === 'leader' ? [] : incidentPlaces(ctx.db, actor, provinceCode),
    // Only an admin's scope spans provinces.
    actor.role === 'admin' ? allProvinces(ctx.db) : [],
  ]);
  return (
    <div className="dashboard">
      <PageTopbar title={t('title')} subtitle={t('provinceSubtitle', { province: province.name })}>
        <ProvincePicker
          action="/kejadian"
          id="incident-province"
          label={t('provinceLabel')}
          submit={t('showProvince')}
          provinces={provinces}
          current={province.code}
        />
        <a className="topbar-link" href={me.role === 'leader' ? '/pantau' : '/posko'}>
          {tNav('map')}
        </a>
        <ConnectionBadge />
        <UserMenu me={me} />
      </PageTopbar>
      <IncidentList province={province} initial={toJson(incidents)} position={position} places={places} />
    </div>
  );
}
