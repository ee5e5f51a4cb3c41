'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';

// Leaflet touches `window` when it loads, so the map renders in the browser only.
const PointPickerMap = dynamic(() => import('./PointPickerMap'), {
  ssr: false,
  loading: () => <MapLoading />,
});

function MapLoading() {
  const t = useTranslations('incidents.form');
  return <div className="point-picker-map incident-point-map map-placeholder-static">{t('loadingMap')}</div>;
}

/**
 * The incident's point on a small map of its kabupaten/kota, and "Buka di peta": the command centre's
 * map of the province, centred on the incident (it works without internet, as this map does).
 */
export function IncidentPointMap({
  incidentId,
  provinceCode,
  regencyCode,
  point,
  running,
}: {
  incidentId: string;
  provinceCode: string;
  regencyCode: string;
  point: { lat: number; lng: number } | null;
  /** Closed incidents leave the command centre's map: no link then. */
  running: boolean;
}) {
  const t = useTranslations('map.incidentMap');
  return (
    <div className="incident-point">
      <PointPickerMap
        provinceCode={provinceCode}
        regencyCode={regencyCode}
        point={point}
        label={t('label')}
        testId="incident-point-map"
        zoomToPoint
      />
      {point === null && <p className="hint">{t('noPoint')}</p>}
      {running && (
        <p className="incident-point-link">
          <a href={`/provinsi/${provinceCode}?kejadian=${incidentId}`} data-testid="open-on-map">
            {t('open')}
          </a>
        </p>
      )}
    </div>
  );
}
