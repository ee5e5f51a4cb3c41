import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { assignmentCodes } from '../../db/schema';
import { CODE_ALPHABET, CODE_LENGTH } from '../../lib/sms-commands';

function randomCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * The short code of an offer or assignment, made on first use and stored: unique among all of the
 * volunteer's items (so also among its open ones), never shared with another volunteer's message.
 */
export async function codeFor(db: Executor, volunteerId: string, assignmentId: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const [existing] = await db
      .select({ code: assignmentCodes.code })
      .from(assignmentCodes)
      .where(eq(assignmentCodes.assignmentId, assignmentId));
    if (existing) return existing.code;
    // A clash with another of the volunteer's codes (or a concurrent first use) inserts nothing: look again.
    await db.insert(assignmentCodes).values({ assignmentId, volunteerId, code: randomCode() }).onConflictDoNothing();
  }
  throw new Error(`No free short code for assignment ${assignmentId}`);
}

/** The assignment a volunteer's code names, or null when the code is not one of its own. */
export async function assignmentOfCode(db: Executor, volunteerId: string, code: string): Promise<string | null> {
  const [row] = await db
    .select({ assignmentId: assignmentCodes.assignmentId })
    .from(assignmentCodes)
    .where(and(eq(assignmentCodes.volunteerId, volunteerId), eq(assignmentCodes.code, code)));
  return row?.assignmentId ?? null;
}
