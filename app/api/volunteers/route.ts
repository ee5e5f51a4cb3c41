import { actingFor, readJson, respond } from '@/server/http';
import { createVolunteer } from '@/server/volunteers/create-volunteer';
import { withoutNik } from '@/server/volunteers/record';
import { rosterPage } from '@/server/volunteers/roster';

/**
 * The roster of the coordinator's scope, a page at a time: `?search=budi` (name, or phone digits),
 * `regencyCode`, `pillarCode`, `availability`, `trainingId`, `civilServant=yes|no`, `provinceCode` (admins),
 * `sort=name|regency|pillar|availability|lastDeployment`, `dir=asc|desc`, `page`, `pageSize` (up to 200).
 */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const params = Object.fromEntries(new URL(request.url).searchParams);
    return Response.json(await rosterPage(ctx.db, ctx.actor, params, ctx.now()), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}

/** Adds a volunteer inside the coordinator's scope: 201 with the record; a phone or NIK already in use is a 409. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const volunteer = await createVolunteer({ ctx, input: await readJson(request) });
    return Response.json(withoutNik(volunteer, ctx.actor), { status: 201 });
  });
}
