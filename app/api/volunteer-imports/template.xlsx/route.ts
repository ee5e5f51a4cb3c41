import { actingFor, query, respond } from '@/server/http';
import { XLSX_TYPE, importTemplateWorkbook } from '@/server/imports/spreadsheets';

/** An empty roster sheet with Posko's columns and a sheet of allowed values (`?provinceCode=` for admins). */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const provinceCode = query.text(new URL(request.url).searchParams, 'provinceCode');
    const { fileName, bytes } = await importTemplateWorkbook({ ctx, provinceCode });
    return new Response(new Uint8Array(bytes), {
      headers: {
        'content-type': XLSX_TYPE,
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
      },
    });
  });
}
