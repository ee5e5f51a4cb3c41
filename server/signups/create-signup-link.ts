import { and, eq, isNull, or } from 'drizzle-orm';
import { pillars, regencies, signupLinks, trainings, type SignupLink } from '../../db/schema';
import { CreateSignupLink, MAX_LINK_DAYS, SIGNUP_EVENTS } from '../../lib/signups';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { newToken } from '../auth/sessions';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';

/** A coordinator opens a sign-up link for a camp or bimtek in its scope, valid until a time. */
export async function createSignupLink({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<SignupLink> {
  const link = parseInput(CreateSignupLink, input);
  const regencyCode = link.regencyCode ?? null;
  requireCoordinatorFor(ctx.actor, { provinceCode: link.provinceCode, regencyCode });
  const now = ctx.now();
  if (link.validUntil.getTime() <= now.getTime()) {
    throw new DomainError('INVALID', 'Waktu berlaku harus di masa depan.', {
      validUntil: ['Pilih jam setelah sekarang.'],
    });
  }
  if (link.validUntil.getTime() > now.getTime() + MAX_LINK_DAYS * 86_400_000) {
    throw new DomainError('INVALID', `Tautan pendaftaran berlaku paling lama ${MAX_LINK_DAYS} hari.`, {
      validUntil: [`Paling lama ${MAX_LINK_DAYS} hari dari sekarang.`],
    });
  }
  return commitWithEvents(ctx, async (tx) => {
    if (regencyCode) {
      const [regency] = await tx
        .select({ code: regencies.code })
        .from(regencies)
        .where(and(eq(regencies.code, regencyCode), eq(regencies.provinceCode, link.provinceCode)));
      if (!regency) throw new DomainError('INVALID', 'Kabupaten/kota itu tidak ada di provinsi ini.');
    }
    const [pillar] = await tx
      .select({ code: pillars.code })
      .from(pillars)
      .where(
        and(
          eq(pillars.code, link.pillarCode),
          or(isNull(pillars.provinceCode), eq(pillars.provinceCode, link.provinceCode)),
        ),
      );
    if (!pillar) throw new DomainError('INVALID', 'Pilar sosial itu tidak dikenal di provinsi ini.');
    if (link.trainingId) {
      const [training] = await tx
        .select({ id: trainings.id })
        .from(trainings)
        .where(
          and(
            eq(trainings.id, link.trainingId),
            or(isNull(trainings.provinceCode), eq(trainings.provinceCode, link.provinceCode)),
          ),
        );
      if (!training) throw new DomainError('INVALID', 'Pelatihan itu tidak dikenal di provinsi ini.');
    }
    const [created] = await tx
      .insert(signupLinks)
      .values({
        token: newToken(),
        title: link.title,
        provinceCode: link.provinceCode,
        regencyCode,
        pillarCode: link.pillarCode,
        trainingId: link.trainingId ?? null,
        validUntil: link.validUntil,
        createdBy: ctx.actor.userId,
        createdAt: now,
      })
      .returning();
    return {
      result: created!,
      events: [
        {
          type: SIGNUP_EVENTS.linkOpened,
          provinceCode: created!.provinceCode,
          regencyCode,
          payload: { linkId: created!.id, title: created!.title, validUntil: created!.validUntil.toISOString() },
        },
      ],
    };
  });
}
