import { z } from 'zod';
import { DomainError } from '@/server/errors';
import { actingFor, respond } from '@/server/http';
import { XLSX_TYPE, importErrorsWorkbook } from '@/server/imports/spreadsheets';

/** The import's rows with problems, as they were, with a "Masalah" column. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    if (!z.uuid().safeParse(id).success) throw new DomainError('NOT_FOUND', 'Impor ini tidak ditemukan.');
    const { fileName, bytes } = await importErrorsWorkbook({ ctx, importId: id });
    return new Response(new Uint8Array(bytes), {
      headers: {
        'content-type': XLSX_TYPE,
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
      },
    });
  });
}
