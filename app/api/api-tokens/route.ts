import { issueApiToken } from '@/server/api-tokens/issue-api-token';
import { listApiTokens } from '@/server/api-tokens/queries';
import { actingFor, readJson, respond } from '@/server/http';

/** Admins: every API token with its province, expiry and last use (never the token itself). */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    return Response.json(await listApiTokens({ ctx }), { headers: { 'cache-control': 'no-store' } });
  });
}

/** Admins issue a read-only token for another agency's system; the answer carries the token this once. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const ctx = await actingFor(request);
    const issued = await issueApiToken({ ctx, input: await readJson(request) });
    return Response.json(issued, { status: 201, headers: { 'cache-control': 'no-store' } });
  });
}
