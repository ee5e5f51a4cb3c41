import { eq } from 'drizzle-orm';
import { signupLinks, signups, type Signup } from '../../db/schema';
import { RejectSignup, SIGNUP_EVENTS } from '../../lib/signups';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';

/** The coordinator turns a waiting sign-up down (a stranger, a test, a mistake); nothing enters the roster. */
export async function rejectSignup({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<Signup> {
  const { signupId } = parseInput(RejectSignup, input);
  return commitWithEvents(ctx, async (tx) => {
    const [row] = await tx
      .select({ signup: signups, link: signupLinks })
      .from(signups)
      .innerJoin(signupLinks, eq(signupLinks.id, signups.linkId))
      .where(eq(signups.id, signupId))
      .for('no key update', { of: signups });
    if (!row) throw new DomainError('NOT_FOUND', 'Pendaftaran tidak ditemukan.');
    const { signup, link } = row;
    requireCoordinatorFor(ctx.actor, { provinceCode: link.provinceCode, regencyCode: signup.regencyCode });
    if (signup.status !== 'pending') {
      throw new DomainError('CONFLICT', `Pendaftaran ${signup.name} sudah diputuskan sebelumnya.`);
    }
    const [rejected] = await tx
      .update(signups)
      .set({ status: 'rejected', decidedBy: ctx.actor.userId, decidedAt: ctx.now() })
      .where(eq(signups.id, signupId))
      .returning();
    return {
      result: rejected!,
      events: [
        {
          type: SIGNUP_EVENTS.rejected,
          provinceCode: link.provinceCode,
          regencyCode: signup.regencyCode,
          payload: { linkId: link.id, signupId, name: signup.name },
        },
      ],
    };
  });
}
