import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { loadBoard } from '@/server/board/queries';
import { getAppContext } from '@/server/context';
import { provinceReadiness } from '@/server/readiness/queries';
import { allProvinces } from '@/server/incidents/page-data';
import { loadMapPage } from '@/server/regencies/map-page';
import { LeaderBoard } from '@/app/_areas/board/LeaderBoard';
import { UserMenu } from '@/app/_shared/UserMenu';
import { pageProvince, requirePage } from '@/app/_shared/session';
import '@/app/_areas/board/board.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('board');
  return { title: t('metaTitle') };
}

/**
 * The leaders' live board of their province, read-only: figures with their trend, the map, volunteers
 * per kabupaten/kota, the timeline and running requests. Admins see the default province, or another
 * with `?provinsi=32`; `?banding=24` compares with a day ago instead of six hours.
 */
export default async function LeaderPage({
  searchParams,
}: {
  searchParams: Promise<{ provinsi?: string; banding?: string }>;
}) {
  const { actor, me } = await requirePage('/pantau', ['admin', 'coordinator', 'leader']);
  const ctx = getAppContext();
  const { provinsi, banding } = await searchParams;
  const provinceCode = pageProvince(me, provinsi);
  const map = await loadMapPage(ctx.db, provinceCode);
  if (!map) notFound();
  const [board, provinces] = await Promise.all([
    loadBoard({ ctx: { ...ctx, actor }, input: { provinceCode, compareHours: banding === '24' ? 24 : 6 } }),
    actor.role === 'admin' ? allProvinces(ctx.db) : [],
  ]);
  // After the board, which authorized the province.
  const readiness = await provinceReadiness(ctx.db, provinceCode);
  return (
    <LeaderBoard
      initial={board}
      readiness={readiness}
      map={{ points: map.points, bounds: map.bounds, pillars: map.pillars }}
      provinces={provinces}
      userMenu={<UserMenu me={me} />}
      tileUrl={ctx.env.TILE_URL}
      tileAttribution={ctx.env.TILE_ATTRIBUTION}
    />
  );
}
