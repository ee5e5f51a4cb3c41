import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BOUNDARIES_DIR } from '@/db/boundaries/paths';
import { DomainError } from '@/server/errors';
import { requireActor, respond } from '@/server/http';

/** Only the files the boundary build writes; the name never reaches the file system unchecked. */
const BOUNDARY_FILE = /^(indonesia|\d{2})$/;

/** Simplified TopoJSON of a province's kabupaten/kota (or of the whole country: `indonesia`). */
export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  return respond(async () => {
    await requireActor(request);
    const { name } = await params;
    if (!BOUNDARY_FILE.test(name)) {
      throw new DomainError('INVALID', `Batas wilayah "${name}" tidak valid: gunakan kode provinsi atau "indonesia".`);
    }
    const file = path.join(BOUNDARIES_DIR, `${name}.json`);
    const info = await stat(file).catch(() => null);
    if (!info)
      throw new DomainError('NOT_FOUND', `Batas wilayah untuk ${name} belum dibuat (npm run boundaries:build).`);
    const etag = `"${name}-${Math.round(info.mtimeMs)}-${info.size}"`;
    const headers = { etag, 'cache-control': 'private, max-age=300', 'content-type': 'application/json' };
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    return new Response(await readFile(file), { headers });
  });
}
