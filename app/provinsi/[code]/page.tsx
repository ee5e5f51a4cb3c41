import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PROVINCE_CODE } from '@/lib/domain';
import { ProvinceMapPage } from '../../_components/ProvinceMapPage';

export const metadata: Metadata = { title: 'Ketersediaan relawan' };

export default async function ProvincePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!PROVINCE_CODE.test(code)) notFound();
  return <ProvinceMapPage provinceCode={code} />;
}
