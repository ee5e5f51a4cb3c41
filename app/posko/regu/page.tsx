import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PROVINCE_CODE, REGENCY_CODE } from '@/lib/domain';
import { VOLUNTEER_EVENTS } from '@/lib/registry';
import { TEAM_EVENTS } from '@/lib/teams';
import { getAppContext } from '@/server/context';
import { latestEventId } from '@/server/events/queries';
import { allProvinces } from '@/server/incidents/page-data';
import { findProvince } from '@/server/regencies/queries';
import { teamChoices } from '@/server/teams/page-data';
import { listTeams } from '@/server/teams/queries';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { LiveRefresh } from '@/app/_shared/LiveRefresh';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { ProvincePicker } from '@/app/_shared/ProvincePicker';
import { UserMenu } from '@/app/_shared/UserMenu';
import { requirePage } from '@/app/_shared/session';
import { TeamsBoard } from '@/app/_areas/teams/TeamsBoard';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('teams'))('metaTitle') };
}

/** A regu changes, or one of its members is renamed, moves away or leaves. */
const WATCHED = [
  ...Object.values(TEAM_EVENTS),
  VOLUNTEER_EVENTS.corrected,
  VOLUNTEER_EVENTS.moved,
  VOLUNTEER_EVENTS.retired,
] as readonly string[];

/**
 * The province's regu (`?kabupaten=62.06` narrows the list; admins pick the province, `?provinsi=32`).
 * Coordinators name and change the regu of their scope; leaders read.
 */
export default async function TeamsPage({
  searchParams,
}: {
  searchParams: Promise<{ provinsi?: string; kabupaten?: string }>;
}) {
  const { actor, me } = await requirePage('/posko/regu', ['admin', 'coordinator', 'leader']);
  const ctx = getAppContext();
  const { provinsi, kabupaten } = await searchParams;
  const provinceCode =
    me.provinceCode ?? (provinsi && PROVINCE_CODE.test(provinsi) ? provinsi : ctx.env.POSKO_DEFAULT_PROVINCE);
  const regencyCode =
    kabupaten && REGENCY_CODE.test(kabupaten) && kabupaten.startsWith(`${provinceCode}.`) ? kabupaten : null;
  const position = await latestEventId(ctx.db);
  const [t, province, choices, list, provinces] = await Promise.all([
    getTranslations('teams'),
    findProvince(ctx.db, provinceCode),
    teamChoices(ctx.db, actor, provinceCode),
    listTeams({ ctx: { ...ctx, actor }, input: { provinceCode, ...(regencyCode ? { regencyCode } : {}) } }),
    actor.role === 'admin' ? allProvinces(ctx.db) : [],
  ]);
  if (!province) notFound();
  return (
    <div className="dashboard">
      <PageTopbar title={t('title')} subtitle={province.name}>
        <ConnectionBadge />
        {actor.role !== 'leader' && (
          <a className="topbar-link" href="/posko/relawan">
            {t('roster')}
          </a>
        )}
        <UserMenu me={me} />
      </PageTopbar>
      <LiveRefresh position={position} types={WATCHED} />
      {actor.role === 'admin' && (
        <div className="page-body">
          <ProvincePicker
            action="/posko/regu"
            id="teams-province"
            label={t('province')}
            submit={t('show')}
            provinces={provinces}
            current={provinceCode}
          />
        </div>
      )}
      <TeamsBoard teams={list.teams} choices={choices} regencyCode={regencyCode} />
    </div>
  );
}
