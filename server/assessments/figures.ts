import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { assessmentPhotos, assessments, districts, sitreps, type Assessment } from '../../db/schema';
import {
  FIGURE_KEYS,
  IncidentFiguresQuery,
  VULNERABLE_KEYS,
  ZERO_FIGURES,
  ZERO_VULNERABLE,
  addFigures,
  differenceOf,
  type AssessmentStatus,
  type Figures,
  type UrgentNeed,
  type Vulnerable,
} from '../../lib/situation';
import type { ActorContext } from '../auth/actor';
import { parseInput } from '../errors';
import { findIncident, requireIncidentViewer } from '../incidents/queries';

/** The assessment that counts for one place now: the newest one not rejected. */
export interface PlaceFigures {
  assessmentId: string;
  districtCode: string;
  villageCode: string | null;
  /** "Desa Sei Asam" or null for a kecamatan-wide assessment. */
  villageName: string | null;
  status: Exclude<AssessmentStatus, 'rejected'>;
  figures: Figures;
  vulnerable: Vulnerable;
  shelter: string | null;
  publicFacilities: string | null;
  urgentNeeds: UrgentNeed[];
  needsText: string | null;
  submittedBy: string;
  assessedAt: Date;
  /** How many photos it carries (numbered 1 to that). */
  photos: number;
}

export interface DistrictFigures {
  districtCode: string;
  districtName: string;
  totals: Figures;
  /** The part of the totals that no coordinator has verified yet. */
  unverified: Figures;
  vulnerable: Vulnerable;
  /** Against the same kecamatan in the last report; null before the first report. */
  change: Figures | null;
  places: PlaceFigures[];
}

export interface IncidentFigures {
  incidentId: string;
  totals: Figures;
  unverified: Figures;
  vulnerable: Vulnerable;
  byDistrict: DistrictFigures[];
  /** Against the last report; null before the first one. */
  change: Figures | null;
  lastReport: { id: string; number: number; issuedAt: Date } | null;
  /** The totals after each assessment, oldest first (at most the last HISTORY_POINTS). */
  history: { at: Date; totals: Figures }[];
  /** Earlier assessments the current ones replaced or that were rejected. */
  superseded: number;
}

const HISTORY_POINTS = 200;

const figuresOf = (row: Pick<Assessment, (typeof FIGURE_KEYS)[number]>): Figures =>
  Object.fromEntries(FIGURE_KEYS.map((key) => [key, row[key]])) as Figures;
const vulnerableOf = (value: Record<string, number>): Vulnerable =>
  Object.fromEntries(VULNERABLE_KEYS.map((key) => [key, value[key] ?? 0])) as Vulnerable;
const placeKey = (row: Pick<Assessment, 'districtCode' | 'villageCode'>) =>
  `${row.districtCode}/${row.villageCode ?? ''}`;

/** The figures of the incident's last report, to measure change against. */
async function lastReportOf(db: Executor, incidentId: string) {
  const [report] = await db
    .select({ id: sitreps.id, number: sitreps.number, issuedAt: sitreps.issuedAt, snapshot: sitreps.snapshot })
    .from(sitreps)
    .where(eq(sitreps.incidentId, incidentId))
    .orderBy(desc(sitreps.number))
    .limit(1);
  return report;
}

/**
 * The incident's figures now: per place the newest assessment that was not rejected (verified or,
 * marked, not yet), added up per kecamatan and for the whole incident.
 */
