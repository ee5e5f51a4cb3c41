import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { regencies, volunteers } from '../../db/schema';
import { PRIVACY_EVENTS, SetConsent, type Consent } from '../../lib/privacy';
import type { ActorContext } from '../auth/actor';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';

/** The volunteer answers for itself: share the phone's position, receive texts. Nobody answers for it. */
export async function setConsent({ ctx, input }: { ctx: ActorContext; input: unknown }): Promise<Consent> {
  const choice = parseInput(SetConsent, input);
  const { actor } = ctx;
  if (actor.role !== 'volunteer') {
    throw new DomainError('FORBIDDEN', 'Hanya relawan sendiri yang dapat memberi atau menarik persetujuannya.');
  }
  const now = ctx.now();
  return commitWithEvents(ctx, async (tx) => {
    const [volunteer] = await tx
      .update(volunteers)
      .set({
        ...(choice.positions !== undefined ? { positionConsent: choice.positions } : {}),
        ...(choice.texts !== undefined ? { textConsent: choice.texts } : {}),
        updatedAt: now,
      })
      .where(eq(volunteers.id, actor.volunteerId))
      .returning();
    if (!volunteer) throw new DomainError('NOT_FOUND', 'Relawan tidak ditemukan.');
    const [home] = await tx
      .select({ provinceCode: regencies.provinceCode })
      .from(regencies)
      .where(eq(regencies.code, volunteer.regencyCode));
    const consent: Consent = { positions: volunteer.positionConsent, texts: volunteer.textConsent };
    return {
      result: consent,
      events: [
        {
          type: PRIVACY_EVENTS.consentChanged,
          provinceCode: home!.provinceCode,
          regencyCode: volunteer.regencyCode,
          volunteerId: volunteer.id,
          payload: { ...choice },
        },
      ],
    };
  });
}

/** A position from the phone is kept only when its volunteer said yes; otherwise it is dropped unread. */
export function consentedPosition<T extends { lat?: number; lng?: number }>(
  volunteer: { positionConsent: boolean | null },
  command: T,
): { lat: number; lng: number } | null {
  if (volunteer.positionConsent !== true) return null;
  return command.lat !== undefined && command.lng !== undefined ? { lat: command.lat, lng: command.lng } : null;
}

/** The consented position of a volunteer's command (read from its row), or null. */
export async function volunteerPosition(
  tx: Executor,
  volunteerId: string,
  command: { lat?: number; lng?: number },
): Promise<{ lat: number; lng: number } | null> {
  const [volunteer] = await tx
    .select({ positionConsent: volunteers.positionConsent })
    .from(volunteers)
    .where(eq(volunteers.id, volunteerId));
  return volunteer ? consentedPosition(volunteer, command) : null;
}

/** The volunteer's consents as stored (the phone page starts from them). */
export async function consentOf(db: Executor, volunteerId: string): Promise<Consent> {
  const [row] = await db
    .select({ positions: volunteers.positionConsent, texts: volunteers.textConsent })
    .from(volunteers)
    .where(eq(volunteers.id, volunteerId));
  return row ?? { positions: null, texts: true };
}
