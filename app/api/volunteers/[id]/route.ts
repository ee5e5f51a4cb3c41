import { DomainError } from '@/server/errors';
import { actingFor, readJson, respond } from '@/server/http';
import { correctOwnContact } from '@/server/volunteers/correct-own-contact';
import { correctVolunteer } from '@/server/volunteers/correct-volunteer';
import { volunteerRecord } from '@/server/volunteers/queries';
import { withoutNik } from '@/server/volunteers/record';

/**
 * Corrects a record: only the fields sent change (null clears an optional one). A volunteer corrects only
 * its own phone and emergency contact.
 */
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const body = await readJson(request);
    if (ctx.actor.role === 'volunteer' && ctx.actor.volunteerId !== id) {
      throw new DomainError('FORBIDDEN', 'Anda hanya dapat mengubah data Anda sendiri.');
    }
    const { volunteer, fields } =
      ctx.actor.role === 'volunteer'
        ? await correctOwnContact({ ctx, input: body })
        : await correctVolunteer({ ctx, input: { ...body, volunteerId: id } });
    return Response.json({ volunteer: withoutNik(volunteer, ctx.actor), fields });
  });
}

/** One volunteer's record for a coordinator in scope or an admin (each opening is an access record); else 404. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await volunteerRecord(ctx.db, ctx.actor, id, ctx.now()), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
