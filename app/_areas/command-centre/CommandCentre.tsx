'use client';

import './command-centre.css';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useReducer, useState, type ReactNode } from 'react';
import type { RegencyAvailability } from '@/lib/availability';
import { NATIONAL, type CommandCentreLive, type FilteredAvailability } from '@/lib/command-centre';
import type { IncidentType } from '@/lib/domain';
import type { ProvinceReadiness } from '@/lib/readiness';
import { VOLUNTEER_IMPORTED } from '@/lib/imports';
import type { AvailabilityChanged, LiveEvent, MapSnapshot } from '@/lib/realtime';
import type { CommandCentreData } from '@/server/command-centre/page-data';
import { callApi } from '@/app/_shared/api';
import { useLiveEvents } from '@/app/_shared/live-events';
import { initialMapState, mapReducer, onlyPillar } from './map-state';
import { useRefresher } from '@/app/_shared/refresher';
import { availabilityScale } from '@/app/_shared/map/scale';
import { getSocket } from '@/app/_shared/socket';
import { AvailabilityTable } from './AvailabilityTable';
import { ActivityFeed, IncidentPanel, RequestPanel, Summary } from './CommandPanels';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { MapLegend } from '@/app/_shared/map/MapLegend';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { ProvinceTable } from './ProvinceTable';
import { ReadinessTables } from '@/app/_shared/readiness/ReadinessTables';
import { ReadinessWarnings } from '@/app/_shared/readiness/ReadinessWarnings';
import { useReadiness } from '@/app/_shared/readiness/use-readiness';
import { useRegencyWarnings } from '@/app/_shared/readiness/regency-warnings';

// Leaflet touches `window` when it loads, so the map renders in the browser only.
const AvailabilityMap = dynamic(() => import('@/app/_shared/map/AvailabilityMap'), {
  ssr: false,
  loading: () => <MapLoading />,
});

function MapLoading() {
  const t = useTranslations('map');
  return <div className="map-placeholder">{t('mapLoading')}</div>;
}

/** Availability changes and the registry's changes to a record ("volunteer.…") all move the counts. */
const VOLUNTEER_EVENT_PREFIX = 'volunteer.';

interface Filter {
  pillarCode: string;
  trainingId: string;
}

/**
 * The coordinator's command centre: the map (kabupaten shaded by volunteers on standby, incidents,
 * deployment lines) beside the incidents, the requests and what is overdue, and the live activity.
 * Everything follows the event log; nothing needs a reload.
 */
