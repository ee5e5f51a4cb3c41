import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import {
  deploymentRequests,
  regencies,
  teamMembers,
  teams,
  volunteers,
  type DeploymentRequest,
  type Incident,
  type NewEventRow,
} from '../../db/schema';
import { REQUEST_EVENTS, RequestDeployment } from '../../lib/dispatch';
import { requireCoordinatorFor, type Actor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { assertIncidentOpen, incidentEvent, lockIncident } from '../incidents/access';
import { assertDeadline } from './access';
import { checkCriteria, deadlineDay, incidentOrigin, matchesCriteria, nearestFirst } from './matching';
import { offerWave, recordWave, type OfferTo } from './offers';
import { CHECK_IN_DEFAULT_GRACE_MINUTES } from '../../lib/operations';

const NO_MATCH =
  'Tidak ada relawan siaga yang cocok di kabupaten/kota sumber (sertifikat pelatihan yang diminta harus masih berlaku pada batas waktu). Tambah kabupaten/kota atau pilar, atau hapus syarat keahlian/pelatihan.';

/**
 * A coordinator asks for N volunteers for an incident. Offers go to every matching "Siaga" volunteer of
 * the source kabupaten/kota at once, or in waves (the nearest N × k first, see widenWaves), or to the
 * siaga members of named regu or hand-picked volunteers. Everyone offered lies in the coordinator's scope
 * and the incident's province; a kabupaten coordinator asks only its own kabupaten.
 */
export async function requestDeployment({
  ctx,
  input,
}: {
  ctx: ActorContext;
  input: unknown;
}): Promise<{ request: DeploymentRequest; offered: number }> {
  const data = parseInput(RequestDeployment, input);
  const now = ctx.now();
  assertDeadline(data.deadline, now);

  return commitWithEvents(ctx, async (tx) => {
    const incident = await lockIncident(tx, data.incidentId);
    requireCoordinatorFor(ctx.actor, incident);
    assertIncidentOpen(incident, 'permintaan relawan baru');
    if (data.relievesRequestId) await checkRelieved(tx, data.relievesRequestId, incident);

    let where: SQL;
    let sourceRegencyCodes: string[];
    if (data.audience.kind === 'match') {
      sourceRegencyCodes = data.sourceRegencyCodes ?? [];
      requireOwnSources(ctx.actor, sourceRegencyCodes);
      await checkSources(tx, sourceRegencyCodes, incident);
      await checkCriteria(tx, data, incident.provinceCode);
      // Only a required training looks at the calendar.
      const validOn = data.trainingId ? await deadlineDay(tx, incident.provinceCode, data.deadline) : '';
      where = and(matchesCriteria(data, validOn), inArray(volunteers.regencyCode, sourceRegencyCodes))!;
    } else {
      await checkCriteria(tx, data, incident.provinceCode);
      const ids =
        data.audience.kind === 'teams'
          ? await membersOfTeams(tx, ctx.actor, incident, data.audience.teamIds)
          : await pickedInScope(tx, ctx.actor, incident, data.audience.volunteerIds);
      where = and(inArray(volunteers.id, ids), isNull(volunteers.retiredAt), eq(volunteers.availability, 'available'))!;
      sourceRegencyCodes = await regenciesOf(tx, where);
      if (sourceRegencyCodes.length === 0) throw new DomainError('CONFLICT', nobodyIn(data.audience.kind));
    }
    // Everyone who matches is offered at once in one statement; in waves, the nearest slots × k first.
    let to: OfferTo = { where };
    let more = false;
    if (data.waves) {
      const ranked = await nearestFirst(tx, where, await incidentOrigin(tx, incident));
      const first = ranked.slice(0, data.slots * data.waves.factor);
      to = { volunteerIds: first.map((volunteer) => volunteer.id) };
      more = first.length < ranked.length;
    }

    const { request, offered, events } = await openRequest(tx, ctx, { incident, data, sourceRegencyCodes, to, more });
    if (offered === 0)
      throw new DomainError('CONFLICT', data.audience.kind === 'match' ? NO_MATCH : nobodyIn(data.audience.kind));
    return { result: { request, offered }, events };
  });
}

/**
 * Writes a request and its first wave of offers (to everyone `to` selects), and the events that announce
 * them. The caller has checked who may ask whom; a request that reached nobody is the caller's to refuse.
 */
export async function openRequest(
  tx: Transaction,
  ctx: ActorContext,
  {
    incident,
    data,
    sourceRegencyCodes,
    to,
    more,
  }: { incident: Incident; data: RequestDeployment; sourceRegencyCodes: string[]; to: OfferTo; more: boolean },
): Promise<{ request: DeploymentRequest; offered: number; events: NewEventRow[] }> {
  const now = ctx.now();
  const [request] = await tx
    .insert(deploymentRequests)
    .values({
      incidentId: incident.id,
      slots: data.slots,
      pillarCodes: data.pillarCodes,
      sourceRegencyCodes,
      skill: data.skill ?? null,
      trainingId: data.trainingId ?? null,
      meetingPoint: data.meetingPoint,
      meetingLat: data.meetingLat ?? null,
      meetingLng: data.meetingLng ?? null,
      bring: data.bring,
      checkInSeconds: data.checkInMinutes === undefined ? null : Math.round(data.checkInMinutes * 60),
      checkInGraceSeconds: Math.round((data.checkInGraceMinutes ?? CHECK_IN_DEFAULT_GRACE_MINUTES) * 60),
      checkInEnRoute: data.checkInEnRoute,
      deadline: data.deadline,
      audienceKind: data.audience.kind,
      waveFactor: data.waves?.factor ?? null,
      waveMinutes: data.waves?.everyMinutes ?? null,
      nextWaveAt: data.waves && more ? new Date(now.getTime() + data.waves.everyMinutes * 60_000) : null,
      shiftEndsAt: data.shiftEndsAt ?? null,
      relievesRequestId: data.relievesRequestId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const created = request!;
  const wave = await offerWave(tx, created, incident, to, 1, now);
  if (wave.offered === 0) return { request: created, offered: 0, events: [] };
  if (data.waves) await recordWave(tx, created.id, 1, wave.offered, now);

  const events: NewEventRow[] = [
    incidentEvent(incident, REQUEST_EVENTS.created, {
      requestId: created.id,
      slots: created.slots,
      pillarCodes: created.pillarCodes,
      sourceRegencyCodes: created.sourceRegencyCodes,
      skill: created.skill,
      trainingId: created.trainingId,
      deadline: created.deadline.toISOString(),
      audience: created.audienceKind,
      waveFactor: created.waveFactor,
      waveMinutes: created.waveMinutes,
      offered: wave.offered,
      by: ctx.actor.userId,
      ...(created.relievesRequestId ? { relievesRequestId: created.relievesRequestId } : {}),
      ...(created.shiftEndsAt ? { shiftEndsAt: created.shiftEndsAt.toISOString() } : {}),
    }),
    wave.event!,
  ];
  return { request: created, offered: wave.offered, events };
}

/** Why a request to regu or hand-picked people found nobody to offer it to. */
function nobodyIn(kind: 'teams' | 'volunteers'): string {
  return kind === 'teams'
    ? 'Tidak ada anggota regu yang siaga saat ini; pilih regu lain atau kirim ke semua yang cocok.'
    : 'Tidak ada relawan pilihan yang siaga saat ini; pilih relawan lain atau kirim ke semua yang cocok.';
}

/** The kabupaten/kota of the volunteers `where` selects. */
async function regenciesOf(tx: Transaction, where: SQL): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ code: volunteers.regencyCode })
    .from(volunteers)
    .where(where)
    .orderBy(volunteers.regencyCode);
  return rows.map((row) => row.code);
}

