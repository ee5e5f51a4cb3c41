'use client';

import 'leaflet/dist/leaflet.css';
import type { Feature, Geometry } from 'geojson';
import {
  circleMarker,
  divIcon,
  layerGroup,
  polyline,
  type LatLngTuple,
  type LayerEvent,
  type LeafletMouseEvent,
  type Path,
  type PathOptions,
} from 'leaflet';
import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { GeoJSON, MapContainer, Marker, Popup, TileLayer, useMap, useMapEvent } from 'react-leaflet';
import type { RegencyAvailability } from '@/lib/availability';
import type { CommandIncident, DeploymentLine } from '@/lib/command-centre';
import type { RegencyPoint } from '@/server/regencies/points';
import { INDONESIA_BOUNDS, useBoundaryLoad, type RegencyProperties } from './boundaries';
import { INCIDENT_COLOURS, severityRadius } from './incident-style';
import { MAP_PAINTED_MARK } from './paint-mark';
import type { AvailabilityScale } from './scale';
import { PillarBreakdown } from './PillarBreakdown';
import { namedRegencies, type PlacedLabel } from './label-names';

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
  /** The boundary file to draw when it is not the province's: "indonesia" for the national view. */
  boundaryName?: string;
  /** A number on every kabupaten/kota (off for the 514 of the national view, where the shading speaks). */
  showLabels?: boolean;
  /** Outlined more strongly: the kabupaten of a kabupaten's own staff. */
  emphasis?: string | null;
  /** Drawn as canvas circle markers, coloured by type and sized by severity. */
  incidents?: CommandIncident[];
  /** From each source kabupaten of a running request to its incident. */
  lines?: DeploymentLine[];
  selectedIncident?: string | null;
  onSelectIncident?(id: string | null): void;
  /** Kabupaten/kota that fall short of a readiness minimum → the words said with their number. */
  warnings?: Record<string, string>;
  /** A kabupaten's popup links to its roster and to asking its volunteers for a running incident (staff who dispatch). */
  regencyActions?: boolean;
  /** An incident to centre the map on and open, e.g. from the incident page's "Buka di peta". */
  focusIncident?: string | null;
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
  boundaryName,
  showLabels = true,
  emphasis = null,
  incidents,
  lines,
  selectedIncident = null,
  onSelectIncident,
  warnings,
  regencyActions = false,
  focusIncident = null,
}: AvailabilityMapProps) {
  const t = useTranslations('map');
  const format = useFormatter();
  const { boundaries, settled } = useBoundaryLoad(boundaryName ?? provinceCode);
  const byCode = useMemo(() => new Map(regencies.map((regency) => [regency.code, regency])), [regencies]);

  const style = useCallback(
    (shape?: Feature<Geometry, RegencyProperties>): PathOptions => {
      const regency = shape ? byCode.get(shape.properties.code) : undefined;
      const isSelected = regency?.code === selected;
      const isEmphasised = regency !== undefined && regency.code === emphasis;
      // Short of a minimum: a dark red outline, besides the "!" on its number.
      const isWarned = regency !== undefined && warnings?.[regency.code] !== undefined;
      return {
        fillColor: scale.colourFor(regency?.available ?? 0),
        fillOpacity: 0.85,
        color: isSelected || isEmphasised ? '#0b3954' : isWarned ? '#9b1c1c' : '#ffffff',
        weight: isSelected ? 3 : isEmphasised ? 4 : isWarned ? 3 : 1,
        dashArray: isEmphasised && !isSelected ? '6 3' : undefined,
      };
    },
    [byCode, scale, selected, emphasis, warnings],
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
  const incident = selectedIncident ? incidents?.find((item) => item.id === selectedIncident) : undefined;
  const focused = focusIncident ? incidents?.find((item) => item.id === focusIncident) : undefined;
  const focus = focused && focused.lat !== null && focused.lng !== null ? { lat: focused.lat, lng: focused.lng } : null;
  // react-leaflet closes and opens a popup again whenever its position is another array, and closing it
  // unselects: one position per place keeps an open popup open through live updates.
  const regencyAt = usePosition(selectedPoint?.lat, selectedPoint?.lng);
  const incidentAt = usePosition(incident?.lat, incident?.lng);
  // Running incidents a kabupaten's volunteers can be asked for, the worst first.
  const askable = useMemo(
    () => (incidents ?? []).filter((item) => item.phase !== 'closed').sort((a, b) => b.severity - a.severity),
    [incidents],
  );

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
      {(incidents || lines) && (
        <IncidentLayer incidents={incidents ?? []} lines={lines ?? []} onSelect={onSelectIncident} />
      )}
      <FitOnResize bounds={bounds ?? INDONESIA_BOUNDS} focus={focus} />
      <PaintMark ready={settled} />
      {showLabels && (
        <RegencyLabels regencies={regencies} points={points} scale={scale} onSelect={onSelect} warnings={warnings} />
      )}
      {selectedRegency && regencyAt && (
        <Popup position={regencyAt} eventHandlers={{ remove: () => onSelect(null) }} autoPanPadding={[16, 16]}>
          <div className="popup" data-testid="regency-popup">
            <h3>{selectedRegency.name}</h3>
            <p>
              {t.rich('popup.counts', {
                available: format.number(selectedRegency.available),
                deployed: format.number(selectedRegency.deployed),
                unavailable: format.number(selectedRegency.unavailable),
                strong: (chunks) => <strong>{chunks}</strong>,
              })}
            </p>
            <PillarBreakdown regency={selectedRegency} pillarNames={pillarNames} />
            {regencyActions && <RegencyActions code={selectedRegency.code} incidents={askable} />}
          </div>
        </Popup>
      )}
      {incident && incidentAt && (
        <Popup
          position={incidentAt}
          eventHandlers={{ remove: () => onSelectIncident?.(null) }}
          autoPanPadding={[16, 16]}
        >
          <div className="popup" data-testid="incident-popup">
            <h3>{incident.title}</h3>
            <p>
              {t(`incidentTypes.${incident.type}`)} · {t('incidents.severity', { severity: incident.severity })} ·{' '}
              {incident.regencyName}
            </p>
            <p>
              {incident.slots > 0
                ? t('incidents.filled', { accepted: incident.accepted, slots: incident.slots })
                : t('incidents.noRequest')}
              {incident.overdue > 0 && <> · {t('incidents.overdue', { count: incident.overdue })}</>}
            </p>
            <a href={`/kejadian/${incident.id}`}>{t('incidents.open')}</a>
          </div>
        </Popup>
      )}
    </MapContainer>
  );
}

