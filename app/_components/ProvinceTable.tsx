'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { RegencyAvailability } from '@/lib/availability';

/** The national view's numbers per province (its kabupaten/kota added up), each a way into that province. */
export function ProvinceTable({
  provinces,
  regencies,
}: {
  provinces: { code: string; name: string }[];
  regencies: RegencyAvailability[];
}) {
  const t = useTranslations('map');
  const format = useFormatter();
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
      <table className="availability-table" data-testid="province-table">
        <caption className="visually-hidden">{t('table.provincesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.province')}</th>
            <th scope="col" className="num">
              {t('table.available')}
            </th>
            <th scope="col" className="num">
              {t('table.deployed')}
            </th>
            <th scope="col" className="num">
              {t('table.unavailable')}
            </th>
          </tr>
        </thead>
        <tbody>
          {provinces.map((province) => {
            const total = totals.get(province.code)!;
            return (
              <tr key={province.code} data-province={province.code}>
                <th scope="row">
                  <a href={`/provinsi/${province.code}`}>{province.name}</a>
                </th>
                <td className="num strong" data-testid="available">
                  {format.number(total.available)}
                </td>
                <td className="num" data-testid="deployed">
                  {format.number(total.deployed)}
                </td>
                <td className="num" data-testid="unavailable">
                  {format.number(total.unavailable)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
