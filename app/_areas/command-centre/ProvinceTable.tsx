'use client';

import { useTranslations } from 'next-intl';
import type { RegencyAvailability } from '@/lib/availability';
import { CountTable } from '@/app/_shared/CountTable';
import { useAvailabilityColumns } from '@/app/_shared/map/availability-columns';

/** The national view's numbers per province (its kabupaten/kota added up), each a way into that province. */
export function ProvinceTable({
  provinces,
  regencies,
}: {
  provinces: { code: string; name: string }[];
  regencies: RegencyAvailability[];
}) {
  const t = useTranslations('map');
  const columns = useAvailabilityColumns();
  const totals = new Map(provinces.map((province) => [province.code, { available: 0, deployed: 0, unavailable: 0 }]));
  for (const regency of regencies) {
    const total = totals.get(regency.code.slice(0, 2));
    if (!total) continue;
    total.available += regency.available;
    total.deployed += regency.deployed;
    total.unavailable += regency.unavailable;
  }
  return (
    <section className="list-panel" aria-labelledby="province-table-title">
      <h2 id="province-table-title">{t('table.provincesTitle')}</h2>
      <CountTable
        testId="province-table"
        caption={t('table.provincesCaption')}
        nameHeader={t('table.province')}
        columns={columns}
        rows={provinces.map((province) => ({
          id: province.code,
          attributes: { 'data-province': province.code },
          counts: totals.get(province.code)!,
          name: <a href={`/provinsi/${province.code}`}>{province.name}</a>,
        }))}
      />
    </section>
  );
}
