'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import type { RegencyAvailability } from '@/lib/availability';
import type { MapPageData } from '@/server/regencies/map-page';
import { availabilityScale } from '@/app/_shared/map/scale';

function MapLoading() {
  const t = useTranslations('board.map');
  return <div className="map-placeholder">{t('loading')}</div>;
}

// Leaflet touches `window` when it loads, so the map renders in the browser only.
const AvailabilityMap = dynamic(() => import('@/app/_shared/map/AvailabilityMap'), {
  ssr: false,
  loading: () => <MapLoading />,
});

/** The coordinators' map, read-only here: kabupaten/kota shaded by volunteers on standby, counts from the board. */
export function BoardMap({
  provinceCode,
  map,
  regencies,
  provinceName,
  tileUrl,
  tileAttribution,
  warnings,
}: {
  provinceCode: string;
  map: Pick<MapPageData, 'points' | 'bounds' | 'pillars'>;
  regencies: RegencyAvailability[];
  provinceName: string;
  tileUrl?: string;
  tileAttribution?: string;
  /** Kabupaten/kota below a readiness minimum, marked "!" on the map. */
  warnings?: Record<string, string>;
}) {
  const t = useTranslations('board.map');
  const legend = useTranslations('map.legend');
  const [selected, setSelected] = useState<string | null>(null);
  const scale = useMemo(
    () => availabilityScale(Math.max(0, ...regencies.map((regency) => regency.available))),
    [regencies],
  );
  const pillarNames = useMemo(
    () => Object.fromEntries(map.pillars.map((pillar) => [pillar.code, pillar.name])),
    [map.pillars],
  );
  return (
    <section className="board-panel map-board-panel" aria-labelledby="board-map-title">
      <h2 id="board-map-title">{t('heading')}</h2>
      <div className="board-map" role="region" aria-label={t('label', { province: provinceName })}>
        <AvailabilityMap
          key={provinceCode}
          provinceCode={provinceCode}
          regencies={regencies}
          points={map.points}
          bounds={map.bounds}
          scale={scale}
          pillarNames={pillarNames}
          selected={selected}
          onSelect={setSelected}
          warnings={warnings}
          tileUrl={tileUrl}
          tileAttribution={tileAttribution}
        />
      </div>
      <div className="board-legend">
        <p className="legend-title" id="board-legend-title">
          {t('legend')}
        </p>
        <ul aria-labelledby="board-legend-title">
          {[scale.nobody, ...scale.classes].map((item) => (
            <li key={item.label}>
              <span className="swatch" style={{ background: item.colour }} aria-hidden="true" />
              {item.label}
            </li>
          ))}
        </ul>
        {warnings && Object.keys(warnings).length > 0 && (
          <p className="legend-note" data-testid="legend-warned">
            <span className="warn-mark" aria-hidden="true">
              !
            </span>
            {legend('belowMinimum')}
          </p>
        )}
      </div>
    </section>
  );
}
