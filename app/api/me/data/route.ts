import { MyDataQuery } from '@/lib/privacy';
import { parseInput } from '@/server/errors';
import { actingFor, respond } from '@/server/http';
import { myData, myDataXlsx } from '@/server/privacy/my-data';

/** The signed-in volunteer's own data, in full: `?format=json` (default) or `xlsx`, as a download. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { format } = parseInput(MyDataQuery, Object.fromEntries(new URL(request.url).searchParams));
    const data = await myData({ ctx });
    const day = ctx.now().toISOString().slice(0, 10);
    if (format === 'xlsx') {
      return new Response(new Uint8Array(await myDataXlsx(data)), {
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'content-disposition': `attachment; filename="data-saya-${day}.xlsx"`,
          'cache-control': 'no-store',
        },
      });
    }
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="data-saya-${day}.json"`,
        'cache-control': 'no-store',
      },
    });
  });
}
