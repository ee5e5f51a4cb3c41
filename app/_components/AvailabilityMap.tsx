'use client';

import 'leaflet/dist/leaflet.css';
import type { Feature, Geometry } from 'geojson';
import { divIcon, type LeafletMouseEvent, type PathOptions } from 'leaflet';
import { useCallback, useMemo } from 'react';
import { GeoJSON, MapContainer, Marker, Popup, TileLayer } from 'react-leaflet';
import type { RegencyAvailability } from '@/lib/availability';
import type { RegencyPoint } from '@/server/regencies/points';
import { INDONESIA_BOUNDS, useBoundaries, type RegencyProperties } from '../_lib/boundaries';
import { formatNumber, type AvailabilityScale } from '../_lib/scale';
import { PillarBreakdown } from './PillarBreakdown';

export interface AvailabilityMapProps {
  provinceCode: string;
  regencies: RegencyAvailability[];
  points: Record<string, RegencyPoint>;
  bounds: [[number, number], [number, number]] | null;
  scale: AvailabilityScale;
  pillarNames: Record<string, string>;
  selected: string | null;
  onSelect(code: string | null): void;
  tileUrl?: string;
  tileAttribution?: string;
}

/** Kabupaten/kota shaded by volunteers on standby, with the number on each; draws without tiles. */
export default function AvailabilityMap({
  provinceCode,
  regencies,
  points,
  bounds,
  scale,
  pillarNames,
  selected,
  onSelect,
  tileUrl,
  tileAttribution,
}: AvailabilityMapProps) {
  const boundaries = useBoundaries(provinceCode);
  const byCode = useMemo(() => new Map(regencies.map((regency) => [regency.code, regency])), [regencies]);

  const style = useCallback(
    (shape?: Feature<Geometry, RegencyProperties>): PathOptions => {
      const regency = shape ? byCode.get(shape.properties.code) : undefined;
      const isSelected = regency?.code === selected;
      return {
        fillColor: scale.colourFor(regency?.available ?? 0),
        fillOpacity: 0.85,
        color: isSelected ? '#0b3954' : '#ffffff',
        weight: isSelected ? 3 : 1,
      };
    },
    [byCode, scale, selected],
  );
  const boundaryEvents = useMemo(
    () => ({
      click: (event: LeafletMouseEvent) => {
        const code = (event.propagatedFrom as { feature?: Feature<Geometry, RegencyProperties> }).feature?.properties
          .code;
        if (code) onSelect(code);
      },
    }),
    [onSelect],
  );

  const selectedRegency = selected ? byCode.get(selected) : undefined;
  const selectedPoint = selected ? points[selected] : undefined;

  return (
    <MapContainer
      bounds={bounds ?? INDONESIA_BOUNDS}
      boundsOptions={{ padding: [12, 12] }}
      zoomSnap={0.25}
      preferCanvas
      className="map"
      data-testid="map"
    >
      {tileUrl && <TileLayer url={tileUrl} attribution={tileAttribution} />}
      {boundaries && <GeoJSON data={boundaries} style={style} eventHandlers={boundaryEvents} />}
      {regencies.map((regency) => {
        const point = points[regency.code];
        return point ? (
          <RegencyLabel key={regency.code} regency={regency} point={point} scale={scale} onSelect={onSelect} />
        ) : null;
      })}
      {selectedRegency && selectedPoint && (
        <Popup
          position={[selectedPoint.lat, selectedPoint.lng]}
          eventHandlers={{ remove: () => onSelect(null) }}
          autoPanPadding={[16, 16]}
        >
          <div className="popup" data-testid="regency-popup">
            <h3>{selectedRegency.name}</h3>
            <p>
              <strong>{formatNumber(selectedRegency.available)}</strong> siaga ·{' '}
              {formatNumber(selectedRegency.deployed)} bertugas · {formatNumber(selectedRegency.unavailable)} tidak
              siaga
            </p>
            <PillarBreakdown regency={selectedRegency} pillarNames={pillarNames} />
          </div>
        </Popup>
      )}
    </MapContainer>
  );
}

function RegencyLabel({
  regency,
  point,
  scale,
  onSelect,
}: {
  regency: RegencyAvailability;
  point: RegencyPoint;
  scale: AvailabilityScale;
  onSelect(code: string): void;
}) {
  const { available, code, name } = regency;
  const dark = scale.isDark(available);
  // A regency newer than the boundary data has no polygon: its marker carries the colour instead.
  const icon = useMemo(
    () =>
      divIcon({
        className: `regency-label${dark ? ' dark' : ''}${point.polygon ? '' : ' point-only'}`,
        html: `<span data-regency="${code}" style="${point.polygon ? '' : `background:${scale.colourFor(available)}`}">${formatNumber(available)}</span>`,
        iconSize: [40, 22],
        iconAnchor: [20, 11],
      }),
    [available, code, dark, point.polygon, scale],
  );
  const events = useMemo(() => ({ click: () => onSelect(code) }), [code, onSelect]);
  return (
    <Marker
      position={[point.lat, point.lng]}
      icon={icon}
      eventHandlers={events}
      title={`${name}: ${formatNumber(available)} relawan siaga`}
      alt={`${name}: ${formatNumber(available)} relawan siaga`}
      keyboard
    />
  );
}
