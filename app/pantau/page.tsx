import type { Metadata } from 'next';
import { getAppContext } from '@/server/context';
import { ProvinceMapPage } from '../_components/ProvinceMapPage';
import { requirePage } from '../_lib/session';

export const metadata: Metadata = { title: 'Pantauan situasi' };

/** The leaders' read-only view of their province, live. */
export default async function LeaderPage() {
  const { me } = await requirePage('/pantau', ['admin', 'coordinator', 'leader']);
  const provinceCode = me.provinceCode ?? getAppContext().env.POSKO_DEFAULT_PROVINCE;
  return <ProvinceMapPage provinceCode={provinceCode} me={me} title="Pantauan Situasi" />;
}
