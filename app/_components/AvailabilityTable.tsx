'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { RegencyAvailability } from '@/lib/availability';
import { PillarBreakdown } from './PillarBreakdown';

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
  const format = useFormatter();
  const total = regencies.reduce(
    (sum, regency) => ({
      available: sum.available + regency.available,
      deployed: sum.deployed + regency.deployed,
      unavailable: sum.unavailable + regency.unavailable,
    }),
    { available: 0, deployed: 0, unavailable: 0 },
  );

  return (
    <section className="list-panel" aria-labelledby="availability-table-title">
      <h2 id="availability-table-title">{t('table.title')}</h2>
      <table className="availability-table" data-testid="availability-table">
        <caption className="visually-hidden">{t('table.caption', { place: provinceName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.regency')}</th>
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
          {regencies.map((regency) => {
            const isSelected = regency.code === selected;
            return (
              <RegencyRows
                key={regency.code}
                regency={regency}
                isSelected={isSelected}
                isEmphasised={regency.code === emphasis}
                pillarNames={pillarNames}
                onToggle={() => onSelect(isSelected ? null : regency.code)}
              />
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('table.total')}</th>
            <td className="num" data-testid="total-available">
              {format.number(total.available)}
            </td>
            <td className="num">{format.number(total.deployed)}</td>
            <td className="num">{format.number(total.unavailable)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function RegencyRows({
  regency,
  isSelected,
  isEmphasised,
  pillarNames,
  onToggle,
}: {
  regency: RegencyAvailability;
  isSelected: boolean;
  isEmphasised: boolean;
  pillarNames: Record<string, string>;
  onToggle(): void;
}) {
  const format = useFormatter();
  const classes = [isSelected && 'selected', isEmphasised && 'emphasised'].filter(Boolean).join(' ');
  return (
    <>
      <tr data-regency={regency.code} className={classes || undefined}>
        <th scope="row">
          <button type="button" className="row-toggle" aria-expanded={isSelected} onClick={onToggle}>
            {regency.name}
          </button>
        </th>
        <td className="num strong" data-testid="available">
          {format.number(regency.available)}
        </td>
        <td className="num" data-testid="deployed">
          {format.number(regency.deployed)}
        </td>
        <td className="num" data-testid="unavailable">
          {format.number(regency.unavailable)}
        </td>
      </tr>
      {isSelected && (
        <tr className="breakdown-row">
          <td colSpan={4}>
            <PillarBreakdown regency={regency} pillarNames={pillarNames} />
          </td>
        </tr>
      )}
    </>
  );
}
