import { actingFor, readJsonWith, respond } from '@/server/http';
import { issueSitrep } from '@/server/sitreps/issue-sitrep';
import { incidentSitreps } from '@/server/sitreps/queries';

/** The incident's reports, No. 1 first: `{ reports: [{ id, number, issuedAt, issuedBy }] }`. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    return Response.json(
      { reports: await incidentSitreps({ ctx, input: { incidentId: id } }) },
      { headers: { 'cache-control': 'no-store' } },
    );
  });
}

/** Issues the incident's next Laporan Situasi: 201 `{ id, number }`. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const { id } = await params;
    const input = await readJsonWith(request, { incidentId: id });
    return Response.json(await issueSitrep({ ctx, input }), { status: 201 });
  });
}
