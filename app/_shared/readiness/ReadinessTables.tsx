'use client';

import './readiness.css';

import { useTranslations } from 'next-intl';
import type { ProvinceReadiness } from '@/lib/readiness';
import { CountTable } from '../CountTable';

/** The shortfalls as tables, for reading and for screen readers: one row per kabupaten/kota or kecamatan and pillar. */
export function ReadinessTables({ readiness, place }: { readiness: ProvinceReadiness; place: string }) {
  const t = useTranslations('readiness.tables');
  if (readiness.minimums.length === 0 && readiness.rules.length === 0) return null;
  return (
    <div className="readiness-tables">
      {readiness.minimums.length > 0 && (
        // Focusable: a table wider than a phone scrolls inside its panel, by keyboard too.
        <section className="list-panel" aria-labelledby="readiness-below-title" tabIndex={0}>
          <h2 id="readiness-below-title">{t('belowTitle')}</h2>
          {readiness.belowMinimum.length === 0 ? (
            <p className="empty">{t('noneBelow')}</p>
          ) : (
            <CountTable
              testId="readiness-below-table"
              caption={t('belowCaption', { place })}
              nameHeader={t('regencyPillar')}
              columns={[
                { key: 'shortBy', label: t('shortBy') },
                { key: 'available', label: t('available') },
                { key: 'minimumAvailable', label: t('minimum') },
              ]}
              rows={readiness.belowMinimum.map((row) => ({
                id: `${row.regencyCode} ${row.pillarCode}`,
                attributes: { 'data-short-regency': row.regencyCode, 'data-pillar': row.pillarCode },
                name: `${row.regencyName} · ${row.pillarName}`,
                counts: row,
              }))}
            />
          )}
        </section>
      )}
      {readiness.rules.length > 0 && (
        <section className="list-panel" aria-labelledby="readiness-uncovered-title" tabIndex={0}>
          <h2 id="readiness-uncovered-title">{t('uncoveredTitle')}</h2>
          {readiness.uncovered.length === 0 ? (
            <p className="empty">{t('noneUncovered')}</p>
          ) : (
            <CountTable
              testId="readiness-uncovered-table"
              caption={t('uncoveredCaption', { place })}
              nameHeader={t('districtPillar')}
              columns={[
                { key: 'active', label: t('active') },
                { key: 'required', label: t('required') },
              ]}
              rows={readiness.uncovered.map((row) => ({
                id: `${row.districtCode} ${row.pillarCode}`,
                attributes: { 'data-district': row.districtCode, 'data-pillar': row.pillarCode },
                name: `Kec. ${row.districtName}, ${row.regencyName} · ${row.pillarName}`,
                counts: row,
              }))}
            />
          )}
        </section>
      )}
    </div>
  );
}
