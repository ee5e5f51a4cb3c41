'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, XAxis, YAxis } from 'recharts';
import type { RegencyAvailability } from '@/lib/availability';
import { CountTable } from '@/app/_shared/CountTable';
import { useAvailabilityColumns } from '@/app/_shared/map/availability-columns';

/** Bar colours with at least 3:1 against white (graphics) and told apart by the legend's words too. */
const COLOURS = { available: '#2b7a3d', deployed: '#0b3954' } as const;
const ROW_HEIGHT = 34;

/** "Kapuas", "Kota Palangka Raya": short, but a kota never reads like the kabupaten of the same name. */
const chartName = (regency: RegencyAvailability) =>
  regency.kind === 'kota' && !regency.shortName.startsWith('Kota') ? `Kota ${regency.shortName}` : regency.shortName;

/** Volunteers on standby and deployed per kabupaten/kota: a bar chart, and the same numbers as a table. */
export function RegencyChart({ regencies, provinceName }: { regencies: RegencyAvailability[]; provinceName: string }) {
  const t = useTranslations('board.chart');
  const format = useFormatter();
  const columns = useAvailabilityColumns();
  const rows = useMemo(
    () =>
      regencies.map((regency) => ({
        name: chartName(regency),
        available: regency.available,
        deployed: regency.deployed,
      })),
    [regencies],
  );
  const number = (value: unknown) => (typeof value === 'number' ? format.number(value) : '');

  return (
    <section className="board-panel chart-panel" aria-labelledby="chart-title">
      <h2 id="chart-title">{t('heading')}</h2>
      {/* The table below is the text of this picture; the picture itself has nothing to focus. */}
      <div
        className="chart-frame"
        role="img"
        aria-label={t('description')}
        style={{ height: rows.length * ROW_HEIGHT + 64 }}
        data-testid="regency-chart"
      >
        <BarChart
          data={rows}
          layout="vertical"
          responsive
          accessibilityLayer={false}
          style={{ width: '100%', height: '100%' }}
          margin={{ top: 4, right: 36, bottom: 4, left: 4 }}
          barGap={2}
          barCategoryGap="18%"
        >
          <CartesianGrid horizontal={false} stroke="#d5dde3" />
          <XAxis type="number" allowDecimals={false} tickFormatter={number} tick={{ fill: '#3d4a54' }} />
          <YAxis type="category" dataKey="name" width={130} interval={0} tick={{ fill: '#17212b', fontSize: 13 }} />
          <Legend verticalAlign="top" height={28} itemSorter={null} />
          <Bar dataKey="available" name={t('available')} fill={COLOURS.available} isAnimationActive={false}>
            <LabelList dataKey="available" position="right" formatter={number} fill="#17212b" fontSize={12} />
          </Bar>
          <Bar dataKey="deployed" name={t('deployed')} fill={COLOURS.deployed} isAnimationActive={false}>
            <LabelList dataKey="deployed" position="right" formatter={number} fill="#17212b" fontSize={12} />
          </Bar>
        </BarChart>
      </div>
      <div className="board-table-wrap">
        <CountTable
          className="availability-table board-table"
          testId="regency-table"
          caption={t('tableCaption', { province: provinceName })}
          nameHeader={t('regency')}
          columns={columns}
          totalLabel={t('total')}
          rows={regencies.map((regency) => ({
            id: regency.code,
            attributes: { 'data-regency': regency.code },
            counts: regency,
            name: regency.name,
          }))}
        />
      </div>
    </section>
  );
}
