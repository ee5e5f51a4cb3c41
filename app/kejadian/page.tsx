import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { PROVINCE_CODE } from '@/lib/domain';
import { getAppContext } from '@/server/context';
import { latestEventId } from '@/server/events/queries';
import { allProvinces, incidentPlaces, provinceInfo } from '@/server/incidents/page-data';
import { listIncidents } from '@/server/incidents/queries';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { IncidentList } from '@/app/_areas/incidents/IncidentList';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { toJson } from '@/app/_shared/json';
import { requirePage } from '@/app/_shared/session';

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
  const provinceCode = me.provinceCode ?? (asked && PROVINCE_CODE.test(asked) ? asked : ctx.env.POSKO_DEFAULT_PROVINCE);
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
        {provinces.length > 0 ? (
          // A plain GET form: it works before the page's scripts have loaded.
          <form className="province-picker" action="/kejadian">
            <label htmlFor="incident-province">{t('provinceLabel')}</label>
            <select id="incident-province" name="provinsi" defaultValue={province.code}>
              {provinces.map((option) => (
                <option key={option.code} value={option.code}>
                  {option.name}
                </option>
              ))}
            </select>
            <button type="submit">{t('showProvince')}</button>
          </form>
        ) : null}
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
