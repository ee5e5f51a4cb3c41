import { and, eq } from 'drizzle-orm';
import { districts, regencies, signupLinks, signups } from '../../db/schema';
import { SIGNUP_EVENTS, SubmitSignup, signupLinkState } from '../../lib/signups';
import type { DomainContext } from '../context';
import { DomainError, parseInput } from '../errors';
import { commitWithEvents } from '../events/commit';
import { activeVolunteerLike } from './duplicates';
import { countSignupFrom } from './limits';

export interface SubmittedSignup {
  signupId: string;
  /** Signed up on this link before: the one sign-up was updated (or kept, once decided). */
  again: boolean;
}

export const LINK_REFUSALS = {
  unknown: 'Tautan pendaftaran ini tidak dikenal. Periksa kembali kode QR atau tanyakan panitia.',
  closed: 'Pendaftaran lewat tautan ini sudah ditutup panitia.',
  expired: 'Pendaftaran lewat tautan ini sudah berakhir.',
} as const;

/**
 * Anyone with the link signs up, without an account; the sign-up waits for a coordinator's approval,
 * flagged when an active volunteer has the same phone or NIK. One phone, one sign-up per link.
 */
export async function submitSignup({
  ctx,
  input,
  client,
}: {
  ctx: DomainContext;
  input: unknown;
  client: { address: string };
}): Promise<SubmittedSignup> {
  const now = ctx.now();
  await countSignupFrom(ctx.db, client.address, now);
  const form = parseInput(SubmitSignup, input);
  return commitWithEvents(ctx, async (tx) => {
    const [link] = await tx.select().from(signupLinks).where(eq(signupLinks.token, form.token));
    if (!link) throw new DomainError('NOT_FOUND', LINK_REFUSALS.unknown);
    const state = signupLinkState(link, now);
    if (state !== 'open') throw new DomainError('CONFLICT', LINK_REFUSALS[state]);

    const [district] = await tx
      .select({ regencyCode: districts.regencyCode, provinceCode: regencies.provinceCode })
      .from(districts)
      .innerJoin(regencies, eq(regencies.code, districts.regencyCode))
      .where(eq(districts.code, form.districtCode));
    const regencyCode = link.regencyCode ?? form.regencyCode ?? district?.regencyCode;
    if (!district || district.provinceCode !== link.provinceCode || district.regencyCode !== regencyCode) {
      throw new DomainError('INVALID', 'Data yang dikirim tidak valid.', {
        districtCode: ['Pilih kecamatan di kabupaten/kota yang Anda pilih.'],
      });
    }
    const duplicate = await activeVolunteerLike(tx, { phone: form.phone, nik: form.nik ?? null });
    const fields = {
      name: form.name,
      nik: form.nik ?? null,
      regencyCode: district.regencyCode,
      districtCode: form.districtCode,
      village: form.village ?? null,
      gender: form.gender ?? null,
      birthYear: form.birthYear ?? null,
      skills: form.skills,
      duplicateOf: duplicate?.id ?? null,
    };
    const [earlier] = await tx
      .select({ id: signups.id, status: signups.status })
      .from(signups)
      .where(and(eq(signups.linkId, link.id), eq(signups.phone, form.phone)))
      .for('no key update');
    // Once decided, a sign-up stays as the coordinator left it.
    if (earlier && earlier.status !== 'pending') return { result: { signupId: earlier.id, again: true }, events: [] };
    const [saved] = await tx
      .insert(signups)
      .values({ linkId: link.id, phone: form.phone, ...fields, createdAt: now })
      .onConflictDoUpdate({ target: [signups.linkId, signups.phone], set: fields })
      .returning({ id: signups.id });
    return {
      result: { signupId: saved!.id, again: Boolean(earlier) },
      events: [
        {
          type: SIGNUP_EVENTS.received,
          provinceCode: link.provinceCode,
          regencyCode: district.regencyCode,
          payload: {
            linkId: link.id,
            signupId: saved!.id,
            name: form.name,
            duplicate: Boolean(duplicate),
            again: Boolean(earlier),
          },
        },
      ],
    };
  });
}