/** The members of named regu, each regu of the incident's province and in the coordinator's scope. */
async function membersOfTeams(tx: Transaction, actor: Actor, incident: Incident, teamIds: string[]): Promise<string[]> {
  const found = await tx.select().from(teams).where(inArray(teams.id, teamIds));
  if (found.length !== teamIds.length) {
    throw new DomainError('INVALID', 'Ada regu yang tidak ditemukan.', {
      'audience.teamIds': ['Regu ini tidak ada (mungkin sudah dibubarkan); muat ulang daftar regu.'],
    });
  }
  for (const team of found) requireInIncidentProvince(actor, incident, team);
  const rows = await tx
    .select({ volunteerId: teamMembers.volunteerId })
    .from(teamMembers)
    .where(inArray(teamMembers.teamId, teamIds));
  return rows.map((row) => row.volunteerId);
}

/** Hand-picked volunteers: each exists, is active, and lies in the coordinator's scope and the incident's province. */
async function pickedInScope(tx: Transaction, actor: Actor, incident: Incident, ids: string[]): Promise<string[]> {
  const found = await tx
    .select({ id: volunteers.id, regencyCode: volunteers.regencyCode, provinceCode: regencies.provinceCode })
    .from(volunteers)
    .innerJoin(regencies, eq(regencies.code, volunteers.regencyCode))
    .where(and(inArray(volunteers.id, ids), isNull(volunteers.retiredAt)));
  if (found.length !== ids.length) {
    throw new DomainError('INVALID', 'Sebagian relawan yang dipilih tidak ditemukan atau sudah berhenti.', {
      'audience.volunteerIds': ['Pilih ulang relawan dari daftar.'],
    });
  }
  for (const volunteer of found) requireInIncidentProvince(actor, incident, volunteer);
  return ids;
}

