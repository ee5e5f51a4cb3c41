import { eq } from 'drizzle-orm';
import { signupLinks, type SignupLink } from '../../db/schema';
import { CloseSignupLink, SIGNUP_EVENTS } from '../../lib/signups';
import { requireCoordinatorFor, type ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';

/** The coordinator closes a link before its time: the form then says so, and sign-ups already in stay. */
export async function closeSignupLink({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<SignupLink> {
  const { linkId } = parseInput(CloseSignupLink, input);
  return commitWithEvents(ctx, async (tx) => {
    const [link] = await tx.select().from(signupLinks).where(eq(signupLinks.id, linkId)).for('no key update');
    if (!link) throw new DomainError('NOT_FOUND', 'Tautan pendaftaran tidak ditemukan.');
    requireCoordinatorFor(ctx.actor, link);
    if (link.closedAt) return { result: link, events: [] };
    const [closed] = await tx
      .update(signupLinks)
      .set({ closedAt: ctx.now() })
      .where(eq(signupLinks.id, linkId))
      .returning();
    return {
      result: closed!,
      events: [
        {
          type: SIGNUP_EVENTS.linkClosed,
          provinceCode: link.provinceCode,
          regencyCode: link.regencyCode,
          payload: { linkId, title: link.title },
        },
      ],
    };
  });
}
