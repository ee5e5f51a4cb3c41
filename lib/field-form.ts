import { z } from 'zod';
import { REPORTABLE_STATUSES, REPORTED_FROM_STATUSES } from './dispatch';
import { id, text } from './fields';

/** A form's key is required: the server rendered one into every form, so a missing one is a broken page. */
const NO_KEY = 'Formulir ini tidak membawa kunci pengiriman. Muat ulang halaman /tugas lalu ketuk lagi.';
const formKey = z.string({ error: NO_KEY }).pipe(text('idempotencyKey', 100, { min: 1, minError: NO_KEY }));

/** One tap on /tugas sent as a form: the same commands the socket carries, each with its key. */
export const FieldFormPost = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('accept'), assignmentId: id('assignmentId'), idempotencyKey: formKey }),
    z.object({ action: z.literal('decline'), assignmentId: id('assignmentId'), idempotencyKey: formKey }),
    z.object({ action: z.literal('withdraw'), assignmentId: id('assignmentId'), idempotencyKey: formKey }),
    z.object({
      action: z.literal('report'),
      assignmentId: id('assignmentId'),
      status: z.enum(REPORTABLE_STATUSES, { error: 'Status harus en_route, on_site, completed atau returned.' }),
      from: z.enum(REPORTED_FROM_STATUSES, {
        error: 'Sebutkan status asal: accepted, en_route, on_site atau relieved.',
      }),
      idempotencyKey: formKey,
    }),
    z.object({
      action: z.literal('availability'),
      availability: z.enum(['available', 'unavailable'], { error: 'Pilih siaga atau tidak siaga.' }),
      idempotencyKey: formKey,
    }),
  ],
  { error: 'Tindakan tidak dikenal. Muat ulang halaman /tugas lalu ketuk lagi.' },
);
export type FieldFormPost = z.infer<typeof FieldFormPost>;

/** What the page shows after a form post: the step taken, or the server's refusal in its words. */
export const FieldFlash = z.union([
  z.object({
    ok: z.literal(true),
    done: z.enum([
      'accepted',
      'declined',
      'withdrawn',
      'en_route',
      'on_site',
      'completed',
      'returned',
      'available',
      'unavailable',
    ]),
  }),
  z.object({ ok: z.literal(false), error: z.string().max(600) }),
]);
export type FieldFlash = z.infer<typeof FieldFlash>;
