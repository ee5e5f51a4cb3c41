import type { RegencyAvailability } from '@/lib/availability';
import { formatNumber } from '../_lib/scale';

/** One regency's volunteers per pilar sosial; used in the map popup and the table. */
export function PillarBreakdown({
  regency,
  pillarNames,
}: {
  regency: RegencyAvailability;
  pillarNames: Record<string, string>;
}) {
  const rows = Object.entries(regency.byPillar)
    .map(([code, counts]) => ({ code, name: pillarNames[code] ?? code, ...counts }))
    .sort((a, b) => b.available - a.available || a.name.localeCompare(b.name, 'id'));

  if (rows.length === 0) return <p className="breakdown-empty">Belum ada relawan terdaftar.</p>;
  return (
    <table className="breakdown" data-testid="pillar-breakdown">
      <caption className="visually-hidden">Relawan {regency.name} per pilar sosial</caption>
      <thead>
        <tr>
          <th scope="col">Pilar</th>
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
        {rows.map((row) => (
          <tr key={row.code} data-pillar={row.code}>
            <th scope="row">{row.name}</th>
            <td className="num strong">{formatNumber(row.available)}</td>
            <td className="num">{formatNumber(row.deployed)}</td>
            <td className="num">{formatNumber(row.unavailable)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
