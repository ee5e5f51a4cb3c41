import { receiveAndroidWebhook } from '@/server/channels/receive-android';
import { readWebhookBody } from '@/server/channels/webhook';
import { getAppContext } from '@/server/context';
import { respond } from '@/server/http';

/** SMS Gateway for Android's webhooks (sms:received, sms:sent, sms:delivered, sms:failed), signed with X-Signature. */
export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const raw = await readWebhookBody(request);
    const result = await receiveAndroidWebhook({
      ctx: getAppContext(),
      input: { raw, signature: request.headers.get('x-signature'), timestamp: request.headers.get('x-timestamp') },
    });
    return Response.json(result);
  });
}
