import type { Metadata } from 'next';
import { getAppContext } from '@/server/context';
import { ProvinceMapPage } from '../_components/ProvinceMapPage';
import { requirePage } from '../_lib/session';

export const metadata: Metadata = { title: 'Peta relawan' };

/** The coordinator's map: its own province (admins: the configured default). */
export default async function CoordinatorPage() {
  const { me } = await requirePage('/posko', ['admin', 'coordinator']);
  const provinceCode = me.provinceCode ?? getAppContext().env.POSKO_DEFAULT_PROVINCE;
  return <ProvinceMapPage provinceCode={provinceCode} me={me} />;
}
