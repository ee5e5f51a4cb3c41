import type { RegencyAvailability } from '@/lib/availability';
import type { AvailabilityChanged, MapSnapshot } from '@/lib/realtime';

export interface MapState {
  provinceCode: string;
  regencies: RegencyAvailability[];
  /** The id of the newest event applied to each regency; older or repeated events are ignored. */
  versions: Record<string, number>;
}

export type MapAction = { type: 'snapshot'; snapshot: MapSnapshot } | { type: 'changed'; change: AvailabilityChanged };

export function initialMapState(snapshot: MapSnapshot): MapState {
  return {
    provinceCode: snapshot.provinceCode,
    regencies: snapshot.regencies,
    versions: Object.fromEntries(snapshot.regencies.map((regency) => [regency.code, snapshot.position])),
  };
}

/** Applies snapshots and live changes idempotently, by event id, in whatever order they arrive. */
export function mapReducer(state: MapState, action: MapAction): MapState {
  if (action.type === 'snapshot') {
    return action.snapshot.provinceCode === state.provinceCode ? initialMapState(action.snapshot) : state;
  }
  const { change } = action;
  if (change.provinceCode !== state.provinceCode) return state;
  const fresh = change.regencies.filter((regency) => change.eventId > (state.versions[regency.code] ?? 0));
  if (fresh.length === 0) return state;
  const byCode = new Map(fresh.map((regency) => [regency.code, regency]));
  return {
    ...state,
    regencies: state.regencies.map((regency) => byCode.get(regency.code) ?? regency),
    versions: { ...state.versions, ...Object.fromEntries(fresh.map((regency) => [regency.code, change.eventId])) },
  };
}

/**
 * The counts of one pillar, read from each regency's per-pillar numbers (which the server counted with
 * the totals): the map shows only that pillar's volunteers, with the same numbers as the database.
 */
export function onlyPillar(regencies: RegencyAvailability[], pillarCode: string): RegencyAvailability[] {
  return regencies.map((regency) => {
    const counts = regency.byPillar[pillarCode];
    return {
      ...regency,
      available: counts?.available ?? 0,
      deployed: counts?.deployed ?? 0,
      unavailable: counts?.unavailable ?? 0,
      byPillar: counts ? { [pillarCode]: counts } : {},
    };
  });
}
