import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PROVINCE_CODE } from '@/lib/domain';
import { getAppContext } from '@/server/context';
import { DomainError } from '@/server/errors';
import { latestEventId } from '@/server/events/queries';
import { findProvince } from '@/server/regencies/queries';
import { rosterChoices } from '@/server/volunteers/queries';
import { rosterPage, type RosterPage } from '@/server/volunteers/roster';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { VolunteerRoster } from '@/app/_areas/registry/VolunteerRoster';
import { toJson } from '@/app/_shared/json';
import { requirePage } from '@/app/_shared/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('roster'))('title') };
}

type Params = Record<string, string | string[] | undefined>;

/**
 * The roster of the coordinator's scope: search, filters, sort and page come from the address, so a
 * link shows the same view; volunteers get their activation links from here.
 */
export default async function RosterPageView({ searchParams }: { searchParams: Promise<Params> }) {
  const { actor, me } = await requirePage('/posko/relawan', ['admin', 'coordinator']);
  const t = await getTranslations('roster');
  const tt = await getTranslations('trainings');
  const tImports = await getTranslations('imports');
  const ctx = getAppContext();
  const params = Object.fromEntries(
    Object.entries(await searchParams).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value]] : [])),
  );
  // The position first: anything committed after it reaches the page live or by replay.
  const position = await latestEventId(ctx.db);
  const now = ctx.now();
  let roster: RosterPage;
  try {
    roster = await rosterPage(ctx.db, actor, params, now);
  } catch (error) {
    // A hand-edited address with a value the roster does not know shows the plain first page.
    if (!(error instanceof DomainError) || error.code !== 'INVALID') throw error;
    roster = await rosterPage(ctx.db, actor, {}, now);
  }
  const asked = roster.query.provinceCode;
  const provinceCode = me.provinceCode ?? (asked && PROVINCE_CODE.test(asked) ? asked : ctx.env.POSKO_DEFAULT_PROVINCE);
  const [choices, province] = await Promise.all([
    rosterChoices(ctx.db, actor, provinceCode),
    findProvince(ctx.db, provinceCode),
  ]);
  return (
    <div className="dashboard">
      <PageTopbar title={t('title')} subtitle={me.scopeLabel}>
        <a className="topbar-link" href="/posko/pelatihan">
          {tt('trainingsLink')}
        </a>
        <a className="topbar-link" href="/posko/relawan/impor">
          {tImports('link')}
        </a>
        <ConnectionBadge />
        <UserMenu me={me} />
      </PageTopbar>
      <VolunteerRoster
        roster={toJson(roster)}
        choices={choices}
        position={position}
        timeZone={province?.timeZone ?? 'Asia/Jakarta'}
      />
    </div>
  );
}
