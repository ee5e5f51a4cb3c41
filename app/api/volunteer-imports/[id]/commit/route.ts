import { actingFor, respond } from '@/server/http';
import { commitImport } from '@/server/imports/commit-import';

/** Writes the import's valid rows: `{ created, updated, unchanged, skipped }`; a second commit answers the same. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(await commitImport({ ctx, input: { importId: id } }));
  });
}
