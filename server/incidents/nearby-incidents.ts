import { and, desc, eq, ne } from 'drizzle-orm';
import { incidents } from '../../db/schema';
import { NEARBY_INCIDENT_KM, NearbyIncidentsQuery, type NearbyIncident } from '../../lib/dispatch';
import { distanceKm, pointOf } from '../../lib/geo';
import type { ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { requireIncidentViewer } from './queries';

const CANDIDATES = 5;

/**
 * Running incidents of the type in the kabupaten/kota that may be the one about to be registered: within
 * NEARBY_INCIDENT_KM of the point (or any, when either has no point), nearest first. Read-only; staff of
 * the province only.
 */
export async function nearbyIncidents({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ candidates: NearbyIncident[] }> {
  const { type, regencyCode, lat, lng } = parseInput(NearbyIncidentsQuery, input);
  requireIncidentViewer(ctx.actor, regencyCode.slice(0, 2));
  const rows = await ctx.db
    .select({
      id: incidents.id,
      title: incidents.title,
      severity: incidents.severity,
      phase: incidents.phase,
      occurredAt: incidents.occurredAt,
      lat: incidents.lat,
      lng: incidents.lng,
    })
    .from(incidents)
    .where(and(eq(incidents.regencyCode, regencyCode), eq(incidents.type, type), ne(incidents.phase, 'closed')))
    .orderBy(desc(incidents.occurredAt))
    .limit(200);
  const here = pointOf(lat ?? null, lng ?? null);
  const candidates = rows
    .map(({ lat: incidentLat, lng: incidentLng, occurredAt, ...incident }) => {
      const there = pointOf(incidentLat, incidentLng);
      const km = here && there ? Math.round(distanceKm(here, there) * 10) / 10 : null;
      return { ...incident, occurredAt: occurredAt.toISOString(), distanceKm: km };
    })
    .filter((candidate) => candidate.distanceKm === null || candidate.distanceKm <= NEARBY_INCIDENT_KM)
    // Nearest first; those without a distance after, newest first (the order they came in).
    .sort((a, b) => (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity));
  return { candidates: candidates.slice(0, CANDIDATES) };
}
