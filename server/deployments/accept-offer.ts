import { and, eq } from 'drizzle-orm';
import type { Transaction } from '../../db/client';
import { assignments, type DeploymentRequest } from '../../db/schema';
import { AcceptOffer, AssignmentAnswer } from '../../lib/dispatch';
import type { Actor, ActorContext } from '../auth/actor';
import { DomainError, parseInput, refusalOf } from '../errors';
import type { Written } from '../events/commit';
import { acceptTogether, allTaken, assertAcceptable } from './acceptance';
import { committedOffer } from './committed-offers';
import {
  runPhoneCommand,
  runPhoneCommandsTogether,
  storeRefusal,
  type GroupedCommand,
  type PhoneCommand,
} from './receipts';

/**
 * A volunteer takes an offered place: accepted never exceeds the request's slots, a volunteer holds at
 * most one active assignment, and the volunteer becomes "Bertugas". Retries with the same key answer alike.
 */
export async function acceptOffer({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<AssignmentAnswer> {
  const { idempotencyKey, ...command } = parseInput(AcceptOffer, input);
  const now = ctx.now();
  const phoneCommand = { name: 'assignment.accept', idempotencyKey, input: command, answer: AssignmentAnswer };

  // The losers of a race mostly find the request full: they are refused from what was last committed, with
  // no transaction, the refusal kept as their key's answer (a key that already has one reads it below).
  // Accepts of one request that this process already runs take at most its free places (as committed):
  // when 500 arrive at once, the others are refused straight away instead of waiting for a connection and
  // the row; the admitted ones run in groups, one transaction for the accepts that arrived together. The
  // gate only decides who waits; the transaction still decides who gets a place.
  const seen = await offerAsCommitted(ctx, command);
  // Refused as the transaction would refuse the request as last committed (full, cancelled, closed, late).
  const refusal = seen ? refusalOf(() => assertAcceptable(seen.request, now)) : null;
  const joined = refusal || !seen ? null : join(seen.request, seen.volunteerId);
  const refused = refusal ?? (joined === false && seen ? allTaken(seen.request) : null);
  if (refused && (await storeRefusal(ctx, phoneCommand, refused))) throw refused;
  if (joined) return joined(ctx, phoneCommand, seen!.assignmentId, now);
  return runPhoneCommand(ctx, phoneCommand, acceptAlone(ctx, seen?.assignmentId, command, now));
}

/** One accept in the transaction of its command, judged as acceptTogether judges a group's. */
function acceptAlone(
  ctx: ActorContext,
  found: string | undefined,
  command: { assignmentId?: string; requestId?: string },
  now: Date,
): (tx: Transaction) => Promise<Written<AssignmentAnswer>> {
  return async (tx) => {
    // The assignment the committed read already found, else the one the command names or the volunteer's own.
    const assignmentId = found ?? command.assignmentId ?? (await ownOfferOn(tx, ctx.actor, command.requestId!));
    const [outcome] = await acceptTogether(tx, [{ actor: ctx.actor, assignmentId }], now);
    if ('refused' in outcome!) throw outcome.refused;
    return { result: outcome!.answer, events: outcome!.events };
  };
}

/** A volunteer's own waiting offer and its request, as last committed (no lock), or null. */
async function offerAsCommitted(
  ctx: ActorContext,
  command: { assignmentId?: string; requestId?: string },
): Promise<{ request: DeploymentRequest; volunteerId: string; assignmentId: string } | null> {
  const { actor } = ctx;
  if (actor.role !== 'volunteer') return null;
  const row = await committedOffer(
    ctx.db,
    command.assignmentId
      ? { assignmentId: command.assignmentId }
      : { requestId: command.requestId!, volunteerId: actor.volunteerId },
  );
  return row && row.volunteerId === actor.volunteerId && row.status === 'offered'
    ? { request: row.request, volunteerId: row.volunteerId, assignmentId: row.assignmentId }
    : null;
}

/**
 * The accepts of one request under way in this process: the group whose transaction runs, and the next
 * group, which gathers while it runs.
 */
interface Gathering {
  /** Accepts in the running group and in the next one. */
  count: number;
  next: Member[];
  running: boolean;
  /** Volunteers with an accept under way: a retry of theirs goes to its receipt, never to a group. */
  volunteers: Set<string>;
}
interface Member extends GroupedCommand<AssignmentAnswer> {
  ctx: ActorContext;
  assignmentId: string;
  now: Date;
  volunteerId: string;
  resolve: (answer: AssignmentAnswer) => void;
  reject: (error: unknown) => void;
}
const gatherings = new Map<string, Gathering>();
type Join = (
  ctx: ActorContext,
  command: PhoneCommand<AssignmentAnswer>,
  assignmentId: string,
  now: Date,
) => Promise<AssignmentAnswer>;

/**
 * Lets an accept join the next group of its request while fewer are under way in this process than the
 * request has free places (as last committed): its join, to be called with its command; false at once
 * when the free places are all being taken; null for a volunteer whose accept is already under way (its
 * retry is answered by its receipt). One group of a request runs at a time; the accepts that arrive
 * meanwhile form the next, so 50 winners of a race take the request's row in a few transactions instead
 * of queueing for it 50 times.
 */
function join(request: DeploymentRequest, volunteerId: string): Join | false | null {
  const gathering = gatherings.get(request.id) ?? { count: 0, next: [], running: false, volunteers: new Set() };
  if (gathering.volunteers.has(volunteerId)) return null;
  if (gathering.count >= request.slots - request.acceptedCount) return false;
  gatherings.set(request.id, gathering);
  gathering.count += 1;
  gathering.volunteers.add(volunteerId);
  return (ctx, command, assignmentId, now) =>
    new Promise<AssignmentAnswer>((resolve, reject) => {
      gathering.next.push({ ctx, actor: ctx.actor, command, assignmentId, now, volunteerId, resolve, reject });
      // The accepts read in the same turn of the event loop join the same group.
      if (!gathering.running && gathering.next.length === 1) setImmediate(() => void runGroup(request.id, gathering));
    });
}

/** More accepts than this in one transaction would hold the request's row for long: they form the next group. */
const GROUP_SIZE = 100;

async function runGroup(requestId: string, gathering: Gathering): Promise<void> {
  if (gathering.running || gathering.next.length === 0) return;
  const members = gathering.next.splice(0, GROUP_SIZE);
  gathering.running = true;
  try {
    const outcomes = await answersOf(members);
    members.forEach((member, i) => {
      const outcome = outcomes[i]!;
      if (outcome.status === 'fulfilled') member.resolve(outcome.value);
      else member.reject(outcome.reason);
    });
  } finally {
    for (const member of members) gathering.volunteers.delete(member.volunteerId);
    gathering.count -= members.length;
    gathering.running = false;
    if (gathering.next.length > 0) void runGroup(requestId, gathering);
    else if (gathering.count === 0) gatherings.delete(requestId);
  }
}

/** Each member's answer or refusal: from one transaction, or, when that failed without a refusal, each alone. */
async function answersOf(members: Member[]): Promise<PromiseSettledResult<AssignmentAnswer>[]> {
  try {
    const outcomes = await runPhoneCommandsTogether(members[0]!.ctx, members, (tx, which) =>
      acceptTogether(
        tx,
        which.map((i) => members[i]!),
        members[0]!.now,
      ),
    );
    return outcomes.map((outcome) =>
      'answer' in outcome
        ? { status: 'fulfilled', value: outcome.answer }
        : { status: 'rejected', reason: outcome.refused },
    );
  } catch (error) {
    // Not a refusal (a lost connection, a deadlock): nothing was kept, and each runs alone, as without the
    // group (one alone has been run: its failure is its answer).
    if (members.length === 1) return [{ status: 'rejected', reason: error }];
    return Promise.allSettled(
      members.map((member) =>
        runPhoneCommand(member.ctx, member.command, acceptAlone(member.ctx, member.assignmentId, {}, member.now)),
      ),
    );
  }
}

/** The volunteer's own offer on a request: a phone may accept by the request alone. */
async function ownOfferOn(tx: Transaction, actor: Actor, requestId: string): Promise<string> {
  if (actor.role !== 'volunteer') {
    throw new DomainError('INVALID', 'Sebutkan penugasan yang diterima atas nama relawan.', {
      assignmentId: ['Koordinator menyebut penugasannya (assignmentId), bukan hanya permintaannya.'],
    });
  }
  const [own] = await tx
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.requestId, requestId), eq(assignments.volunteerId, actor.volunteerId)))
    .limit(1);
  if (!own) throw new DomainError('NOT_FOUND', 'Tidak ada tawaran untuk Anda pada permintaan ini.');
  return own.id;
}