/** Offers go only to people the coordinator may dispatch, of the incident's province. */
function requireInIncidentProvince(
  actor: Actor,
  incident: Incident,
  place: { provinceCode: string; regencyCode: string },
): void {
  if (place.provinceCode !== incident.provinceCode) {
    throw new DomainError(
      'FORBIDDEN',
      'Relawan dan regu provinsi lain tidak dapat dikirimi tawaran; minta bantuan provinsi itu.',
    );
  }
  requireCoordinatorFor(actor, place);
  requireOwnSources(actor, [place.regencyCode]);
}

/** A kabupaten coordinator sends only its own people; asking other kabupaten goes through the province. */
function requireOwnSources(actor: Actor, sourceRegencyCodes: string[]): void {
  if (actor.role !== 'coordinator' || actor.scope.regencyCode === null) return;
  const own = actor.scope.regencyCode;
  if (sourceRegencyCodes.some((code) => code !== own)) {
    throw new DomainError(
      'FORBIDDEN',
      'Koordinator kabupaten/kota hanya dapat meminta relawan dari wilayahnya sendiri; minta bantuan kabupaten/kota lain melalui koordinator provinsi.',
    );
  }
}

/** Every source is a known kabupaten/kota of the incident's province. */
async function checkSources(tx: Transaction, codes: string[], incident: Incident): Promise<void> {
  const known = await tx
    .select({ code: regencies.code, provinceCode: regencies.provinceCode })
    .from(regencies)
    .where(inArray(regencies.code, codes));
  const inProvince = new Set(known.filter((r) => r.provinceCode === incident.provinceCode).map((r) => r.code));
  const outside = codes.filter((code) => !inProvince.has(code));
  if (outside.length > 0) {
    throw new DomainError('INVALID', 'Ada kabupaten/kota sumber di luar provinsi kejadian.', {
      sourceRegencyCodes: [
        `Kabupaten/kota sumber harus berada di provinsi kejadian; tidak dapat dipakai: ${outside.join(', ')}.`,
      ],
    });
  }
}

/** A relief replaces a team of the same incident that is still there (not cancelled). */
async function checkRelieved(tx: Transaction, requestId: string, incident: Incident): Promise<void> {
  const [relieved] = await tx
    .select({ incidentId: deploymentRequests.incidentId, status: deploymentRequests.status })
    .from(deploymentRequests)
    .where(eq(deploymentRequests.id, requestId));
  if (!relieved || relieved.incidentId !== incident.id) {
    throw new DomainError('INVALID', 'Permintaan yang diganti tidak ditemukan pada kejadian ini.', {
      relievesRequestId: ['Pilih permintaan dari kejadian yang sama; tim penggantinya bertugas di tempat yang sama.'],
    });
  }
  if (relieved.status === 'cancelled') {
    throw new DomainError('INVALID', 'Permintaan yang diganti sudah dibatalkan; tidak ada tim yang perlu diganti.', {
      relievesRequestId: ['Pilih permintaan yang timnya masih bertugas.'],
    });
  }
}
