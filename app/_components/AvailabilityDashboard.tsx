'use client';

import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useReducer, useState, type ReactNode } from 'react';
import type { AvailabilityChanged, MapSnapshot } from '@/lib/realtime';
import type { MapPageData } from '@/server/regencies/map-page';
import { initialMapState, mapReducer } from '../_lib/map-state';
import { availabilityScale } from '../_lib/scale';
import { getSocket } from '../_lib/socket';
import { AvailabilityTable } from './AvailabilityTable';
import { ConnectionBadge } from './ConnectionBadge';
import { MapLegend } from './MapLegend';
import { PageTopbar } from './PageTopbar';

// Leaflet touches `window` when it loads, so the map renders in the browser only.
const AvailabilityMap = dynamic(() => import('./AvailabilityMap'), {
  ssr: false,
  loading: () => <MapLoading />,
});

function MapLoading() {
  const t = useTranslations('map');
  return <div className="map-placeholder">{t('mapLoading')}</div>;
}

export interface AvailabilityDashboardProps {
  data: MapPageData;
  title: string;
  /** The signed-in person's menu, at the end of the top bar. */
  userMenu: ReactNode;
  /** More of the page, after the map and the list. */
  children?: ReactNode;
  tileUrl?: string;
  tileAttribution?: string;
}

export function AvailabilityDashboard({
  data,
  title,
  userMenu,
  children,
  tileUrl,
  tileAttribution,
}: AvailabilityDashboardProps) {
  const t = useTranslations('map');
  const router = useRouter();
  const [state, dispatch] = useReducer(mapReducer, data.snapshot, initialMapState);
  const [selected, setSelected] = useState<string | null>(null);
  const provinceCode = data.province.code;

  useEffect(() => {
    const socket = getSocket();
    // On every (re)connect, ask again: the answer is a fresh snapshot, so nothing missed stays missing.
    const watch = () => {
      socket.emit('map:watch', { provinceCode }, (result) => {
        if (result.ok) dispatch({ type: 'snapshot', snapshot: result.data satisfies MapSnapshot });
      });
    };
    const onChanged = (change: AvailabilityChanged) => dispatch({ type: 'changed', change });
    socket.on('connect', watch);
    socket.on('availability:changed', onChanged);
    if (socket.connected) watch();
    return () => {
      socket.off('connect', watch);
      socket.off('availability:changed', onChanged);
    };
  }, [provinceCode]);

  const scale = useMemo(
    () => availabilityScale(Math.max(0, ...state.regencies.map((regency) => regency.available))),
    [state.regencies],
  );
  const pillarNames = useMemo(
    () => Object.fromEntries(data.pillars.map((pillar) => [pillar.code, pillar.name])),
    [data.pillars],
  );

  return (
    <div className="dashboard">
      <PageTopbar title={title} subtitle={t('scope.province', { name: data.province.name })}>
        <label className="province-picker">
          <span>{t('switch.label')}</span>
          <select value={provinceCode} onChange={(event) => router.push(`/provinsi/${event.target.value}`)}>
            {data.provinces.map((province) => (
              <option key={province.code} value={province.code}>
                {province.name}
              </option>
            ))}
          </select>
        </label>
        <a className="topbar-link" href="/kejadian">
          {t('incidentsLink')}
        </a>
        <ConnectionBadge />
        {userMenu}
      </PageTopbar>
      <main className="dashboard-body">
        <section className="map-panel" aria-label={t('mapRegion', { place: data.province.name })}>
          <AvailabilityMap
            key={provinceCode}
            provinceCode={provinceCode}
            regencies={state.regencies}
            points={data.points}
            bounds={data.bounds}
            scale={scale}
            pillarNames={pillarNames}
            selected={selected}
            onSelect={setSelected}
            tileUrl={tileUrl}
            tileAttribution={tileAttribution}
          />
          <MapLegend scale={scale} />
        </section>
        <AvailabilityTable
          provinceName={data.province.name}
          regencies={state.regencies}
          pillarNames={pillarNames}
          selected={selected}
          onSelect={setSelected}
        />
      </main>
      {children}
    </div>
  );
}
