import { and, eq, gt, isNull } from 'drizzle-orm';
import { channelInbound, channelMessages } from '../../db/schema';
import type { Channel } from '../../lib/channels';
import { normalizePhone } from '../../lib/phone';
import { parseTextCommand } from '../../lib/sms-commands';
import type { DomainContext } from '../context';
import type { Env } from '../env';
import { DomainError } from '../errors';
import { runTextCommand } from './commands';
import { enqueueText } from './outbox';
import type { Providers } from './providers';
import { senderOf } from './sender';
import { UNKNOWN_NUMBER_TEXT } from './texts';

/** What the channel verbs need besides the database: the providers and a way to wake the queue. */
export interface ChannelServices {
  providers: Providers;
  kick(): void;
}

export interface ChannelContext extends DomainContext {
  env: Pick<Env, 'POSKO_DEFAULT_PROVINCE'>;
  channels: ChannelServices;
}

/** One inbound text, after its webhook's signature, age and shape were checked. */
export interface InboundText {
  provider: string;
  channel: Channel;
  /** The provider's id for the message: the key that makes a second post of it a replay. */
  messageId: string;
  from: string;
  text: string;
  receivedAt: Date;
}

export type ReceiveOutcome = 'command' | 'unknown-number';

const LOCKED_TEXT =
  'Posko: akun Anda sedang dikunci koordinator, jadi pesan ini tidak diproses. Hubungi koordinator Anda.';
const ONE_REPLY_PER_MS = 24 * 3_600_000;

/**
 * Takes one inbound text: a message id seen before is refused and changes nothing; an active
 * volunteer's text runs as one command through the same verbs as the phone page (the message id is the
 * idempotency key) and gets a short reply; any other number gets one polite reply a day and nothing else.
 */
export async function receiveText({
  ctx,
  input,
}: {
  ctx: ChannelContext;
  input: InboundText;
}): Promise<ReceiveOutcome> {
  const now = ctx.now();
  const phone = normalizePhone(input.from);
  const [claimed] = await ctx.db
    .insert(channelInbound)
    .values({
      provider: input.provider,
      providerMessageId: input.messageId,
      fromPhone: (phone ?? input.from).slice(0, 32),
      text: input.text,
      receivedAt: input.receivedAt,
    })
    .onConflictDoNothing()
    .returning({ id: channelInbound.id });
  if (!claimed) {
    throw new DomainError(
      'CONFLICT',
      `Pesan ${input.messageId} sudah diterima sebelumnya; pengulangan tidak diproses.`,
    );
  }

  try {
    const sender = await senderOf(ctx.db, phone);
    if (sender.kind !== 'volunteer') {
      const reply = sender.kind === 'locked' ? LOCKED_TEXT : UNKNOWN_NUMBER_TEXT;
      if (phone && !(await repliedLately(ctx, phone, now))) {
        await enqueueText(ctx.db, ctx.channels.providers, {
          channel: input.channel,
          kind: 'reply',
          provinceCode: ctx.env.POSKO_DEFAULT_PROVINCE,
          toPhone: phone,
          text: reply,
        });
        await ctx.db.update(channelInbound).set({ reply }).where(eq(channelInbound.id, claimed.id));
        ctx.channels.kick();
      }
      return 'unknown-number';
    }

    const { actor } = sender;
    const command = parseTextCommand(input.text);
    const reply = await runTextCommand(
      { ctx: { ...ctx, actor }, idempotencyKey: `${input.provider}:${input.messageId}`, text: input.text },
      command,
    );
    await ctx.db
      .update(channelInbound)
      .set({ volunteerId: actor.volunteerId, command: command.kind, reply })
      .where(eq(channelInbound.id, claimed.id));
    await enqueueText(ctx.db, ctx.channels.providers, {
      channel: input.channel,
      kind: 'reply',
      provinceCode: actor.provinceCode,
      toPhone: phone!,
      text: reply,
      volunteerId: actor.volunteerId,
    });
    ctx.channels.kick();
    return 'command';
  } catch (error) {
    // Not a refusal but a failure (the database went away): forget the message so the gateway's retry runs it.
    await ctx.db
      .delete(channelInbound)
      .where(eq(channelInbound.id, claimed.id))
      .catch(() => {});
    throw error;
  }
}

/** A number Posko does not know hears from it once a day at most, however often it writes. */
async function repliedLately(ctx: ChannelContext, phone: string, now: Date): Promise<boolean> {
  const [sent] = await ctx.db
    .select({ id: channelMessages.id })
    .from(channelMessages)
    .where(
      and(
        eq(channelMessages.toPhone, phone),
        eq(channelMessages.kind, 'reply'),
        isNull(channelMessages.volunteerId),
        gt(channelMessages.createdAt, new Date(now.getTime() - ONE_REPLY_PER_MS)),
      ),
    )
    .limit(1);
  return !!sent;
}
