import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PROVINCE_ASK_EVENTS } from '@/lib/province-asks';
import { ASSIGNMENT_EVENTS, REQUEST_EVENTS } from '@/lib/dispatch';
import { getAppContext } from '@/server/context';
import { latestEventId } from '@/server/events/queries';
import { askChoices } from '@/server/province-asks/page-data';
import { listProvinceAsks } from '@/server/province-asks/queries';
import { findProvince } from '@/server/regencies/queries';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { LiveRefresh } from '@/app/_shared/LiveRefresh';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { UserMenu } from '@/app/_shared/UserMenu';
import { requirePage } from '@/app/_shared/session';
import { toLocalInput } from '@/app/_shared/time';
import { ProvinceAsks } from '@/app/_areas/province-asks/ProvinceAsks';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('help'))('metaTitle') };
}

/** Every event that changes an ask or the progress of the help it became. */
const WATCHED = [
  ...Object.values(PROVINCE_ASK_EVENTS),
  ...Object.values(REQUEST_EVENTS),
  ...Object.values(ASSIGNMENT_EVENTS),
] as readonly string[];

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Help between provinces: what other provinces asked of this one (the province coordinator accepts from
 * its own kabupaten/kota or declines), what this province asked, and the form for a new ask
 * (`?kejadian=` picks the incident). Kabupaten coordinators and leaders read.
 */
export default async function HelpPage({ searchParams }: { searchParams: Promise<{ kejadian?: string }> }) {
  const { actor, me } = await requirePage('/posko/bantuan', ['admin', 'coordinator', 'leader']);
  const ctx = getAppContext();
  const { kejadian } = await searchParams;
  const t = await getTranslations('help');
  const position = await latestEventId(ctx.db);
  const list = await listProvinceAsks({ ctx: { ...ctx, actor }, input: {} });
  const provinceCode = me.provinceCode ?? ctx.env.POSKO_DEFAULT_PROVINCE;
  const [choices, province] = await Promise.all([askChoices(ctx.db, actor, list), findProvince(ctx.db, provinceCode)]);
  const timeZone = province?.timeZone ?? 'Asia/Jakarta';
  const atProvinceLevel = actor.role === 'admin' || (actor.role === 'coordinator' && actor.scope.regencyCode === null);
  return (
    <div className="dashboard">
      <PageTopbar title={t('title')} subtitle={me.scopeLabel}>
        <ConnectionBadge />
        <UserMenu me={me} />
      </PageTopbar>
      <LiveRefresh position={position} types={WATCHED} />
      <ProvinceAsks
        incoming={list.incoming}
        outgoing={list.outgoing}
        choices={choices}
        canAnswer={atProvinceLevel}
        canAsk={atProvinceLevel}
        isAdmin={actor.role === 'admin'}
        ownProvince={me.provinceCode}
        timeZone={timeZone}
        defaultDeadline={toLocalInput(new Date(ctx.now().getTime() + 12 * 3_600_000), timeZone)}
        incidentId={kejadian && ID.test(kejadian) ? kejadian : null}
        pillarNames={Object.fromEntries(choices.pillars.map((pillar) => [pillar.code, pillar.name]))}
      />
    </div>
  );
}
