'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { RegencyAvailability } from '@/lib/availability';

/** One regency's volunteers per pilar sosial; used in the map popup and the table. */
export function PillarBreakdown({
  regency,
  pillarNames,
}: {
  regency: RegencyAvailability;
  pillarNames: Record<string, string>;
}) {
  const t = useTranslations('map');
  const format = useFormatter();
  const rows = Object.entries(regency.byPillar)
    .map(([code, counts]) => ({ code, name: pillarNames[code] ?? code, ...counts }))
    .sort((a, b) => b.available - a.available || a.name.localeCompare(b.name, 'id'));

  if (rows.length === 0) return <p className="breakdown-empty">{t('breakdown.empty')}</p>;
  return (
    <table className="breakdown" data-testid="pillar-breakdown">
      <caption className="visually-hidden">{t('breakdown.caption', { name: regency.name })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('breakdown.pillar')}</th>
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
        {rows.map((row) => (
          <tr key={row.code} data-pillar={row.code}>
            <th scope="row">{row.name}</th>
            <td className="num strong">{format.number(row.available)}</td>
            <td className="num">{format.number(row.deployed)}</td>
            <td className="num">{format.number(row.unavailable)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
