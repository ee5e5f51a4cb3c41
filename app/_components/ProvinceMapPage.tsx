import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { getAppContext } from '@/server/context';
import { loadMapPage } from '@/server/regencies/map-page';
import { AvailabilityDashboard } from './AvailabilityDashboard';

/** Server side of the map page: today's numbers are in the first HTML, live updates follow by socket. */
export async function ProvinceMapPage({ provinceCode }: { provinceCode: string }) {
  await connection(); // always rendered per request: the numbers are live
  const { db, env } = getAppContext();
  const data = await loadMapPage(db, provinceCode);
  if (!data) notFound();
  return <AvailabilityDashboard data={data} tileUrl={env.TILE_URL} tileAttribution={env.TILE_ATTRIBUTION} />;
}