export function CommandCentre({
  data,
  readiness: initialReadiness,
  readinessHref,
  canDispatch = false,
  focusIncident = null,
  userMenu,
  tileUrl,
  tileAttribution,
}: {
  data: CommandCentreData;
  /** The province's readiness shortfalls; null for the national view. */
  readiness: ProvinceReadiness | null;
  /** The readiness settings, for those who may open them. */
  readinessHref?: string;
  /** Staff who keep a roster and ask for volunteers: a kabupaten's popup links to both. */
  canDispatch?: boolean;
  /** An incident of the view to open the map on, centred. */
  focusIncident?: string | null;
  userMenu: ReactNode;
  tileUrl?: string;
  tileAttribution?: string;
}) {
  const t = useTranslations('map');
  const relief = useTranslations('relief.centre');
  const tt = useTranslations('trainings');
  const router = useRouter();
  const { wilayah, province } = data;
  const national = wilayah === NATIONAL;
  const [counts, dispatch] = useReducer(mapReducer, data.snapshot, initialMapState);
  const [live, setLive] = useState<CommandCentreLive>(data.live);
  const [filter, setFilter] = useState<Filter>({ pillarCode: '', trainingId: '' });
  const [trained, setTrained] = useState<{ key: string; regencies: RegencyAvailability[] } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [selectedIncident, setSelectedIncident] = useState<string | null>(focusIncident);
  const place = province ? t('scope.province', { name: province.name }) : t('scope.national');
  const { readiness } = useReadiness(initialReadiness);
  const warnings = useRegencyWarnings(readiness);

  // ---- volunteer counts ----
  // A province: the server pushes recounted regencies (map:watch). The country: a recount on each change.
  const [countsTick, setCountsTick] = useState(0);
  const refetchNational = useRefresher(async () => {
    const result = await callApi<FilteredAvailability>(`/api/command-centre/availability?wilayah=${NATIONAL}`);
    if (result.ok) {
      const snapshot: MapSnapshot = { provinceCode: NATIONAL, ...result.data };
      dispatch({ type: 'snapshot', snapshot });
    }
  }, 250);
  useEffect(() => {
    if (national) return;
    const socket = getSocket();
    const watch = () => {
      socket.emit('map:watch', { provinceCode: wilayah }, (result) => {
        if (result.ok) dispatch({ type: 'snapshot', snapshot: result.data });
      });
    };
    const onChanged = (change: AvailabilityChanged) => {
      dispatch({ type: 'changed', change });
      setCountsTick((tick) => tick + 1);
    };
    socket.on('connect', watch);
    socket.on('availability:changed', onChanged);
    if (socket.connected) watch();
    return () => {
      socket.off('connect', watch);
      socket.off('availability:changed', onChanged);
    };
  }, [national, wilayah]);

  // Counts of volunteers with a training come from the server, again after every change.
  const trainingKey = filter.trainingId ? `${filter.trainingId} ${filter.pillarCode}` : '';
  const refetchTrained = useRefresher(async () => {
    if (!filter.trainingId) return;
    const key = trainingKey;
    const params = new URLSearchParams({ wilayah, trainingId: filter.trainingId });
    if (filter.pillarCode) params.set('pillarCode', filter.pillarCode);
    const result = await callApi<FilteredAvailability>(`/api/command-centre/availability?${params}`);
    if (result.ok) setTrained({ key, regencies: result.data.regencies });
  }, 50);
  useEffect(() => {
    if (trainingKey) refetchTrained();
  }, [trainingKey, countsTick, refetchTrained]);

  const shownCounts = useMemo(() => {
    if (filter.trainingId) return trained?.key === trainingKey ? trained.regencies : null;
    return filter.pillarCode ? onlyPillar(counts.regencies, filter.pillarCode) : counts.regencies;
  }, [counts.regencies, filter, trained, trainingKey]);
  // While a training's numbers are on their way, the map keeps the last ones it had and says it is counting.
  const regencies = shownCounts ?? trained?.regencies ?? counts.regencies;
  const counting = shownCounts === null;

  // ---- incidents, requests, lines, activity ----
  const refetchLive = useRefresher(async () => {
    const result = await callApi<CommandCentreLive>(`/api/command-centre?wilayah=${wilayah}`);
    if (result.ok) setLive((current) => (result.data.position >= current.position ? result.data : current));
  }, 50);
  const onEvent = useCallback(
    (event: LiveEvent) => {
      if ((event.type.startsWith(VOLUNTEER_EVENT_PREFIX) || event.type === VOLUNTEER_IMPORTED) && national) {
        refetchNational();
        setCountsTick((tick) => tick + 1);
      }
      refetchLive();
    },
    [national, refetchLive, refetchNational],
  );
  const onReset = useCallback(() => {
    refetchLive();
    if (national) refetchNational();
  }, [national, refetchLive, refetchNational]);
  useLiveEvents(data.live.position, onEvent, onReset);

  // ---- what is drawn ----
  const scale = useMemo(
    () => availabilityScale(Math.max(0, ...regencies.map((regency) => regency.available))),
    [regencies],
  );
  const pillarNames = useMemo(
    () => Object.fromEntries(data.pillars.map((pillar) => [pillar.code, pillar.name])),
    [data.pillars],
  );
  const regencyNames = useMemo(
    () => Object.fromEntries(counts.regencies.map((regency) => [regency.code, regency.shortName])),
    [counts.regencies],
  );
  const incidentTypes = useMemo(
    () => [...new Set(live.incidents.map((incident) => incident.type))].sort() as IncidentType[],
    [live.incidents],
  );
  const selectRegency = useCallback((code: string | null) => {
    setSelected(code);
    if (code) setSelectedIncident(null);
  }, []);
  const selectIncident = useCallback((id: string | null) => {
    setSelectedIncident(id);
    if (id) setSelected(null);
  }, []);

  const filterLabel = [
    filter.pillarCode ? pillarNames[filter.pillarCode] : null,
    filter.trainingId ? data.trainings.find((training) => training.id === filter.trainingId)?.name : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <div className="dashboard command-centre">
      <PageTopbar title={t('title.commandCentre')} subtitle={place}>
        {data.provinces.length + (data.national ? 1 : 0) > 1 && (
          <label className="province-picker">
            <span>{t('switch.label')}</span>
            <select
              value={wilayah}
              onChange={(event) =>
                router.push(event.target.value === NATIONAL ? '/nasional' : `/provinsi/${event.target.value}`)
              }
              data-testid="province-switch"
            >
              {data.national && <option value={NATIONAL}>{t('switch.national')}</option>}
              {data.provinces.map((option) => (
                <option key={option.code} value={option.code}>
                  {option.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <a className="topbar-link" href="/kejadian">
          {t('incidentsLink')}
        </a>
        <a className="topbar-link" href={province ? `/posko/pelatihan?provinsi=${province.code}` : '/posko/pelatihan'}>
          {tt('trainingsLink')}
        </a>
        <ConnectionBadge />
        {userMenu}
      </PageTopbar>
      <form className="filter-bar" aria-label={t('filters.title')} onSubmit={(event) => event.preventDefault()}>
        <label>
          <span>{t('filters.pillar')}</span>
          <select
            value={filter.pillarCode}
            onChange={(event) => setFilter((current) => ({ ...current, pillarCode: event.target.value }))}
            data-testid="pillar-filter"
          >
            <option value="">{t('filters.allPillars')}</option>
            {data.pillars.map((pillar) => (
              <option key={pillar.code} value={pillar.code}>
                {pillar.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('filters.training')}</span>
          <select
            value={filter.trainingId}
            onChange={(event) => setFilter((current) => ({ ...current, trainingId: event.target.value }))}
            data-testid="training-filter"
          >
            <option value="">{t('filters.allTrainings')}</option>
            {data.trainings.map((training) => (
              <option key={training.id} value={training.id}>
                {training.name}
              </option>
            ))}
          </select>
        </label>
        {(filter.pillarCode || filter.trainingId) && (
          <button type="button" className="link-button" onClick={() => setFilter({ pillarCode: '', trainingId: '' })}>
            {t('filters.reset')}
          </button>
        )}
        <p className="filter-status" role="status" data-testid="filter-status" data-counting={counting}>
          {counting ? t('filters.counting') : t('filters.counted', { what: filterLabel || t('filters.everyone') })}
        </p>
      </form>
      <Summary regencies={regencies} live={live} />
      {live.longOnSite.length > 0 ? (
        <p className="notice long-on-site" data-testid="long-on-site">
          {relief('longOnSite', {
            names: live.longOnSite.map((entry) => `${entry.name} (${entry.incidentTitle})`).join(', '),
          })}
        </p>
      ) : null}
      <main className="dashboard-body command-body">
        <section className="map-panel" aria-label={t('mapRegion', { place })}>
          <AvailabilityMap
            key={wilayah}
            provinceCode={province?.code ?? NATIONAL}
            boundaryName={data.boundaryName}
            regencies={regencies}
            points={data.points}
            bounds={data.bounds}
            scale={scale}
            pillarNames={pillarNames}
            selected={selected}
            onSelect={selectRegency}
            showLabels={!national}
            emphasis={data.emphasis}
            incidents={live.incidents}
            lines={live.lines}
            selectedIncident={selectedIncident}
            onSelectIncident={selectIncident}
            warnings={warnings}
            regencyActions={canDispatch}
            focusIncident={focusIncident}
            tileUrl={tileUrl}
            tileAttribution={tileAttribution}
          />
          <MapLegend
            scale={scale}
            incidentTypes={incidentTypes}
            showLines
            showEmphasis={data.emphasis !== null}
            showWarnings={Object.keys(warnings).length > 0}
          />
        </section>
        <aside className="side-panel">
          {readiness && <ReadinessWarnings readiness={readiness} settingsHref={readinessHref} />}
          <RequestPanel requests={live.requests} regencyNames={regencyNames} timeZones={data.timeZones} />
          <IncidentPanel incidents={live.incidents} onShow={selectIncident} />
          <ActivityFeed activity={live.activity} timeZones={data.timeZones} />
        </aside>
      </main>
      <div className="table-section">
        {national ? (
          <ProvinceTable provinces={data.provinces} regencies={regencies} />
        ) : (
          <AvailabilityTable
            provinceName={place}
            regencies={regencies}
            pillarNames={pillarNames}
            selected={selected}
            onSelect={selectRegency}
            emphasis={data.emphasis}
          />
        )}
        {readiness && <ReadinessTables readiness={readiness} place={place} />}
      </div>
    </div>
  );
}
