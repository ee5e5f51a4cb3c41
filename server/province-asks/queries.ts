import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { assignments, deploymentRequests, incidents, provinceAsks, provinces, regencies } from '../../db/schema';
import {
  ProvinceAsksQuery,
  type ProvinceAskProgress,
  type ProvinceAskView,
  type ProvinceAsksList,
} from '../../lib/province-asks';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';

const fromProvince = alias(provinces, 'from_province');
const toProvince = alias(provinces, 'to_province');
const HELD = ['accepted', 'en_route', 'on_site', 'completed', 'relieved', 'returned'] as const;
const DONE = ['completed', 'relieved', 'returned'] as const;
const LISTED = 200;

/**
 * The asks the actor's province made (outgoing) and was asked (incoming), newest first, each with the
 * progress of the request it became; an admin gets every ask as incoming. Optionally of one incident.
 */
export async function listProvinceAsks({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<ProvinceAsksList> {
  const query = parseInput(ProvinceAsksQuery, input);
  const actor = ctx.actor;
  if (actor.role === 'volunteer') {
    throw new DomainError(
      'FORBIDDEN',
      'Halaman ini untuk koordinator dan pimpinan; relawan melihat tawarannya di /tugas.',
    );
  }
  const own = actor.role === 'admin' ? null : actor.scope.provinceCode;
  const ofIncident = query.incidentId ? eq(provinceAsks.incidentId, query.incidentId) : undefined;
  const mine: SQL | undefined = own
    ? or(eq(provinceAsks.fromProvinceCode, own), eq(provinceAsks.toProvinceCode, own))
    : undefined;
  const rows = await ctx.db
    .select({
      ask: provinceAsks,
      incident: { id: incidents.id, title: incidents.title, type: incidents.type },
      regencyName: regencies.name,
      fromName: fromProvince.name,
      toName: toProvince.name,
      requestStatus: deploymentRequests.status,
    })
    .from(provinceAsks)
    .innerJoin(incidents, eq(incidents.id, provinceAsks.incidentId))
    .innerJoin(regencies, eq(regencies.code, incidents.regencyCode))
    .innerJoin(fromProvince, eq(fromProvince.code, provinceAsks.fromProvinceCode))
    .innerJoin(toProvince, eq(toProvince.code, provinceAsks.toProvinceCode))
    .leftJoin(deploymentRequests, eq(deploymentRequests.id, provinceAsks.requestId))
    .where(and(mine, ofIncident))
    .orderBy(desc(provinceAsks.createdAt), provinceAsks.toProvinceCode)
    .limit(LISTED);

  const requestIds = rows.map((row) => row.ask.requestId).filter((id): id is string => id !== null);
  const counts = requestIds.length
    ? await ctx.db
        .select({
          requestId: assignments.requestId,
          offered: sql<number>`count(*)::int`,
          accepted: sql<number>`(count(*) filter (where ${inArray(assignments.status, [...HELD])}))::int`,
          enRoute: sql<number>`(count(*) filter (where ${assignments.status} = 'en_route'))::int`,
          onSite: sql<number>`(count(*) filter (where ${assignments.status} = 'on_site'))::int`,
          done: sql<number>`(count(*) filter (where ${inArray(assignments.status, [...DONE])}))::int`,
        })
        .from(assignments)
        .where(inArray(assignments.requestId, requestIds))
        .groupBy(assignments.requestId)
    : [];

  const sourceCodes = [...new Set(rows.flatMap((row) => row.ask.sourceRegencyCodes))];
  const sourceNames = new Map(
    sourceCodes.length
      ? (
          await ctx.db
            .select({ code: regencies.code, name: regencies.name })
            .from(regencies)
            .where(inArray(regencies.code, sourceCodes))
        ).map((row) => [row.code, row.name])
      : [],
  );

  const views = rows.map(({ ask, incident, regencyName, fromName, toName, requestStatus }): ProvinceAskView => {
    const counted = counts.find((row) => row.requestId === ask.requestId);
    const progress: ProvinceAskProgress | null =
      ask.requestId && requestStatus
        ? {
            requestId: ask.requestId,
            status: requestStatus,
            offered: counted?.offered ?? 0,
            accepted: counted?.accepted ?? 0,
            enRoute: counted?.enRoute ?? 0,
            onSite: counted?.onSite ?? 0,
            done: counted?.done ?? 0,
          }
        : null;
    return {
      id: ask.id,
      incident: { ...incident, regencyName },
      fromProvince: { code: ask.fromProvinceCode, name: fromName },
      toProvince: { code: ask.toProvinceCode, name: toName },
      slots: ask.slots,
      pillarCodes: ask.pillarCodes,
      deadline: ask.deadline.toISOString(),
      meetingPoint: ask.meetingPoint,
      bring: ask.bring,
      note: ask.note,
      status: ask.status,
      declineReason: ask.declineReason,
      sourceRegencyCodes: ask.sourceRegencyCodes,
      sourceRegencyNames: ask.sourceRegencyCodes.map((code) => sourceNames.get(code) ?? code),
      askedAt: ask.createdAt.toISOString(),
      answeredAt: ask.answeredAt?.toISOString() ?? null,
      progress,
    };
  });
  if (!own) return { incoming: views, outgoing: [] };
  return {
    incoming: views.filter((view) => view.toProvince.code === own),
    outgoing: views.filter((view) => view.fromProvince.code === own),
  };
}
