import { z } from 'zod';
import type { Env } from '../env';
import { DomainError, parseInput } from '../errors';
import { recordDelivery } from './delivery';
import { receiveText, type ChannelContext } from './receive';
import { hmacHex, isFresh, sameSignature } from './signatures';
import { BAD_SIGNATURE, parseJsonBody, TOO_OLD } from './webhook';

/** SMS Gateway for Android's webhook envelope; `id` is unique per event (its delivery retries keep it). */
export const AndroidWebhook = z.object({
  id: z.string().min(1).max(200),
  event: z.string().max(40),
  deviceId: z.string().max(200).optional(),
  webhookId: z.string().max(200).optional(),
  payload: z.record(z.string(), z.unknown()),
});

const Received = z.object({
  messageId: z.string().max(200).optional(),
  message: z.string().max(1600),
  phoneNumber: z.string().min(3).max(32),
  receivedAt: z.string().max(64).optional(),
});
// The app's docs name the failure `reason`; the npm client's types call it `error`: either is read.
const Reported = z.object({
  messageId: z.string().min(1).max(200),
  reason: z.string().max(500).optional(),
  error: z.string().max(500).optional(),
});

const DELIVERY: Record<string, 'sent' | 'delivered' | 'failed'> = {
  'sms:sent': 'sent',
  'sms:delivered': 'delivered',
  'sms:failed': 'failed',
};

type AndroidEnv = Pick<Env, 'POSKO_SMS_PROVIDER' | 'POSKO_SMS_ANDROID_SIGNING_KEY'>;

/**
 * The app signs each webhook with `X-Signature`: hex HMAC-SHA256 of the raw body followed by the
 * `X-Timestamp` header (Unix seconds), with the signing key from its settings. A timestamp more than
 * 5 minutes off is refused, and so is an event id seen before.
 */
export async function receiveAndroidWebhook({
  ctx,
  input,
}: {
  ctx: ChannelContext & { env: AndroidEnv };
  input: { raw: string; signature: string | null; timestamp: string | null };
}) {
  const key = ctx.env.POSKO_SMS_ANDROID_SIGNING_KEY;
  if (ctx.env.POSKO_SMS_PROVIDER !== 'android-sms-gateway' || !key) {
    throw new DomainError('NOT_FOUND', 'SMS Gateway for Android tidak diaktifkan di Posko ini.');
  }
  const timestamp = input.timestamp?.trim() ?? '';
  if (!/^\d{1,12}$/.test(timestamp) || !sameSignature(hmacHex(key, input.raw + timestamp), input.signature)) {
    throw new DomainError('UNAUTHENTICATED', BAD_SIGNATURE);
  }
  if (!isFresh(new Date(Number(timestamp) * 1000), ctx.now())) throw new DomainError('INVALID', TOO_OLD);
  const hook = parseInput(AndroidWebhook, parseJsonBody(input.raw));

  if (hook.event === 'sms:received') {
    const sms = parseInput(Received, hook.payload);
    const receivedAt =
      sms.receivedAt && !Number.isNaN(Date.parse(sms.receivedAt)) ? new Date(sms.receivedAt) : ctx.now();
    const outcome = await receiveText({
      ctx,
      input: {
        provider: 'android-sms-gateway',
        channel: 'sms',
        messageId: hook.id,
        from: sms.phoneNumber,
        text: sms.message,
        receivedAt,
      },
    });
    return { event: hook.event, outcome };
  }
  const status = DELIVERY[hook.event];
  if (status) {
    const report = parseInput(Reported, hook.payload);
    const { changed } = await recordDelivery({
      ctx,
      input: {
        provider: 'android-sms-gateway',
        providerMessageId: report.messageId,
        status,
        error: report.reason ?? report.error,
      },
    });
    return { event: hook.event, changed };
  }
  // system:ping and events Posko does not use are acknowledged, so the app does not retry them.
  return { event: hook.event, ignored: true };
}