export async function computeFigures(db: Executor, incidentId: string): Promise<IncidentFigures> {
  const [rows, districtRows, report, photoRows] = await Promise.all([
    db
      .select({ assessment: assessments, submittedBy: assessments.submitterName })
      .from(assessments)
      .where(and(eq(assessments.incidentId, incidentId), ne(assessments.status, 'rejected')))
      .orderBy(asc(assessments.seq)),
    db
      .select({ code: districts.code, name: districts.name })
      .from(districts)
      .innerJoin(assessments, eq(assessments.districtCode, districts.code))
      .where(eq(assessments.incidentId, incidentId))
      .groupBy(districts.code, districts.name),
    lastReportOf(db, incidentId),
    db
      .select({ assessmentId: assessmentPhotos.assessmentId, n: sql<number>`count(*)::int` })
      .from(assessmentPhotos)
      .innerJoin(assessments, eq(assessments.id, assessmentPhotos.assessmentId))
      .where(eq(assessments.incidentId, incidentId))
      .groupBy(assessmentPhotos.assessmentId),
  ]);
  const photoCounts = new Map(photoRows.map((row) => [row.assessmentId, row.n]));
  const [{ all } = { all: 0 }] = await db
    .select({ all: sql<number>`count(*)::int` })
    .from(assessments)
    .where(eq(assessments.incidentId, incidentId));

  // Walk the assessments in submission order: each replaces its place's previous one.
  const current = new Map<string, (typeof rows)[number]>();
  const totalsAfter: { at: Date; totals: Figures }[] = [];
  const running = { ...ZERO_FIGURES };
  for (const row of rows) {
    const key = placeKey(row.assessment);
    const before = current.get(key);
    if (before) addFigures(running, differenceOf(ZERO_FIGURES, figuresOf(before.assessment)), FIGURE_KEYS);
    addFigures(running, figuresOf(row.assessment), FIGURE_KEYS);
    current.set(key, row);
    totalsAfter.push({ at: row.assessment.createdAt, totals: { ...running } });
  }

  const names = new Map(districtRows.map((row) => [row.code, row.name]));
  const previous = report?.snapshot as
    { figures?: { totals: Figures; byDistrict: { districtCode: string; totals: Figures }[] } } | undefined;
  const previousByDistrict = new Map(previous?.figures?.byDistrict.map((entry) => [entry.districtCode, entry.totals]));
  const byDistrict = new Map<string, DistrictFigures>();
  const totals = { ...ZERO_FIGURES };
  const unverified = { ...ZERO_FIGURES };
  const vulnerable = { ...ZERO_VULNERABLE };
  for (const { assessment, submittedBy } of current.values()) {
    const district = byDistrict.get(assessment.districtCode) ?? {
      districtCode: assessment.districtCode,
      districtName: names.get(assessment.districtCode) ?? assessment.districtCode,
      totals: { ...ZERO_FIGURES },
      unverified: { ...ZERO_FIGURES },
      vulnerable: { ...ZERO_VULNERABLE },
      change: null,
      places: [],
    };
    const figures = figuresOf(assessment);
    const groups = vulnerableOf(assessment.vulnerable);
    addFigures(district.totals, figures, FIGURE_KEYS);
    addFigures(totals, figures, FIGURE_KEYS);
    addFigures(district.vulnerable, groups, VULNERABLE_KEYS);
    addFigures(vulnerable, groups, VULNERABLE_KEYS);
    if (assessment.status === 'unverified') {
      addFigures(district.unverified, figures, FIGURE_KEYS);
      addFigures(unverified, figures, FIGURE_KEYS);
    }
    district.places.push({
      assessmentId: assessment.id,
      districtCode: assessment.districtCode,
      villageCode: assessment.villageCode,
      villageName: assessment.villageName,
      status: assessment.status as PlaceFigures['status'],
      figures,
      vulnerable: groups,
      shelter: assessment.shelter,
      publicFacilities: assessment.publicFacilities,
      urgentNeeds: assessment.urgentNeeds,
      needsText: assessment.needsText,
      submittedBy,
      assessedAt: assessment.createdAt,
      photos: photoCounts.get(assessment.id) ?? 0,
    });
    byDistrict.set(assessment.districtCode, district);
  }
  const districtsShown = [...byDistrict.values()].sort((a, b) => a.districtName.localeCompare(b.districtName, 'id'));
  for (const district of districtsShown) {
    district.places.sort((a, b) => (a.villageName ?? '').localeCompare(b.villageName ?? '', 'id'));
    if (previous?.figures) {
      district.change = differenceOf(district.totals, previousByDistrict.get(district.districtCode) ?? ZERO_FIGURES);
    }
  }

  return {
    incidentId,
    totals,
    unverified,
    vulnerable,
    byDistrict: districtsShown,
    change: previous?.figures ? differenceOf(totals, previous.figures.totals) : null,
    lastReport: report ? { id: report.id, number: report.number, issuedAt: report.issuedAt } : null,
    history: totalsAfter.slice(-HISTORY_POINTS),
    superseded: all - current.size,
  };
}

/** `GET /api/incidents/{id}/figures`: for the coordinators and leaders of the incident's province. */
export async function incidentFigures({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<IncidentFigures> {
  const { incidentId } = parseInput(IncidentFiguresQuery, input);
  const incident = await findIncident(ctx.db, incidentId);
  requireIncidentViewer(ctx.actor, incident.provinceCode);
  return computeFigures(ctx.db, incidentId);
}