/** The same position for as long as the point stays where it is. */
function usePosition(lat: number | null | undefined, lng: number | null | undefined): LatLngTuple | null {
  return useMemo(() => (lat == null || lng == null ? null : [lat, lng]), [lat, lng]);
}

/**
 * Incidents and deployment lines as plain Leaflet layers on the map's canvas: thousands of them draw
 * in one pass, where as many React-managed markers would not. The canvas draws in the order layers
 * arrive, and the boundaries often arrive after the incidents (or are drawn again with a filter): every
 * time another layer joins the map the lines and incidents are raised above it, in the next frame.
 */
function IncidentLayer({
  incidents,
  lines,
  onSelect,
}: {
  incidents: CommandIncident[];
  lines: DeploymentLine[];
  onSelect?(id: string): void;
}) {
  const map = useMap();
  const select = useRef(onSelect);
  useEffect(() => {
    select.current = onSelect;
  });
  useEffect(() => {
    const group = layerGroup();
    for (const line of lines) {
      polyline(
        [
          [line.from.lat, line.from.lng],
          [line.to.lat, line.to.lng],
        ],
        {
          color: '#0b3954',
          weight: 2 + Math.min(line.active, 6),
          opacity: 0.8,
          dashArray: line.active === 0 ? '6 6' : undefined,
          interactive: false,
        },
      ).addTo(group);
    }
    // Most severe last, so they are drawn on top.
    const ordered = [...incidents].sort((a, b) => a.severity - b.severity);
    for (const incident of ordered) {
      if (incident.lat === null || incident.lng === null) continue;
      circleMarker([incident.lat, incident.lng], {
        radius: severityRadius(incident.severity),
        color: '#1b1b1b',
        weight: 1.5,
        fillColor: INCIDENT_COLOURS[incident.type],
        fillOpacity: 0.9,
      })
        .on('click', () => select.current?.(incident.id))
        .addTo(group);
    }
    group.addTo(map);
    let frame: number | null = null;
    const raise = () => {
      frame = null;
      group.eachLayer((layer) => (layer as Path).bringToFront());
    };
    const onLayerAdd = (event: LayerEvent) => {
      if (frame === null && event.layer !== group && !group.hasLayer(event.layer)) {
        frame = requestAnimationFrame(raise);
      }
    };
    map.on('layeradd', onLayerAdd);
    return () => {
      map.off('layeradd', onLayerAdd);
      if (frame !== null) cancelAnimationFrame(frame);
      group.remove();
    };
  }, [map, incidents, lines]);
  return null;
}

/**
 * Keeps Leaflet's idea of the map's size true when the layout around it changes (styles arriving,
 * a phone turning), and shows the whole area again until the person moves the map themselves.
 */
