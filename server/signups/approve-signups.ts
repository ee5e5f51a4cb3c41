import { and, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import { signupLinks, signups, trainings, users, volunteerTrainings, type NewEventRow } from '../../db/schema';
import { CreateVolunteer } from '../../lib/registry';
import { ApproveSignups, SIGNUP_EVENTS } from '../../lib/signups';
import { certificateValidUntil } from '../../lib/trainings';
import { issueActivations, type IssuedActivation } from '../accounts/issue-activations';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { addToRoster } from '../volunteers/create-volunteer';
import { activeVolunteerLike } from './duplicates';

export interface ApprovedSignup {
  signupId: string;
  volunteerId: string;
  name: string;
  /** The sign-up was a volunteer already on the roster: matched to that record, none created. */
  matched: boolean;
}

export interface Approval {
  approved: ApprovedSignup[];
  /** Activation links for the volunteers who have no account yet. */
  activations: IssuedActivation[];
}

/** Records the link's training for the approved volunteers (kept as it is where already recorded). */
async function recordTraining(tx: Transaction, trainingId: string, volunteerIds: string[], now: Date) {
  if (volunteerIds.length === 0) return;
  const [training] = await tx.select().from(trainings).where(eq(trainings.id, trainingId));
  if (!training) return;
  const today = now.toISOString().slice(0, 10);
  const completedOn = training.endsOn < today ? training.endsOn : today;
  const validUntil = certificateValidUntil({ completedOn }, training.validMonths);
  await tx
    .insert(volunteerTrainings)
    .values(volunteerIds.map((volunteerId) => ({ volunteerId, trainingId, completedOn, validUntil, recordedAt: now })))
    .onConflictDoNothing();
}

/**
 * The coordinator approves sign-ups (some, or all still waiting): each becomes one roster entry, or is
 * matched to the active volunteer with the same phone or NIK; the link's training is recorded, and the
 * new volunteers get their activation links.
 */
export async function approveSignups({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<Approval> {
  const request = parseInput(ApproveSignups, input);
  const now = ctx.now();
  const approved = await commitWithEvents(ctx, async (tx) => {
    const [link] = await tx.select().from(signupLinks).where(eq(signupLinks.id, request.linkId)).for('no key update');
    if (!link) throw new DomainError('NOT_FOUND', 'Tautan pendaftaran tidak ditemukan.');
    requireCoordinatorFor(ctx.actor, link);
    const chosen = await tx
      .select()
      .from(signups)
      .where(
        'all' in request
          ? and(eq(signups.linkId, link.id), eq(signups.status, 'pending'))
          : and(eq(signups.linkId, link.id), inArray(signups.id, request.signupIds)),
      )
      .orderBy(signups.createdAt, signups.id)
      .for('no key update');
    if ('signupIds' in request) {
      if (chosen.length !== new Set(request.signupIds).size) {
        throw new DomainError('NOT_FOUND', 'Sebagian pendaftar yang dipilih tidak ada di tautan ini.');
      }
      const decided = chosen.find((signup) => signup.status !== 'pending');
      if (decided) {
        throw new DomainError('CONFLICT', `Pendaftaran ${decided.name} sudah diputuskan sebelumnya.`);
      }
    }
    const events: NewEventRow[] = [];
    const result: ApprovedSignup[] = [];
    for (const signup of chosen) {
      requireCoordinatorFor(ctx.actor, { provinceCode: link.provinceCode, regencyCode: signup.regencyCode });
      const existing = await activeVolunteerLike(tx, { phone: signup.phone, nik: signup.nik });
      let volunteerId = existing?.id;
      if (!volunteerId) {
        // The sign-up's fields pass the registry's own rules again, as a record typed in by hand would.
        const entry = parseInput(CreateVolunteer, {
          name: signup.name,
          phone: signup.phone,
          nik: signup.nik,
          pillarCode: link.pillarCode,
          regencyCode: signup.regencyCode,
          districtCode: signup.districtCode,
          village: signup.village,
          gender: signup.gender,
          birthYear: signup.birthYear,
          skills: signup.skills,
        });
        const { volunteer, event } = await addToRoster(tx, ctx.actor, entry, now, {
          source: 'signup',
          linkId: link.id,
        });
        volunteerId = volunteer.id;
        events.push(event);
      }
      await tx
        .update(signups)
        .set({ status: 'approved', volunteerId, decidedBy: ctx.actor.userId, decidedAt: now })
        .where(eq(signups.id, signup.id));
      result.push({ signupId: signup.id, volunteerId, name: signup.name, matched: Boolean(existing) });
      events.push({
        type: SIGNUP_EVENTS.approved,
        provinceCode: link.provinceCode,
        regencyCode: signup.regencyCode,
        volunteerId,
        payload: { linkId: link.id, signupId: signup.id, name: signup.name, matched: Boolean(existing) },
      });
    }
    if (link.trainingId) {
      await recordTraining(
        tx,
        link.trainingId,
        result.map((row) => row.volunteerId),
        now,
      );
    }
    return { result, events };
  });

  // Links for those without an account yet; a volunteer who already signs in keeps its password.
  const volunteerIds = approved.map((row) => row.volunteerId);
  const withAccount =
    volunteerIds.length === 0
      ? []
      : await ctx.db.select({ id: users.volunteerId }).from(users).where(inArray(users.volunteerId, volunteerIds));
  const having = new Set(withAccount.map((row) => row.id));
  const needLinks = volunteerIds.filter((id) => !having.has(id));
  const activations = needLinks.length === 0 ? [] : await issueActivations({ ctx, input: { volunteerIds: needLinks } });
  return { approved, activations };
}
