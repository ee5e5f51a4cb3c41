import { z } from 'zod';
import type { Env } from '../env';
import { DomainError, parseInput } from '../errors';
import { recordDelivery } from './delivery';
import { receiveText, type ChannelContext } from './receive';
import { isFresh, sameSignature, signBody } from './signatures';
import { BAD_SIGNATURE, parseJsonBody, TOO_OLD } from './webhook';

type WhatsAppEnv = Pick<Env, 'POSKO_WHATSAPP_APP_SECRET' | 'POSKO_WHATSAPP_VERIFY_TOKEN'>;

function requireWhatsApp(env: WhatsAppEnv): { secret: string; verifyToken: string } {
  if (!env.POSKO_WHATSAPP_APP_SECRET || !env.POSKO_WHATSAPP_VERIFY_TOKEN) {
    throw new DomainError('NOT_FOUND', 'WhatsApp tidak diaktifkan di Posko ini.');
  }
  return { secret: env.POSKO_WHATSAPP_APP_SECRET, verifyToken: env.POSKO_WHATSAPP_VERIFY_TOKEN };
}

/** Meta's subscription handshake: echo hub.challenge when hub.mode is "subscribe" and the token matches. */
export function verifyWhatsAppSubscription(env: WhatsAppEnv, params: URLSearchParams): string {
  const { verifyToken } = requireWhatsApp(env);
  const challenge = params.get('hub.challenge') ?? '';
  if (params.get('hub.mode') !== 'subscribe' || !sameSignature(verifyToken, params.get('hub.verify_token'))) {
    throw new DomainError('FORBIDDEN', 'Token verifikasi WhatsApp tidak cocok.');
  }
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(challenge)) {
    throw new DomainError('INVALID', 'hub.challenge tidak ada atau tidak valid.');
  }
  return challenge;
}

const Message = z.object({
  from: z.string().min(3).max(32),
  id: z.string().min(1).max(200),
  timestamp: z.string().regex(/^\d{1,12}$/),
  type: z.string().max(40),
  text: z.object({ body: z.string().max(4096) }).optional(),
});
const Status = z.object({
  id: z.string().min(1).max(200),
  status: z.string().max(20),
  errors: z.array(z.object({ title: z.string().max(500).optional() })).optional(),
});
export const Webhook = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z
    .array(
      z.object({
        changes: z
          .array(
            z.object({
              field: z.string().max(40),
              value: z.object({
                messages: z.array(Message).max(50).optional(),
                statuses: z.array(Status).max(50).optional(),
              }),
            }),
          )
          .max(50),
      }),
    )
    .max(50),
});

const DELIVERY: Record<string, 'sent' | 'delivered' | 'failed'> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  failed: 'failed',
};

/**
 * A WhatsApp webhook, signed `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app
 * secret>`. Each text message runs as one command; a message older than 5 minutes or seen before is
 * refused (when the post carried nothing else, with that refusal as the answer).
 */
export async function receiveWhatsAppWebhook({
  ctx,
  input,
}: {
  ctx: ChannelContext & { env: WhatsAppEnv };
  input: { raw: string; signature: string | null };
}) {
  const { secret } = requireWhatsApp(ctx.env);
  if (!sameSignature(signBody(secret, input.raw), input.signature)) {
    throw new DomainError('UNAUTHENTICATED', BAD_SIGNATURE);
  }
  const hook = parseInput(Webhook, parseJsonBody(input.raw));
  const values = hook.entry.flatMap((entry) => entry.changes.filter((change) => change.field === 'messages'));
  let received = 0;
  let delivered = 0;
  let refusal: DomainError | null = null;
  for (const { value } of values) {
    for (const message of value.messages ?? []) {
      const receivedAt = new Date(Number(message.timestamp) * 1000);
      if (!isFresh(receivedAt, ctx.now())) {
        refusal ??= new DomainError('INVALID', TOO_OLD);
        continue;
      }
      try {
        await receiveText({
          ctx,
          input: {
            provider: 'whatsapp',
            channel: 'whatsapp',
            messageId: message.id,
            from: message.from,
            // Buttons, pictures and voice notes carry no command; they get the list of commands.
            text: message.type === 'text' ? (message.text?.body ?? '') : '',
            receivedAt,
          },
        });
        received++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refusal ??= error;
      }
    }
    for (const status of value.statuses ?? []) {
      const mapped = DELIVERY[status.status];
      if (!mapped) continue;
      const { changed } = await recordDelivery({
        ctx,
        input: {
          provider: 'whatsapp',
          providerMessageId: status.id,
          status: mapped,
          error: status.errors?.[0]?.title,
        },
      });
      if (changed) delivered++;
    }
  }
  if (refusal && received === 0 && delivered === 0) throw refusal;
  return { received, delivered };
}