function FitOnResize({
  bounds,
  focus,
}: {
  bounds: [[number, number], [number, number]];
  /** A point to show close up instead of the whole area. */
  focus: { lat: number; lng: number } | null;
}) {
  const map = useMap();
  const lat = focus?.lat;
  const lng = focus?.lng;
  useEffect(() => {
    const container = map.getContainer();
    let touched = false;
    const touch = () => {
      touched = true;
    };
    const touches = ['mousedown', 'touchstart', 'wheel', 'keydown'] as const;
    for (const type of touches) container.addEventListener(type, touch, { passive: true });
    const observer = new ResizeObserver(() => {
      map.invalidateSize({ animate: false });
      if (touched) return;
      if (lat !== undefined && lng !== undefined) map.setView([lat, lng], FOCUS_ZOOM, { animate: false });
      else map.fitBounds(bounds, { padding: [12, 12], animate: false });
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      for (const type of touches) container.removeEventListener(type, touch);
    };
  }, [map, bounds, lat, lng]);
  return null;
}

/** Close enough to see the kecamatan around an incident, far enough to see where its helpers come from. */
const FOCUS_ZOOM = 10;

/** Marks the first frame after the boundaries (or their absence) and the markers were drawn. */
function PaintMark({ ready }: { ready: boolean }) {
  const marked = useRef(false);
  useEffect(() => {
    if (!ready || marked.current) return;
    marked.current = true;
    requestAnimationFrame(() => requestAnimationFrame(() => performance.mark(MAP_PAINTED_MARK)));
  }, [ready]);
  return null;
}

/**
 * The number on every kabupaten/kota, and its name where the map has room for it: at a zoom where the
 * names would run into each other (or into the numbers) they stay hidden, and they come back on zooming in.
 */
function RegencyLabels({
  regencies,
  points,
  scale,
  onSelect,
  warnings,
}: {
  regencies: RegencyAvailability[];
  points: Record<string, RegencyPoint>;
  scale: AvailabilityScale;
  onSelect(code: string): void;
  warnings?: Record<string, string>;
}) {
  const map = useMap();
  const [zoom, setZoom] = useState(() => map.getZoom());
  useMapEvent('zoomend', () => setZoom(map.getZoom()));
  const named = useMemo(() => {
    const placed: PlacedLabel[] = [];
    for (const regency of regencies) {
      const point = points[regency.code];
      if (!point) continue;
      const at = map.project([point.lat, point.lng], zoom);
      placed.push({ code: regency.code, name: regency.shortName, x: at.x, y: at.y });
    }
    return namedRegencies(placed);
    // The projection depends on the zoom alone; panning moves every label together.
  }, [map, regencies, points, zoom]);
  return regencies.map((regency) => {
    const point = points[regency.code];
    return point ? (
      <RegencyLabel
        key={regency.code}
        regency={regency}
        point={point}
        scale={scale}
        onSelect={onSelect}
        warning={warnings?.[regency.code]}
        named={named.has(regency.code)}
      />
    ) : null;
  });
}

function RegencyLabel({
  regency,
  point,
  scale,
  onSelect,
  warning,
  named,
}: {
  regency: RegencyAvailability;
  point: RegencyPoint;
  scale: AvailabilityScale;
  onSelect(code: string): void;
  warning?: string;
  named: boolean;
}) {
  const t = useTranslations('map');
  const format = useFormatter();
  const { available, code, name, shortName } = regency;
  const dark = scale.isDark(available);
  const shown = format.number(available);
  // A regency newer than the boundary data has no polygon: its marker carries the colour instead.
  const icon = useMemo(
    () =>
      divIcon({
        className: `regency-label${dark ? ' dark' : ''}${point.polygon ? '' : ' point-only'}${warning ? ' warned' : ''}`,
        html: `<span data-regency="${code}"${warning ? ' data-warned="true"' : ''} style="${point.polygon ? '' : `background:${scale.colourFor(available)}`}">${shown}</span>${warning ? '<b class="warn-mark">!</b>' : ''}${named ? `<small class="regency-name" data-regency-name="${code}" aria-hidden="true">${escapeHtml(shortName)}</small>` : ''}`,
        iconSize: [warning ? 52 : 40, 22],
        iconAnchor: [warning ? 26 : 20, 11],
      }),
    [available, code, dark, point.polygon, scale, shown, warning, named, shortName],
  );
  const events = useMemo(() => ({ click: () => onSelect(code) }), [code, onSelect]);
  const counted = t('label.available', { name, count: available });
  const label = warning ? `${counted} · ${warning}` : counted;
  return (
    <Marker position={[point.lat, point.lng]} icon={icon} eventHandlers={events} title={label} alt={label} keyboard />
  );
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** "Lihat relawan" (the roster of that kabupaten/kota) and "Minta relawan dari sini" for each running incident. */
function RegencyActions({ code, incidents }: { code: string; incidents: CommandIncident[] }) {
  const t = useTranslations('map.regencyPopup');
  const shown = incidents.slice(0, ASKABLE_SHOWN);
  return (
    <div className="popup-actions" data-testid="regency-actions">
      <a href={`/posko/relawan?regencyCode=${code}`} data-testid="regency-roster">
        {t('roster')}
      </a>
      {shown.length === 0 ? (
        <p>
          {t('noIncident')} <a href="/kejadian">{t('register')}</a>
        </p>
      ) : (
        <>
          <p className="popup-heading">{t('ask')}</p>
          <ul>
            {shown.map((incident) => (
              <li key={incident.id}>
                <a href={`/kejadian/${incident.id}?sumber=${code}#permintaan-baru`} data-testid="regency-ask">
                  {t('askFor', { title: incident.title })}
                </a>
              </li>
            ))}
          </ul>
          {incidents.length > shown.length && (
            <p>
              <a href="/kejadian">{t('more', { count: incidents.length - shown.length })}</a>
            </p>
          )}
        </>
      )}
    </div>
  );
}

const ASKABLE_SHOWN = 3;
