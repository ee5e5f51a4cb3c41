import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { Me } from '@/lib/auth';
import { getAppContext } from '@/server/context';
import { loadMapPage } from '@/server/regencies/map-page';
import { AvailabilityDashboard } from './AvailabilityDashboard';
import { UserMenu } from './UserMenu';

/** Server side of the map page: today's numbers are in the first HTML, live updates follow by socket. */
export async function ProvinceMapPage({
  provinceCode,
  me,
  title,
  children,
}: {
  provinceCode: string;
  me: Me;
  title?: string;
  children?: ReactNode;
}) {
  const t = await getTranslations('map');
  const { db, env } = getAppContext();
  const data = await loadMapPage(db, provinceCode);
  if (!data) notFound();
  return (
    <AvailabilityDashboard
      data={data}
      title={title ?? t('title.availability')}
      userMenu={<UserMenu me={me} />}
      tileUrl={env.TILE_URL}
      tileAttribution={env.TILE_ATTRIBUTION}
    >
      {children}
    </AvailabilityDashboard>
  );
}
