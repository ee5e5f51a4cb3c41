import { FieldFormPost, type FieldFlash } from '../../lib/field-form';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { setVolunteerAvailability } from '../volunteers/set-availability';
import { acceptOffer } from './accept-offer';
import { declineOffer } from './decline-offer';
import { reportStatus } from './report-status';
import { withdrawAssignment } from './withdraw-assignment';

/**
 * A tap on /tugas that arrived as a plain form post (before the page's scripts ran): the same verbs the
 * socket calls, with the form's key, so the form and a later resend of that key count once.
 */
export async function submitFieldForm({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<FieldFlash> {
  if (ctx.actor.role !== 'volunteer') {
    throw new DomainError('FORBIDDEN', 'Halaman /tugas hanya untuk relawan; masuk dengan akun relawan Anda.');
  }
  const volunteerId = ctx.actor.volunteerId;
  const form = parseInput(FieldFormPost, input);
  const { idempotencyKey } = form;
  switch (form.action) {
    case 'accept':
      await acceptOffer({ ctx, input: { assignmentId: form.assignmentId, idempotencyKey } });
      return { ok: true, done: 'accepted' };
    case 'decline':
      await declineOffer({ ctx, input: { assignmentId: form.assignmentId, idempotencyKey } });
      return { ok: true, done: 'declined' };
    case 'withdraw':
      await withdrawAssignment({ ctx, input: { assignmentId: form.assignmentId, idempotencyKey } });
      return { ok: true, done: 'withdrawn' };
    case 'report':
      await reportStatus({
        ctx,
        input: { assignmentId: form.assignmentId, status: form.status, from: form.from, idempotencyKey },
      });
      return { ok: true, done: form.status };
    case 'availability':
      // A volunteer sets only its own availability here, whatever the form says.
      await setVolunteerAvailability({ ctx, input: { volunteerId, availability: form.availability } });
      return { ok: true, done: form.availability };
  }
}
