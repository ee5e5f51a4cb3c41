'use client';

import { useTranslations } from 'next-intl';
import type { RegencyAvailability } from '@/lib/availability';
import { CountTable } from '@/app/_shared/CountTable';
import { useAvailabilityColumns } from './availability-columns';

/** One regency's volunteers per pilar sosial; used in the map popup and the table. */
export function PillarBreakdown({
  regency,
  pillarNames,
}: {
  regency: RegencyAvailability;
  pillarNames: Record<string, string>;
}) {
  const t = useTranslations('map');
  const columns = useAvailabilityColumns();
  const rows = Object.entries(regency.byPillar)
    .map(([code, counts]) => ({ code, name: pillarNames[code] ?? code, ...counts }))
    .sort((a, b) => b.available - a.available || a.name.localeCompare(b.name, 'id'));

  if (rows.length === 0) return <p className="breakdown-empty">{t('breakdown.empty')}</p>;
  return (
    <CountTable
      className="breakdown"
      testId="pillar-breakdown"
      caption={t('breakdown.caption', { name: regency.name })}
      nameHeader={t('breakdown.pillar')}
      columns={columns}
      rows={rows.map((row) => ({ id: row.code, attributes: { 'data-pillar': row.code }, counts: row, name: row.name }))}
    />
  );
}
