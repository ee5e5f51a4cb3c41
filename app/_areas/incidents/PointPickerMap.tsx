'use client';

import 'leaflet/dist/leaflet.css';
import type { Feature, Geometry } from 'geojson';
import { geoJSON, type LeafletMouseEvent, type PathOptions } from 'leaflet';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { CircleMarker, GeoJSON, MapContainer, useMap, useMapEvents, ZoomControl } from 'react-leaflet';
import type { Point } from '@/lib/geo';
import {
  INDONESIA_BOUNDS,
  useBoundaries,
  type RegencyFeatures,
  type RegencyProperties,
} from '@/app/_shared/map/boundaries';

export interface PointPickerMapProps {
  provinceCode: string;
  /** The chosen kabupaten/kota: outlined, and the map zooms to it. */
  regencyCode: string;
  point: Point | null;
  /** A tap on the map, with the kabupaten/kota under it when the tap fell inside one; without it the map only shows. */
  onPick?(point: Point, regency: RegencyProperties | null): void;
  /** What the map is for, read out when it takes the keyboard focus. */
  label: string;
  /** Where a test finds the map. */
  testId?: string;
  /** Closer in on the point than on its whole kabupaten/kota. */
  zoomToPoint?: boolean;
}

/** The province's kabupaten/kota without tiles; a tap sets the incident's point. */
export default function PointPickerMap({
  provinceCode,
  regencyCode,
  point,
  onPick,
  label,
  testId = 'point-picker',
  zoomToPoint = false,
}: PointPickerMapProps) {
  const t = useTranslations('incidents.map');
  const boundaries = useBoundaries(provinceCode);
  // A tap on an outline reaches the outline first, then the map: the outline notes its code here.
  const tappedRegency = useRef<RegencyProperties | null>(null);

  const style = useCallback(
    (shape?: Feature<Geometry, RegencyProperties>): PathOptions => {
      const chosen = shape?.properties.code === regencyCode;
      return {
        fillColor: chosen ? '#e07a1f' : '#ffffff',
        fillOpacity: chosen ? 0.3 : 0.7,
        color: chosen ? '#0b3954' : '#8a979f',
        weight: chosen ? 2.5 : 1,
      };
    },
    [regencyCode],
  );
  const outlineEvents = useMemo(
    () => ({
      click: (event: LeafletMouseEvent) => {
        const shape = (event.propagatedFrom as { feature?: Feature<Geometry, RegencyProperties> }).feature;
        tappedRegency.current = shape?.properties ?? null;
      },
    }),
    [],
  );

  return (
    // MapContainer drops data-* attributes, so the test id sits on a frame around it.
    <div data-testid={testId}>
      <MapContainer
        bounds={INDONESIA_BOUNDS}
        zoomSnap={0.25}
        preferCanvas
        zoomControl={false}
        className="point-picker-map"
      >
        {/* Leaflet reads the titles once: a new language makes a new control. */}
        <ZoomControl key={t('zoomIn')} zoomInTitle={t('zoomIn')} zoomOutTitle={t('zoomOut')} />
        <Labelled label={label} />
        {boundaries && (
          // The key makes Leaflet restyle every outline when the chosen kabupaten/kota changes.
          <GeoJSON key={regencyCode} data={boundaries} style={style} eventHandlers={outlineEvents} />
        )}
        <FitTo boundaries={boundaries} regencyCode={regencyCode} point={zoomToPoint ? point : null} />
        {onPick && (
          <Taps
            onTap={(at) => {
              onPick(at, tappedRegency.current);
              tappedRegency.current = null;
            }}
          />
        )}
        {point && (
          <CircleMarker
            center={[point.lat, point.lng]}
            radius={9}
            pathOptions={{ color: '#ffffff', weight: 3, fillColor: '#c0392b', fillOpacity: 1 }}
          />
        )}
      </MapContainer>
    </div>
  );
}

/** MapContainer passes no ARIA attributes on, so the name is set on Leaflet's own (focusable) element. */
function Labelled({ label }: { label: string }) {
  const map = useMap();
  useEffect(() => {
    map.getContainer().setAttribute('role', 'region');
    map.getContainer().setAttribute('aria-label', label);
  }, [map, label]);
  return null;
}

function Taps({ onTap }: { onTap(point: Point): void }) {
  useMapEvents({
    click: (event) => onTap({ lat: round(event.latlng.lat), lng: round(event.latlng.lng) }),
  });
  return null;
}

/** Zooms to the chosen kabupaten/kota once its outline is known, or to the whole province. */
function FitTo({
  boundaries,
  regencyCode,
  point,
}: {
  boundaries: RegencyFeatures | null;
  regencyCode: string;
  point: Point | null;
}) {
  const map = useMap();
  const lat = point?.lat;
  const lng = point?.lng;
  useEffect(() => {
    if (lat !== undefined && lng !== undefined) {
      map.setView([lat, lng], POINT_ZOOM, { animate: false });
      return;
    }
    if (!boundaries) return;
    const chosen = boundaries.features.filter((shape) => shape.properties.code === regencyCode);
    const bounds = geoJSON(chosen.length > 0 ? { ...boundaries, features: chosen } : boundaries).getBounds();
    // Without animation: Leaflet ignores a second zoom asked for while the first still animates.
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12], animate: false });
  }, [boundaries, regencyCode, map, lat, lng]);
  return null;
}

/** Around a point: its kecamatan and the neighbouring ones. */
const POINT_ZOOM = 10;

/** Five decimals: about a metre, more than a tap on a phone can mean. */
const round = (value: number) => Math.round(value * 100_000) / 100_000;
