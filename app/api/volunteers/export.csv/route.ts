import { actingFor, respond } from '@/server/http';
import { exportFileName, rosterCsv } from '@/server/volunteers/export-files';
import { exportRoster } from '@/server/volunteers/export-roster';

/** The roster as filtered (the same parameters as GET /api/volunteers, every page) as CSV. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const roster = await exportRoster({ ctx, input: Object.fromEntries(new URL(request.url).searchParams) });
    return new Response(rosterCsv(roster), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${exportFileName(ctx.now(), 'csv')}"`,
        'cache-control': 'no-store',
      },
    });
  });
}
