import { receiveHttpInbound } from '@/server/channels/receive-http';
import { readWebhookBody } from '@/server/channels/webhook';
import { POSKO_SIGNATURE_HEADER } from '@/server/channels/providers/http';
import { getAppContext } from '@/server/context';
import { respond } from '@/server/http';

/** The generic SMS gateway posts an inbound text `{ id, from, text, receivedAt }`, signed with the shared secret. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const raw = await readWebhookBody(request);
    const result = await receiveHttpInbound({
      ctx: getAppContext(),
      input: { raw, signature: request.headers.get(POSKO_SIGNATURE_HEADER) },
    });
    return Response.json(result);
  });
}
