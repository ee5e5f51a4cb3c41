import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  assignments,
  deploymentRequests,
  districts,
  pillars,
  provinces,
  regencies,
  volunteers,
  type Incident,
} from '../../db/schema';
import { INCIDENT_PHASE_LABELS, INCIDENT_TYPE_LABELS, type TimeZone } from '../../lib/domain';
import type { Actor } from '../../lib/roles';
import { computeFigures, type IncidentFigures } from '../assessments/figures';

/** Statuses of a volunteer who went (or is going) to the incident, as the report lists them. */
export const DEPLOYED_STATUSES = ['accepted', 'en_route', 'on_site', 'completed'] as const;
export type DeployedStatus = (typeof DEPLOYED_STATUSES)[number];
export const DEPLOYED_LABELS: Record<DeployedStatus, string> = {
  accepted: 'Diterima',
  en_route: 'Berangkat',
  on_site: 'Di lokasi',
  completed: 'Selesai',
};

export interface DeployedRow {
  code: string;
  name: string;
  byStatus: Record<DeployedStatus, number>;
  total: number;
}

/** A report's frozen copy: what the figures and Posko's own numbers were when it was issued. */
export interface SitrepSnapshot {
  office: string;
  timeZone: TimeZone;
  /** "1 Desember 2026 pukul 21.05 WIB". */
  issuedAtText: string;
  incident: {
    id: string;
    title: string;
    type: string;
    severity: number;
    phase: string;
    occurredAtText: string;
    provinceName: string;
    regencyName: string;
    districtName: string | null;
    description: string;
    needs: string;
  };
  figures: Omit<IncidentFigures, 'history'>;
  response: {
    byPillar: DeployedRow[];
    byRegency: DeployedRow[];
    total: number;
    openRequests: { pillars: string; sources: string; slots: number; accepted: number; deadlineText: string }[];
  };
}

const ZONE_NAMES: Record<TimeZone, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** "1 Desember 2026 pukul 21.05 WIB": a date and hour in the province's zone, as reports write it. */
export function reportTime(at: Date, timeZone: TimeZone): string {
  const text = new Intl.DateTimeFormat('id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at);
  return `${text} ${ZONE_NAMES[timeZone]}`;
}

/** The office that issues the report: the issuer's Dinas Sosial (kabupaten or province). */
function officeOf(actor: Actor, provinceName: string, regencyNames: Map<string, string>): string {
  if (actor.role === 'coordinator' && actor.scope.regencyCode) {
    return `Dinas Sosial ${regencyNames.get(actor.scope.regencyCode) ?? ''}`.trim();
  }
  return `Dinas Sosial Provinsi ${provinceName}`;
}

function tally(rows: { code: string; name: string; status: string; n: number }[]): DeployedRow[] {
  const byCode = new Map<string, DeployedRow>();
  for (const row of rows) {
    const entry = byCode.get(row.code) ?? {
      code: row.code,
      name: row.name,
      byStatus: { accepted: 0, en_route: 0, on_site: 0, completed: 0 },
      total: 0,
    };
    entry.byStatus[row.status as DeployedStatus] += row.n;
    entry.total += row.n;
    byCode.set(row.code, entry);
  }
  return [...byCode.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'id'));
}

/** Reads everything a report freezes, inside the issuing transaction. */
export async function takeSnapshot(
  db: Executor,
  actor: Actor,
  incident: Incident,
  issuedAt: Date,
): Promise<SitrepSnapshot> {
  const [[province], regencyRows, [district], deployed, open, figures] = await Promise.all([
    db.select().from(provinces).where(eq(provinces.code, incident.provinceCode)),
    db
      .select({ code: regencies.code, name: regencies.name })
      .from(regencies)
      .where(eq(regencies.provinceCode, incident.provinceCode)),
    incident.districtCode
      ? db.select({ name: districts.name }).from(districts).where(eq(districts.code, incident.districtCode))
      : Promise.resolve([]),
    db
      .select({
        regencyCode: volunteers.regencyCode,
        regencyName: regencies.name,
        pillarCode: volunteers.pillarCode,
        pillarName: pillars.name,
        status: assignments.status,
        n: sql<number>`count(*)::int`,
      })
      .from(assignments)
      .innerJoin(deploymentRequests, eq(deploymentRequests.id, assignments.requestId))
      .innerJoin(volunteers, eq(volunteers.id, assignments.volunteerId))
      .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
      .innerJoin(pillars, eq(pillars.code, volunteers.pillarCode))
      .where(and(eq(deploymentRequests.incidentId, incident.id), inArray(assignments.status, [...DEPLOYED_STATUSES])))
      .groupBy(volunteers.regencyCode, regencies.name, volunteers.pillarCode, pillars.name, assignments.status),
    db
      .select()
      .from(deploymentRequests)
      .where(and(eq(deploymentRequests.incidentId, incident.id), eq(deploymentRequests.status, 'open')))
      .orderBy(asc(deploymentRequests.deadline)),
    computeFigures(db, incident.id),
  ]);
  const timeZone = province!.timeZone;
  // Volunteers may come from other provinces: their kabupaten names are looked up too.
  const names = new Map(regencyRows.map((row) => [row.code, row.name]));
  for (const row of deployed) names.set(row.regencyCode, row.regencyName);
  const pillarNames = new Map(deployed.map((row) => [row.pillarCode, row.pillarName]));
  const missingPillars = [...new Set(open.flatMap((request) => request.pillarCodes))].filter(
    (code) => !pillarNames.has(code),
  );
  if (missingPillars.length > 0) {
    for (const row of await db.select().from(pillars).where(inArray(pillars.code, missingPillars))) {
      pillarNames.set(row.code, row.name);
    }
  }
  const { history: _history, ...frozen } = figures;
  void _history;
  const byRegency = tally(
    deployed.map((row) => ({ code: row.regencyCode, name: row.regencyName, status: row.status, n: row.n })),
  );
  return {
    office: officeOf(actor, province!.name, names),
    timeZone,
    issuedAtText: reportTime(issuedAt, timeZone),
    incident: {
      id: incident.id,
      title: incident.title,
      type: INCIDENT_TYPE_LABELS[incident.type],
      severity: incident.severity,
      phase: INCIDENT_PHASE_LABELS[incident.phase],
      occurredAtText: reportTime(incident.occurredAt, timeZone),
      provinceName: province!.name,
      regencyName: names.get(incident.regencyCode) ?? incident.regencyCode,
      districtName: district?.name ?? null,
      description: incident.description,
      needs: incident.needs,
    },
    figures: frozen,
    response: {
      byPillar: tally(
        deployed.map((row) => ({ code: row.pillarCode, name: row.pillarName, status: row.status, n: row.n })),
      ),
      byRegency,
      total: byRegency.reduce((sum, row) => sum + row.total, 0),
      openRequests: open.map((request) => ({
        pillars: request.pillarCodes.map((code) => pillarNames.get(code) ?? code).join(', '),
        sources: request.sourceRegencyCodes.map((code) => names.get(code) ?? code).join(', '),
        slots: request.slots,
        accepted: request.acceptedCount,
        deadlineText: reportTime(request.deadline, timeZone),
      })),
    },
  };
}
