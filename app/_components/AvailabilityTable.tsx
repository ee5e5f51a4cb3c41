'use client';

import type { RegencyAvailability } from '@/lib/availability';
import { formatNumber } from '../_lib/scale';
import { PillarBreakdown } from './PillarBreakdown';

export interface AvailabilityTableProps {
  provinceName: string;
  regencies: RegencyAvailability[];
  pillarNames: Record<string, string>;
  selected: string | null;
  onSelect(code: string | null): void;
}

/** The map's numbers as a table, for people who prefer reading and for screen readers. */
export function AvailabilityTable({
  provinceName,
  regencies,
  pillarNames,
  selected,
  onSelect,
}: AvailabilityTableProps) {
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
      <h2 id="availability-table-title">Relawan per kabupaten/kota</h2>
      <table className="availability-table" data-testid="availability-table">
        <caption className="visually-hidden">
          Jumlah relawan siaga, bertugas, dan tidak siaga di setiap kabupaten/kota, {provinceName}
        </caption>
        <thead>
          <tr>
            <th scope="col">Kabupaten/Kota</th>
            <th scope="col" className="num">
              Siaga
            </th>
            <th scope="col" className="num">
              Bertugas
            </th>
            <th scope="col" className="num">
              Tidak siaga
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
                pillarNames={pillarNames}
                onToggle={() => onSelect(isSelected ? null : regency.code)}
              />
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Jumlah</th>
            <td className="num" data-testid="total-available">
              {formatNumber(total.available)}
            </td>
            <td className="num">{formatNumber(total.deployed)}</td>
            <td className="num">{formatNumber(total.unavailable)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function RegencyRows({
  regency,
  isSelected,
  pillarNames,
  onToggle,
}: {
  regency: RegencyAvailability;
  isSelected: boolean;
  pillarNames: Record<string, string>;
  onToggle(): void;
}) {
  return (
    <>
      <tr data-regency={regency.code} className={isSelected ? 'selected' : undefined}>
        <th scope="row">
          <button type="button" className="row-toggle" aria-expanded={isSelected} onClick={onToggle}>
            {regency.name}
          </button>
        </th>
        <td className="num strong" data-testid="available">
          {formatNumber(regency.available)}
        </td>
        <td className="num" data-testid="deployed">
          {formatNumber(regency.deployed)}
        </td>
        <td className="num" data-testid="unavailable">
          {formatNumber(regency.unavailable)}
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
