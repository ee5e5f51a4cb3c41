'use client';

import { useTranslations } from 'next-intl';
import type { RegencyAvailability } from '@/lib/availability';
import { CountTable } from '@/app/_shared/CountTable';
import { useAvailabilityColumns } from '@/app/_shared/map/availability-columns';
import { PillarBreakdown } from '@/app/_shared/map/PillarBreakdown';

export interface AvailabilityTableProps {
  provinceName: string;
  regencies: RegencyAvailability[];
  pillarNames: Record<string, string>;
  selected: string | null;
  onSelect(code: string | null): void;
  /** Marked in the list as on the map: the kabupaten of a kabupaten's own staff. */
  emphasis?: string | null;
}

/** The map's numbers as a table, for people who prefer reading and for screen readers. */
export function AvailabilityTable({
  provinceName,
  regencies,
  pillarNames,
  selected,
  onSelect,
  emphasis = null,
}: AvailabilityTableProps) {
  const t = useTranslations('map');
  const columns = useAvailabilityColumns();
  return (
    <section className="list-panel" aria-labelledby="availability-table-title">
      <h2 id="availability-table-title">{t('table.title')}</h2>
      <CountTable
        testId="availability-table"
        caption={t('table.caption', { place: provinceName })}
        nameHeader={t('table.regency')}
        columns={columns}
        totalLabel={t('table.total')}
        rows={regencies.map((regency) => {
          const isSelected = regency.code === selected;
          const classes = [isSelected && 'selected', regency.code === emphasis && 'emphasised'].filter(Boolean);
          return {
            id: regency.code,
            attributes: { 'data-regency': regency.code },
            className: classes.join(' ') || undefined,
            counts: regency,
            name: (
              <button
                type="button"
                className="row-toggle"
                aria-expanded={isSelected}
                onClick={() => onSelect(isSelected ? null : regency.code)}
              >
                {regency.name}
              </button>
            ),
            detail: isSelected ? <PillarBreakdown regency={regency} pillarNames={pillarNames} /> : undefined,
          };
        })}
      />
    </section>
  );
}
