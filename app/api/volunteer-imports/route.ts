import { actingFor, respond } from '@/server/http';
import { previewImport } from '@/server/imports/preview-import';
import { readImportUpload } from '@/server/imports/upload';

/**
 * Reads an office's XLSX or CSV (multipart `file`; optional `sheet`, `mapping` as JSON header → field,
 * `provinceCode` for admins) and answers the preview; nothing reaches the roster until it is committed.
 */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { file, fields } = await readImportUpload(request);
    return Response.json(await previewImport({ ctx, file, input: fields }), { status: 201 });
  });
}
