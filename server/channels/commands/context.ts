import { and, eq, inArray } from 'drizzle-orm';
import { assignments } from '../../../db/schema';
import { ACTIVE_ASSIGNMENT_STATUSES, ASSIGNMENT_STATUS_LABELS, isFinalAssignment } from '../../../lib/assignment-state';
import type { AssignmentStatus } from '../../../lib/domain';
import type { Actor } from '../../../lib/roles';
import type { TextCommand, TextCommandKind } from '../../../lib/sms-commands';
import type { ActorContext } from '../../auth/actor';
import { DomainError } from '../../errors';
import { assignmentOfCode, codeFor } from '../codes';

/** What a command handler gets: the sender as the verbs' actor and the inbound text's idempotency key. */
export interface CommandContext {
  ctx: ActorContext & { actor: Extract<Actor, { role: 'volunteer' }> };
  /** The provider's message id: a gateway that posts twice runs the verb once. */
  idempotencyKey: string;
  /** The text as the volunteer sent it (a reply to a coordinator's message is kept as written). */
  text: string;
}

/** Answers one command with the reply text (a short SMS). */
export type CommandHandler<K extends TextCommandKind> = (
  command: CommandContext,
  input: Extract<TextCommand, { kind: K }>,
) => Promise<string>;

/** A verb's refusal as the reply; anything else is a bug and is thrown on. */
export async function replyOrRefusal(run: () => Promise<string>): Promise<string> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DomainError) return `Posko: tidak bisa. ${error.message}`;
    throw error;
  }
}

export type Resolved = { ok: true; assignmentId: string; code: string } | { ok: false; reply: string };

/**
 * The sender's own offer or assignment a code names. Without a code, the only one that fits (the one
 * waiting offer, or the one running assignment) is meant; otherwise the reply asks for the code.
 */
export async function resolveItem(
  { ctx }: CommandContext,
  code: string | null,
  want: 'offer' | 'active',
  verb: string,
): Promise<Resolved> {
  const volunteerId = ctx.actor.volunteerId;
  if (code) {
    const assignmentId = await assignmentOfCode(ctx.db, volunteerId, code);
    if (!assignmentId) {
      return {
        ok: false,
        reply: `Posko: kode ${code} bukan kode tawaran atau tugas Anda. Balas STATUS untuk melihat kode Anda.`,
      };
    }
    const [row] = await ctx.db
      .select({ status: assignments.status })
      .from(assignments)
      .where(eq(assignments.id, assignmentId));
    if (row && isFinalAssignment(row.status)) {
      return {
        ok: false,
        reply: `Posko: ${code} sudah ditutup (${ASSIGNMENT_STATUS_LABELS[row.status]}). Balas STATUS untuk yang masih terbuka.`,
      };
    }
    return { ok: true, assignmentId, code };
  }
  const statuses: AssignmentStatus[] = want === 'offer' ? ['offered'] : [...ACTIVE_ASSIGNMENT_STATUSES];
  const open = await ctx.db
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.volunteerId, volunteerId), inArray(assignments.status, statuses)))
    .limit(2);
  if (open.length === 1) {
    const assignmentId = open[0]!.id;
    return { ok: true, assignmentId, code: await codeFor(ctx.db, volunteerId, assignmentId) };
  }
  if (open.length === 0) {
    return {
      ok: false,
      reply:
        want === 'offer'
          ? 'Posko: tidak ada tawaran yang menunggu jawaban Anda. Balas STATUS untuk melihat tugas Anda.'
          : 'Posko: Anda tidak sedang bertugas. Balas STATUS untuk melihat tawaran Anda.',
    };
  }
  return { ok: false, reply: `Posko: sebutkan kodenya, mis. ${verb} K7QD. Balas STATUS untuk melihat kode Anda.` };
}
