import { receiveWhatsAppWebhook, verifyWhatsAppSubscription } from '@/server/channels/receive-whatsapp';
import { readWebhookBody } from '@/server/channels/webhook';
import { getAppContext } from '@/server/context';
import { respond } from '@/server/http';

/** Meta's verification handshake: answers hub.challenge as plain text when the verify token matches. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const challenge = verifyWhatsAppSubscription(getAppContext().env, new URL(request.url).searchParams);
    return new Response(challenge, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
  });
}

/** Inbound WhatsApp messages and delivery statuses, signed with X-Hub-Signature-256. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const raw = await readWebhookBody(request);
    const result = await receiveWhatsAppWebhook({
      ctx: getAppContext(),
      input: { raw, signature: request.headers.get('x-hub-signature-256') },
    });
    return Response.json(result);
  });
}
