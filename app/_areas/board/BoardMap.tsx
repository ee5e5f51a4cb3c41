'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useCallback, useMemo, useState } from 'react';
import type { RegencyAvailability } from '@/lib/availability';
import type { CommandIncident, DeploymentLine } from '@/lib/command-centre';
import type { IncidentType } from '@/lib/domain';
import type { MapPageData } from '@/server/regencies/map-page';
import { MapLegend } from '@/app/_shared/map/MapLegend';
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

/**
 * The coordinators' map, read-only here: kabupaten/kota shaded by volunteers on standby, the running
 * incidents (colour: type, size: severity) and the lines from each source kabupaten (thicker: more people
 * deployed from there), with the command centre's layers and legend.
 */
export function BoardMap({
  provinceCode,
  map,
  regencies,
  incidents,
  lines,
  provinceName,
  tileUrl,
  tileAttribution,
  warnings,
}: {
  provinceCode: string;
  map: Pick<MapPageData, 'points' | 'bounds' | 'pillars'>;
  regencies: RegencyAvailability[];
  incidents: CommandIncident[];
  lines: DeploymentLine[];
  provinceName: string;
  tileUrl?: string;
  tileAttribution?: string;
  /** Kabupaten/kota below a readiness minimum, marked "!" on the map. */
  warnings?: Record<string, string>;
}) {
  const t = useTranslations('board.map');
  const [selected, setSelected] = useState<string | null>(null);
  const [selectedIncident, setSelectedIncident] = useState<string | null>(null);
  const scale = useMemo(
    () => availabilityScale(Math.max(0, ...regencies.map((regency) => regency.available))),
    [regencies],
  );
  const pillarNames = useMemo(
    () => Object.fromEntries(map.pillars.map((pillar) => [pillar.code, pillar.name])),
    [map.pillars],
  );
  const incidentTypes = useMemo(
    () => [...new Set(incidents.map((incident) => incident.type))].sort() as IncidentType[],
    [incidents],
  );
  const selectRegency = useCallback((code: string | null) => {
    setSelected(code);
    if (code) setSelectedIncident(null);
  }, []);
  const selectIncident = useCallback((id: string | null) => {
    setSelectedIncident(id);
    if (id) setSelected(null);
  }, []);
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
          onSelect={selectRegency}
          incidents={incidents}
          lines={lines}
          selectedIncident={selectedIncident}
          onSelectIncident={selectIncident}
          warnings={warnings}
          tileUrl={tileUrl}
          tileAttribution={tileAttribution}
        />
      </div>
      <MapLegend
        scale={scale}
        incidentTypes={incidentTypes}
        showLines={lines.length > 0}
        showWarnings={warnings !== undefined && Object.keys(warnings).length > 0}
      />
    </section>
  );
}
