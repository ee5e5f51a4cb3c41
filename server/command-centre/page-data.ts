import { asc } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { pillars, provinces } from '../../db/schema';
import type { CommandCentreLive } from '../../lib/command-centre';
import type { TimeZone } from '../../lib/domain';
import type { MapSnapshot } from '../../lib/realtime';
import type { Actor } from '../auth/actor';
import { latestEventId } from '../events/queries';
import { boundaryView, type MapPageData } from '../regencies/map-page';
import type { RegencyPoint } from '../regencies/points';
import { availabilityByRegency, pillarsForProvince } from '../regencies/queries';
import { emphasisOf, readLive, trainingChoices, viewableProvinces, type CommandCentreTarget } from './queries';

export interface CommandCentreData {
  /** "62" or "nasional": what the routes and the province switch call this view. */
  wilayah: string;
  /** The province shown, or null for the whole country. */
  province: { code: string; name: string; timeZone: TimeZone } | null;
  /** Provinces the signed-in person may open; `national` when they may also see the whole country. */
  provinces: { code: string; name: string }[];
  national: boolean;
  /** Each province's zone, so times read as the province's own (WIB/WITA/WIT). */
  timeZones: Record<string, TimeZone>;
  pillars: { code: string; name: string }[];
  trainings: { id: string; name: string; startsOn: string }[];
  /** Counts of every volunteer (unfiltered) at `snapshot.position`. */
  snapshot: MapSnapshot;
  bounds: MapPageData['bounds'];
  points: Record<string, RegencyPoint>;
  /** The boundary file to draw: the province's code or "indonesia". */
  boundaryName: string;
  /** A kabupaten's staff see their province with their own kabupaten outlined. */
  emphasis: string | null;
  live: CommandCentreLive;
}

/** Everything the command centre draws at once, before the socket connects; the caller authorized `target`. */
export async function loadCommandCentre(
  db: Executor,
  actor: Actor,
  target: CommandCentreTarget,
  now: Date,
): Promise<CommandCentreData | null> {
  const provinceRows = await db.select().from(provinces).orderBy(asc(provinces.code));
  const province =
    target.kind === 'province' ? (provinceRows.find((row) => row.code === target.provinceCode) ?? null) : null;
  if (target.kind === 'province' && !province) return null;
  const provinceCode = province?.code ?? null;
  // The snapshot's position is read before its counts, so live changes after it are applied on top.
  const position = await latestEventId(db);
  const [regencyCounts, pillarRows, trainingRows, viewable, live] = await Promise.all([
    availabilityByRegency(db, provinceCode),
    provinceCode
      ? pillarsForProvince(db, provinceCode)
      : db.select().from(pillars).orderBy(asc(pillars.sortOrder), asc(pillars.name)),
    trainingChoices(db, target),
    viewableProvinces(db, actor),
    readLive(db, actor, target, now),
  ]);
  return {
    wilayah: provinceCode ?? 'nasional',
    province: province && { code: province.code, name: province.name, timeZone: province.timeZone },
    provinces: viewable,
    national: actor.role === 'admin',
    timeZones: Object.fromEntries(provinceRows.map((row) => [row.code, row.timeZone])),
    pillars: pillarRows.map(({ code, name }) => ({ code, name })),
    trainings: trainingRows.map(({ id, name, startsOn }) => ({ id, name, startsOn })),
    snapshot: { provinceCode: provinceCode ?? 'nasional', position, regencies: regencyCounts },
    ...boundaryView(
      provinceCode,
      regencyCounts.map((regency) => regency.code),
    ),
    boundaryName: provinceCode ?? 'indonesia',
    emphasis: emphasisOf(actor),
    live,
  };
}
