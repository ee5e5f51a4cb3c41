'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useReducer, useRef, useState, type ReactNode } from 'react';
import type { RegencyAvailability } from '@/lib/availability';
import { COMPARE_HOURS, type CompareHours } from '@/lib/board';
import { ASSIGNMENT_EVENTS } from '@/lib/dispatch';
import type { ProvinceReadiness } from '@/lib/readiness';
import type { AvailabilityChanged, LiveEvent } from '@/lib/realtime';
import type { BoardData } from '@/server/board/queries';
import type { MapPageData } from '@/server/regencies/map-page';
import { callApi } from '@/app/_shared/api';
import { useLiveEvents } from '@/app/_shared/live-events';
import { useRefresher } from '@/app/_shared/refresher';
import { getSocket } from '@/app/_shared/socket';
import { ReadinessTables } from '@/app/_shared/readiness/ReadinessTables';
import { ReadinessWarnings } from '@/app/_shared/readiness/ReadinessWarnings';
import { useRegencyWarnings } from '@/app/_shared/readiness/regency-warnings';
import { useReadiness } from '@/app/_shared/readiness/use-readiness';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { DeploymentBoard } from './DeploymentBoard';
import { PageTopbar } from '@/app/_shared/PageTopbar';
import { ProvincePicker } from '@/app/_shared/ProvincePicker';
import { BoardFigures } from './BoardFigures';
import { ReliefFigures } from './ReliefFigures';
import { BoardMap } from './BoardMap';
import { BoardIncidentFigures } from './BoardIncidentFigures';
import { BoardTimeline } from './BoardTimeline';
import { useClock } from './format';
import { RegencyChart } from './RegencyChart';

export interface LeaderBoardProps {
  initial: BoardData;
  /** The province's readiness shortfalls, followed live. */
  readiness: ProvinceReadiness;
  map: Pick<MapPageData, 'points' | 'bounds' | 'pillars'>;
  /** Every province, for those whose scope spans them (admins); empty for everyone else. */
  provinces: { code: string; name: string }[];
  userMenu: ReactNode;
  tileUrl?: string;
  tileAttribution?: string;
}

/**
 * The leaders' live board: the figures, the map, the chart per kabupaten/kota, the timeline and the
 * running requests. Every relevant committed event reads the board again (bursts coalesce), so the
 * numbers are the database's, never a local guess.
 */
