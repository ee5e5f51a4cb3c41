import { receiveHttpStatus } from '@/server/channels/receive-http';
import { readWebhookBody } from '@/server/channels/webhook';
import { POSKO_SIGNATURE_HEADER } from '@/server/channels/providers/http';
import { getAppContext } from '@/server/context';
import { respond } from '@/server/http';

/** The generic SMS gateway's delivery report `{ id, status }` for a text Posko sent, signed like the inbound. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const raw = await readWebhookBody(request);
    const result = await receiveHttpStatus({
      ctx: getAppContext(),
      input: { raw, signature: request.headers.get(POSKO_SIGNATURE_HEADER) },
    });
    return Response.json(result);
  });
}
