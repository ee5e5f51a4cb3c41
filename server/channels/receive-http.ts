import { HttpInbound, HttpStatus } from '../../lib/channels';
import type { Env } from '../env';
import { DomainError, parseInput } from '../errors';
import type { DomainContext } from '../context';
import { recordDelivery } from './delivery';
import { receiveText, type ChannelContext } from './receive';
import { isFresh, sameSignature, signBody } from './signatures';
import { BAD_SIGNATURE, parseJsonBody, TOO_OLD } from './webhook';

type HttpEnv = Pick<Env, 'POSKO_SMS_PROVIDER' | 'POSKO_SMS_WEBHOOK_SECRET'>;

function verified(env: HttpEnv, raw: string, signature: string | null): unknown {
  if (env.POSKO_SMS_PROVIDER !== 'http' || !env.POSKO_SMS_WEBHOOK_SECRET) {
    throw new DomainError('NOT_FOUND', 'Gateway SMS HTTP tidak diaktifkan di Posko ini.');
  }
  if (!sameSignature(signBody(env.POSKO_SMS_WEBHOOK_SECRET, raw), signature)) {
    throw new DomainError('UNAUTHENTICATED', BAD_SIGNATURE);
  }
  return parseJsonBody(raw);
}

/** The generic gateway posts `{ id, from, text, receivedAt }`, signed; older than 5 minutes is refused. */
export async function receiveHttpInbound({
  ctx,
  input,
}: {
  ctx: ChannelContext & { env: HttpEnv };
  input: { raw: string; signature: string | null };
}) {
  const message = parseInput(HttpInbound, verified(ctx.env, input.raw, input.signature));
  const receivedAt = new Date(message.receivedAt);
  if (!isFresh(receivedAt, ctx.now())) throw new DomainError('INVALID', TOO_OLD);
  const outcome = await receiveText({
    ctx,
    input: {
      provider: 'http',
      channel: 'sms',
      messageId: message.id,
      from: message.from,
      text: message.text,
      receivedAt,
    },
  });
  return { received: message.id, outcome };
}

/** The generic gateway's delivery report `{ id, status }` for a text Posko sent with that id. */
export async function receiveHttpStatus({
  ctx,
  input,
}: {
  ctx: DomainContext & { env: HttpEnv };
  input: { raw: string; signature: string | null };
}) {
  const report = parseInput(HttpStatus, verified(ctx.env, input.raw, input.signature));
  const { changed } = await recordDelivery({
    ctx,
    input: { provider: 'http', providerMessageId: report.id, status: report.status },
  });
  return { id: report.id, status: report.status, changed };
}
