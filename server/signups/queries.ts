import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { districts, pillars, provinces, regencies, signupLinks, signups, trainings, volunteers } from '../../db/schema';
import type { SignupStatus, TimeZone } from '../../lib/domain';
import type { Actor } from '../../lib/roles';
import { signupLinkState, type SignupLinkState } from '../../lib/signups';
import { DomainError } from '../errors';

/** Only coordinators and admins keep sign-up links. */
function requireLinkKeeper(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'coordinator') {
    throw new DomainError('FORBIDDEN', 'Hanya koordinator yang dapat mengelola pendaftaran.');
  }
}

/** The links an actor's scope holds: a province coordinator's province, a kabupaten coordinator's kabupaten. */
function linkScope(actor: Actor): SQL | undefined {
  if (actor.role !== 'coordinator') return undefined;
  return actor.scope.regencyCode
    ? eq(signupLinks.regencyCode, actor.scope.regencyCode)
    : eq(signupLinks.provinceCode, actor.scope.provinceCode);
}

export interface SignupLinkSummary {
  id: string;
  token: string;
  title: string;
  provinceCode: string;
  provinceName: string;
  regencyName: string | null;
  pillar: string;
  training: string | null;
  validUntil: Date;
  state: SignupLinkState;
  timeZone: TimeZone;
  counts: Record<SignupStatus, number>;
}

const linkColumns = {
  id: signupLinks.id,
  token: signupLinks.token,
  title: signupLinks.title,
  provinceCode: signupLinks.provinceCode,
  provinceName: provinces.name,
  timeZone: provinces.timeZone,
  regencyName: regencies.name,
  pillar: pillars.name,
  training: trainings.name,
  validUntil: signupLinks.validUntil,
  closedAt: signupLinks.closedAt,
};

function linksQuery(db: Executor) {
  return db
    .select(linkColumns)
    .from(signupLinks)
    .innerJoin(provinces, eq(provinces.code, signupLinks.provinceCode))
    .leftJoin(regencies, eq(regencies.code, signupLinks.regencyCode))
    .innerJoin(pillars, eq(pillars.code, signupLinks.pillarCode))
    .leftJoin(trainings, eq(trainings.id, signupLinks.trainingId))
    .$dynamic();
}

async function withCounts(
  db: Executor,
  links: Awaited<ReturnType<ReturnType<typeof linksQuery>['execute']>>,
  now: Date,
): Promise<SignupLinkSummary[]> {
  const ids = links.map((link) => link.id);
  const tallies =
    ids.length === 0
      ? []
      : await db
          .select({ linkId: signups.linkId, status: signups.status, n: count() })
          .from(signups)
          .where(inArray(signups.linkId, ids))
          .groupBy(signups.linkId, signups.status);
  return links.map(({ closedAt, ...link }) => {
    const counts = { pending: 0, approved: 0, rejected: 0 };
    for (const tally of tallies) if (tally.linkId === link.id) counts[tally.status] = tally.n;
    return { ...link, state: signupLinkState({ closedAt, validUntil: link.validUntil }, now), counts };
  });
}

/** The sign-up links of the actor's scope, newest first, with how many wait, were approved and rejected. */
export async function signupLinksFor(db: Executor, actor: Actor, now: Date): Promise<SignupLinkSummary[]> {
  requireLinkKeeper(actor);
  const links = await linksQuery(db)
    .where(linkScope(actor))
    .orderBy(desc(signupLinks.createdAt), asc(signupLinks.id))
    .limit(200);
  return withCounts(db, links, now);
}

export interface SignupRow {
  id: string;
  name: string;
  phone: string;
  regencyName: string;
  districtName: string | null;
  village: string | null;
  gender: string | null;
  birthYear: number | null;
  skills: string[];
  status: SignupStatus;
  /** The active volunteer with the same phone or NIK, when there was one as the sign-up arrived. */
  duplicateOf: { id: string; name: string } | null;
  volunteerId: string | null;
  createdAt: Date;
}

export interface SignupLinkDetail {
  link: SignupLinkSummary;
  signups: SignupRow[];
}