export function LeaderBoard({
  initial,
  readiness: initialReadiness,
  map,
  provinces,
  userMenu,
  tileUrl,
  tileAttribution,
}: LeaderBoardProps) {
  const t = useTranslations('board');
  const { readiness } = useReadiness(initialReadiness);
  const warnings = useRegencyWarnings(readiness);
  const [board, setBoard] = useState(initial);
  const [counts, applyCounts] = useReducer(countsReducer, initial, fromBoard);
  const [compareHours, setCompareHours] = useState<CompareHours>(initial.compareHours);
  const compare = useRef(compareHours);
  const provinceCode = initial.province.code;
  const clock = useClock(board.province.timeZone);

  const reload = useCallback(async () => {
    const result = await callApi<BoardData>(`/api/board/${provinceCode}?compareHours=${compare.current}`);
    if (!result.ok) return;
    setBoard(result.data);
    applyCounts({ type: 'board', board: result.data });
  }, [provinceCode]);
  const refresh = useRefresher(reload, 50);

  useLiveEvents(
    initial.position,
    (event: LiveEvent) => {
      // Offers alone change no figure; an admin's socket hears every province.
      if (event.provinceCode === provinceCode && event.type !== ASSIGNMENT_EVENTS.offered) refresh();
    },
    refresh,
  );

  // The province's volunteer counts also arrive for staff scoped to one kabupaten/kota, whose event
  // stream covers only their own.
  useEffect(() => {
    const socket = getSocket();
    const watch = () => socket.emit('map:watch', { provinceCode }, () => {});
    // The recounted kabupaten/kota come with the change: the counts move at once, the rest follows.
    const onChanged = (change: AvailabilityChanged) => {
      if (change.provinceCode !== provinceCode) return;
      applyCounts({ type: 'changed', change });
      refresh();
    };
    socket.on('connect', watch);
    socket.on('availability:changed', onChanged);
    if (socket.connected) watch();
    return () => {
      socket.off('connect', watch);
      socket.off('availability:changed', onChanged);
    };
  }, [provinceCode, refresh]);

  const figures = {
    ...board.figures,
    available: { ...board.figures.available, now: total(counts.regencies, 'available') },
    deployed: { ...board.figures.deployed, now: total(counts.regencies, 'deployed') },
  };

  function chooseCompare(hours: CompareHours) {
    if (hours === compare.current) return;
    compare.current = hours;
    setCompareHours(hours);
    const url = new URL(window.location.href);
    url.searchParams.set('banding', String(hours));
    window.history.replaceState(null, '', url);
    refresh();
  }

  return (
    <div className="dashboard board-page">
      <PageTopbar title={t('title')} subtitle={t('subtitle', { province: board.province.name })}>
        <ProvincePicker
          action="/pantau"
          id="board-province"
          label={t('provincePicker.label')}
          submit={t('provincePicker.show')}
          provinces={provinces}
          current={provinceCode}
          keep={{ banding: compareHours }}
        />
        <a className="topbar-link" href="/kejadian">
          {t('incidentsLink')}
        </a>
        <ConnectionBadge />
        {userMenu}
      </PageTopbar>
      <main className="board-body">
        <div className="board-toolbar">
          <p className="board-as-of" data-testid="board-as-of">
            {t('asOf', { time: clock(board.at, board.at) })}
          </p>
          <div className="compare-choice" role="group" aria-labelledby="compare-label">
            <span id="compare-label">{t('compare.label')}</span>
            {COMPARE_HOURS.map((hours) => (
              <button
                key={hours}
                type="button"
                aria-pressed={hours === compareHours}
                onClick={() => chooseCompare(hours)}
              >
                {t('compare.option', { hours })}
              </button>
            ))}
          </div>
        </div>
        <BoardFigures figures={figures} compareHours={board.compareHours} />
        {readiness && <ReadinessWarnings readiness={readiness} className="board-panel readiness-panel" />}
        <div className="board-grid">
          <BoardMap
            provinceCode={provinceCode}
            map={map}
            regencies={counts.regencies}
            incidents={board.incidents}
            lines={board.lines}
            provinceName={board.province.name}
            warnings={warnings}
            tileUrl={tileUrl}
            tileAttribution={tileAttribution}
          />
          <RegencyChart regencies={counts.regencies} provinceName={board.province.name} />
          <BoardIncidentFigures incidents={board.incidents} />
          <ReliefFigures relief={board.relief} />
          <BoardTimeline lines={board.timeline} timeZone={board.province.timeZone} at={board.at} />
        </div>
        <DeploymentBoard requests={board.requests} />
        {readiness && <ReadinessTables readiness={readiness} place={board.province.name} />}
      </main>
    </div>
  );
}

interface Counts {
  regencies: RegencyAvailability[];
  /** The newest event position each kabupaten/kota's counts reflect; older news never overwrites newer. */
  versions: Record<string, number>;
}

type CountsAction = { type: 'board'; board: BoardData } | { type: 'changed'; change: AvailabilityChanged };

function fromBoard(board: BoardData): Counts {
  return {
    regencies: board.regencies,
    versions: Object.fromEntries(board.regencies.map((regency) => [regency.code, board.position])),
  };
}

function countsReducer(state: Counts, action: CountsAction): Counts {
  const [position, incoming] =
    action.type === 'board'
      ? [action.board.position, action.board.regencies]
      : [action.change.eventId, action.change.regencies];
  const fresh = new Map(
    incoming
      .filter((regency) => position >= (state.versions[regency.code] ?? 0))
      .map((regency) => [regency.code, regency]),
  );
  if (fresh.size === 0) return state;
  return {
    regencies: state.regencies.map((regency) => fresh.get(regency.code) ?? regency),
    versions: { ...state.versions, ...Object.fromEntries([...fresh.keys()].map((code) => [code, position])) },
  };
}

const total = (regencies: RegencyAvailability[], key: 'available' | 'deployed') =>
  regencies.reduce((sum, regency) => sum + regency[key], 0);
