import { actingFor, respond } from '@/server/http';
import { exportFileName, rosterXlsx } from '@/server/volunteers/export-files';
import { exportRoster } from '@/server/volunteers/export-roster';

/** The roster as filtered (the same parameters as GET /api/volunteers, every page) as an Excel file. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const roster = await exportRoster({ ctx, input: Object.fromEntries(new URL(request.url).searchParams) });
    const file = await rosterXlsx(roster);
    return new Response(new Uint8Array(file), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${exportFileName(ctx.now(), 'xlsx')}"`,
        'cache-control': 'no-store',
      },
    });
  });
}