/** One link of the actor's scope and its sign-ups, waiting ones first; outside the scope it does not exist. */
export async function signupLinkDetail(
  db: Executor,
  actor: Actor,
  linkId: string,
  now: Date,
): Promise<SignupLinkDetail> {
  requireLinkKeeper(actor);
  if (!/^[0-9a-f-]{36}$/i.test(linkId)) throw new DomainError('NOT_FOUND', 'Tautan pendaftaran tidak ditemukan.');
  const [found] = await linksQuery(db).where(and(eq(signupLinks.id, linkId), linkScope(actor)));
  if (!found) throw new DomainError('NOT_FOUND', 'Tautan pendaftaran tidak ditemukan.');
  const [link] = await withCounts(db, [found], now);
  const home = alias(regencies, 'home');
  const existing = alias(volunteers, 'existing');
  const rows = await db
    .select({
      id: signups.id,
      name: signups.name,
      phone: signups.phone,
      regencyName: home.name,
      districtName: districts.name,
      village: signups.village,
      gender: signups.gender,
      birthYear: signups.birthYear,
      skills: signups.skills,
      status: signups.status,
      duplicateId: existing.id,
      duplicateName: existing.name,
      volunteerId: signups.volunteerId,
      createdAt: signups.createdAt,
    })
    .from(signups)
    .innerJoin(home, eq(home.code, signups.regencyCode))
    .leftJoin(districts, eq(districts.code, signups.districtCode))
    .leftJoin(existing, eq(existing.id, signups.duplicateOf))
    .where(eq(signups.linkId, linkId))
    .orderBy(sql`${signups.status} = 'pending' desc`, desc(signups.createdAt), asc(signups.id))
    .limit(5_000);
  return {
    link: link!,
    signups: rows.map(({ duplicateId, duplicateName, ...row }) => ({
      ...row,
      duplicateOf: duplicateId ? { id: duplicateId, name: duplicateName! } : null,
    })),
  };
}

export interface PublicSignupForm {
  state: SignupLinkState | 'unknown';
  title?: string;
  provinceName?: string;
  regencyName?: string | null;
  pillar?: string;
  timeZone?: TimeZone;
  validUntil?: Date;
  /** Where a volunteer may live: the link's kabupaten, or every one of the province, with their kecamatan. */
  regencies?: { code: string; name: string; districts: { code: string; name: string }[] }[];
}

/** What the public form shows for a token: nothing but the event's name and the places to pick from. */
export async function publicSignupForm(db: Executor, token: string, now: Date): Promise<PublicSignupForm> {
  if (!/^[A-Za-z0-9_-]{20,43}$/.test(token)) return { state: 'unknown' };
  const [link] = await linksQuery(db).where(eq(signupLinks.token, token));
  if (!link) return { state: 'unknown' };
  const state = signupLinkState(link, now);
  const head = {
    state,
    title: link.title,
    provinceName: link.provinceName,
    regencyName: link.regencyName,
    pillar: link.pillar,
    timeZone: link.timeZone,
    validUntil: link.validUntil,
  };
  if (state !== 'open') return head;
  const [row] = await db
    .select({ regencyCode: signupLinks.regencyCode })
    .from(signupLinks)
    .where(eq(signupLinks.token, token));
  const places = await db
    .select({ code: regencies.code, name: regencies.name, districtCode: districts.code, districtName: districts.name })
    .from(regencies)
    .innerJoin(districts, eq(districts.regencyCode, regencies.code))
    .where(row!.regencyCode ? eq(regencies.code, row!.regencyCode) : eq(regencies.provinceCode, link.provinceCode))
    .orderBy(asc(regencies.code), asc(districts.name));
  const byRegency = new Map<string, { code: string; name: string; districts: { code: string; name: string }[] }>();
  for (const place of places) {
    let regency = byRegency.get(place.code);
    if (!regency) byRegency.set(place.code, (regency = { code: place.code, name: place.name, districts: [] }));
    regency.districts.push({ code: place.districtCode, name: place.districtName });
  }
  return { ...head, regencies: [...byRegency.values()] };
}
