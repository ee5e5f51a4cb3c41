import { auditPage } from '@/server/audit/queries';
import { actingFor, respond } from '@/server/http';
import { findProvince } from '@/server/regencies/queries';

/**
 * Who changed what and when: `?actorId`, `volunteerId`, `incidentId`, `kind`, `from`/`to` (YYYY-MM-DD in
 * the province's time), `before` (an event id: the next page) → `{ entries, nextBefore, query }`.
 */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const provinceCode =
      ctx.actor.role === 'coordinator'
        ? ctx.actor.scope.provinceCode
        : (params.provinceCode ?? ctx.env.POSKO_DEFAULT_PROVINCE);
    const province = await findProvince(
      ctx.db,
      /^\d{2}$/.test(provinceCode) ? provinceCode : ctx.env.POSKO_DEFAULT_PROVINCE,
    );
    return Response.json(await auditPage(ctx.db, ctx.actor, params, province?.timeZone ?? 'Asia/Jakarta'), {
      headers: { 'cache-control': 'no-store' },
    });
  });
}
