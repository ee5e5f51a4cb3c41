import { createHash } from 'node:crypto';
import DataLoader from 'dataloader';
import { isDeepStrictEqual } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '../../db/client';
import { commandReceipts, type NewEventRow } from '../../db/schema';
import type { Actor, ActorContext } from '../auth/actor';
import type { DomainContext } from '../context';
import { DomainError } from '../errors';
import { commitWithEvents, type Written } from '../events/commit';

/** One command from a phone, as it will be compared with a retry of it. */
export interface PhoneCommand<Result> {
  /** e.g. "assignment.accept". */
  name: string;
  idempotencyKey: string | undefined;
  /** The parsed input without the key: a retry must send the same. */
  input: Record<string, unknown>;
  /** Reads a stored answer back. */
  answer: z.ZodType<Result>;
}

/** Keys are the phone's own, so they are stored per account; hashed to fit the column whatever their length. */
function receiptKey(userId: string, idempotencyKey: string): string {
  return `${userId}:${createHash('sha256').update(idempotencyKey).digest('base64url')}`;
}

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** A refusal as stored with its key, so a retry is refused alike. */
const StoredRefusal = z.object({
  code: z.enum(['INVALID', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED', 'CONFLICT', 'RATE_LIMITED']),
  message: z.string(),
  details: z.record(z.string(), z.array(z.string())).optional(),
});
type StoredRefusal = z.infer<typeof StoredRefusal>;

/**
 * Runs a phone's command at most once per idempotency key (invariant 5), and its first answer, accepted
 * or refused, is the answer for that key from then on. The receipt row is claimed first thing in the
 * transaction, so on PostgreSQL a concurrent duplicate waits on its primary key and then reads the stored
 * answer; the work runs in a savepoint, so a refusal undoes its writes but keeps the receipt. A failure
 * that is not a refusal (a lost database connection) rolls everything back and the key may be sent again.
 * Without a key it simply runs.
 */
export async function runPhoneCommand<Result>(
  ctx: ActorContext,
  command: PhoneCommand<Result>,
  work: (tx: Transaction) => Promise<Written<Result>>,
): Promise<Result> {
  if (!command.idempotencyKey) return commitWithEvents(ctx, work);
  const [outcome] = await runPhoneCommandsTogether(ctx, [{ actor: ctx.actor, command }], async (tx) => {
    try {
      const { result, events } = await tx.transaction((savepoint) => work(savepoint));
      return [{ answer: result, events }];
    } catch (error) {
      if (error instanceof DomainError) return [{ refused: error }];
      throw error;
    }
  });
  if ('refused' in outcome!) throw outcome.refused;
  return outcome!.answer;
}

/** A phone command's answer, or the refusal it met. */
export type Outcome<Result> = { answer: Result } | { refused: DomainError };

/** One of several phone commands answered in one transaction (runPhoneCommandsTogether). */
export interface GroupedCommand<Result> {
  actor: Actor;
  command: PhoneCommand<Result>;
}

/**
 * Answers several phones' commands in one transaction, each at most once per key as runPhoneCommand
 * answers one: the keys are claimed in one insert, a key already answered gets its stored answer, and
 * `work` answers the others together (by their index, in order), each with its events or its refusal;
 * the answers are kept in one statement, and the events committed and announced together, each naming
 * the account of its command. A failure that is not a refusal rolls them all back: nothing is kept, and
 * the caller may run them alone.
 */
export async function runPhoneCommandsTogether<Result>(
  ctx: DomainContext,
  commands: GroupedCommand<Result>[],
  work: (tx: Transaction, which: number[]) => Promise<(Outcome<Result> & { events?: NewEventRow[] })[]>,
): Promise<Outcome<Result>[]> {
  return commitWithEvents(ctx, async (tx) => {
    const keys = commands.map(({ actor, command }) =>
      command.idempotencyKey ? receiptKey(actor.userId, command.idempotencyKey) : null,
    );
    const inputs = commands.map(({ command }) => asJson(command.input));
    const first = new Map<string, number>();
    keys.forEach((key, i) => {
      if (key && !first.has(key)) first.set(key, i);
    });
    const claimed = new Set<string>();
    if (first.size > 0) {
      const rows = await tx
        .insert(commandReceipts)
        .values(
          [...first].map(([key, i]) => ({ key, command: commands[i]!.command.name, result: { input: inputs[i] } })),
        )
        .onConflictDoNothing()
        .returning({ key: commandReceipts.key });
      for (const row of rows) claimed.add(row.key);
    }
    // Keyless commands, and the first of each newly claimed key, are answered now; a key sent twice in the
    // group reads the first's answer once it is kept, and a key answered before reads its stored answer.
    const which = keys.flatMap((key, i) => (key === null || (claimed.has(key) && first.get(key) === i) ? [i] : []));
    const answered = which.length > 0 ? await work(tx, which) : [];
    const outcomes: (Outcome<Result> | undefined)[] = commands.map(() => undefined);
    const kept: { key: string; command: string; result: Record<string, unknown> }[] = [];
    const events: NewEventRow[] = [];
    which.forEach((i, n) => {
      const { events: written = [], ...outcome } = answered[n]!;
      outcomes[i] = outcome;
      const key = keys[i];
      if (key) {
        const result =
          'answer' in outcome
            ? { input: inputs[i], answer: asJson(outcome.answer) }
            : { input: inputs[i], refused: asJson(storedRefusal(outcome.refused)) };
        kept.push({ key, command: commands[i]!.command.name, result });
      }
      if ('answer' in outcome) {
        events.push(...written.map((event) => ({ ...event, actorId: event.actorId ?? commands[i]!.actor.userId })));
      }
    });
    if (kept.length > 0) {
      await tx
        .insert(commandReceipts)
        .values(kept)
        .onConflictDoUpdate({ target: commandReceipts.key, set: { result: sql`excluded.result` } });
    }
    for (const [i, key] of keys.entries()) {
      if (outcomes[i] || !key) continue;
      outcomes[i] = await storedAnswer(tx, key, commands[i]!.command, inputs[i]);
    }
    return { result: outcomes as Outcome<Result>[], events };
  });
}

const storedRefusal = (error: DomainError): StoredRefusal => ({
  code: error.code,
  message: error.message,
  details: error.details,
});

/**
 * Keeps a refusal decided without a transaction as the answer for the command's key. False when the key
 * already has an answer (or is being answered): the caller then runs the command, which reads that answer.
 * Without a key there is nothing to keep, and the refusal stands. Refusals decided in the same turn of the
 * event loop (the losers of a race) are kept together in one statement.
 */
export async function storeRefusal<Result>(
  ctx: ActorContext,
  command: PhoneCommand<Result>,
  error: DomainError,
): Promise<boolean> {
  if (!command.idempotencyKey) return true;
  return refusalKeeper(ctx.db).load({
    key: receiptKey(ctx.actor.userId, command.idempotencyKey),
    command: command.name,
    result: { input: asJson(command.input), refused: asJson(storedRefusal(error)) },
  });
}

type Receipt = typeof commandReceipts.$inferInsert & { key: string };
const keepers = new WeakMap<Database, DataLoader<Receipt, boolean, Receipt>>();

/**
 * Inserts a turn's refusals at once; each is kept unless its key already has a row. The same key twice in
 * one turn (a phone that sent its tap twice) is kept once: the second then reads the first's answer.
 */
function refusalKeeper(db: Database): DataLoader<Receipt, boolean, Receipt> {
  let keeper = keepers.get(db);
  if (!keeper) {
    keeper = new DataLoader(
      async (receipts) => {
        const byKey = new Map<string, Receipt>();
        for (const receipt of receipts) if (!byKey.has(receipt.key)) byKey.set(receipt.key, receipt);
        const first = [...byKey.values()];
        const stored = await db
          .insert(commandReceipts)
          .values(first)
          .onConflictDoNothing()
          .returning({ key: commandReceipts.key });
        const kept = new Set(stored.map((row) => row.key));
        const firsts = new Set(first);
        return receipts.map((receipt) => kept.has(receipt.key) && firsts.has(receipt));
      },
      { cache: false, batchScheduleFn: (run) => setImmediate(run), maxBatchSize: 500 },
    );
    keepers.set(db, keeper);
  }
  return keeper;
}

async function storedAnswer<Result>(
  tx: Transaction,
  key: string,
  command: PhoneCommand<Result>,
  input: unknown,
): Promise<{ answer: Result } | { refused: DomainError }> {
  const [receipt] = await tx.select().from(commandReceipts).where(eq(commandReceipts.key, key));
  if (!receipt || receipt.command !== command.name || !isDeepStrictEqual(receipt.result.input, input)) {
    throw new DomainError('INVALID', 'Kunci idempotensi ini sudah dipakai untuk perintah lain.', {
      idempotencyKey: [
        'Buat kunci baru untuk setiap perintah; kunci yang sama hanya untuk mengulang perintah yang sama.',
      ],
    });
  }
  if (receipt.result.refused !== undefined) {
    const refused = StoredRefusal.safeParse(receipt.result.refused);
    if (refused.success) {
      const { code, message, details } = refused.data;
      return { refused: new DomainError(code, message, details) };
    }
  } else {
    const stored = command.answer.safeParse(receipt.result.answer);
    if (stored.success) return { answer: stored.data };
  }
  // A receipt is claimed and answered in one transaction, so this means a stored row was damaged.
  throw new DomainError(
    'CONFLICT',
    'Jawaban perintah ini tidak dapat dibaca lagi; muat ulang halaman untuk melihat status terbaru.',
  );
}
