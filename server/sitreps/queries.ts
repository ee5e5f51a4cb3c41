import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { incidents, sitreps } from '../../db/schema';
import { IncidentFiguresQuery, SitrepRef, type AidRow } from '../../lib/situation';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { findIncident, requireIncidentViewer } from '../incidents/queries';
import type { SitrepSnapshot } from './snapshot';

export interface SitrepSections {
  cause?: string;
  obstacles?: string;
  urgentNeeds: string[];
  followUp?: string;
  posko?: string;
  kitchen?: string;
  aid: (AidRow & { shortfall: number })[];
}

export interface Sitrep {
  id: string;
  incidentId: string;
  number: number;
  issuedAt: Date;
  issuedBy: string;
  sections: SitrepSections;
  snapshot: SitrepSnapshot;
}

export interface SitrepListItem {
  id: string;
  number: number;
  issuedAt: Date;
  issuedBy: string;
}

/** `GET /api/sitreps/{id}`: for the coordinators and leaders of the incident's province. */
export async function getSitrep({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<Sitrep> {
  const { sitrepId } = parseInput(SitrepRef, input);
  const [row] = await ctx.db
    .select({ sitrep: sitreps, provinceCode: incidents.provinceCode })
    .from(sitreps)
    .innerJoin(incidents, eq(incidents.id, sitreps.incidentId))
    .where(eq(sitreps.id, sitrepId))
    .limit(1);
  if (!row) throw new DomainError('NOT_FOUND', 'Laporan situasi tidak ditemukan.');
  requireIncidentViewer(ctx.actor, row.provinceCode);
  const { sitrep } = row;
  return {
    id: sitrep.id,
    incidentId: sitrep.incidentId,
    number: sitrep.number,
    issuedAt: sitrep.issuedAt,
    issuedBy: sitrep.issuerName,
    sections: sitrep.sections as unknown as SitrepSections,
    snapshot: sitrep.snapshot as unknown as SitrepSnapshot,
  };
}

/** The report of an incident with that number, or null. Access is checked by getSitrep. */
export async function sitrepIdByNumber(db: Executor, incidentId: string, number: number): Promise<string | null> {
  const [row] = await db
    .select({ id: sitreps.id })
    .from(sitreps)
    .where(and(eq(sitreps.incidentId, incidentId), eq(sitreps.number, number)))
    .limit(1);
  return row?.id ?? null;
}

/** Every report of an incident, No. 1 first; the caller has checked that the actor may read the incident. */
export async function sitrepsOf(db: Executor, incidentId: string): Promise<SitrepListItem[]> {
  return db
    .select({ id: sitreps.id, number: sitreps.number, issuedAt: sitreps.issuedAt, issuedBy: sitreps.issuerName })
    .from(sitreps)
    .where(eq(sitreps.incidentId, incidentId))
    .orderBy(asc(sitreps.number));
}

/** `GET /api/incidents/{id}/sitreps`: the list, for the coordinators and leaders of the incident's province. */
export async function incidentSitreps({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<SitrepListItem[]> {
  const { incidentId } = parseInput(IncidentFiguresQuery, input);
  const incident = await findIncident(ctx.db, incidentId);
  requireIncidentViewer(ctx.actor, incident.provinceCode);
  return sitrepsOf(ctx.db, incidentId);
}
