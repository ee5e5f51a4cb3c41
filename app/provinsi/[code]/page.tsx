import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PROVINCE_CODE } from '@/lib/domain';
import { ProvinceMapPage } from '../../_components/ProvinceMapPage';
import { requirePage } from '../../_lib/session';

export const metadata: Metadata = { title: 'Ketersediaan relawan' };

/** Any province's counts (they name nobody), for the people who coordinate or watch. */
export default async function ProvincePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const { me } = await requirePage(`/provinsi/${code}`, ['admin', 'coordinator', 'leader']);
  if (!PROVINCE_CODE.test(code)) notFound();
  return <ProvinceMapPage provinceCode={code} me={me} />;
}
