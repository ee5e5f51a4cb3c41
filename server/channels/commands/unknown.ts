import { and, desc, eq, gt } from 'drizzle-orm';
import { messageRecipients, messages } from '../../../db/schema';
import { fitSms } from '../../../lib/gsm';
import { MAX_REPLY_LENGTH, type QuickReply } from '../../../lib/messaging';
import { replyMessage } from '../../messages/reply-message';
import { replyOrRefusal, type CommandHandler } from './context';

/** A coordinator's message sent in the last day can be answered by any text that is not a command. */
const REPLY_WINDOW_MS = 24 * 3_600_000;

/** The phone's quick answers, typed: "siap", "tidak bisa", "butuh info" (case and punctuation forgiven). */
const QUICK_WORDS: Record<string, QuickReply> = {
  SIAP: 'ready',
  'TIDAK BISA': 'cannot',
  'TDK BISA': 'cannot',
  'GAK BISA': 'cannot',
  'BUTUH INFO': 'need_info',
};

const plainWords = (text: string) =>
  text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Anything that is not a command: the reply to the newest coordinator's message of the last day, when
 * there is one (a quick answer when it is one, else the text as written); otherwise say so, and how to
 * get the list.
 */
export const unknownByText: CommandHandler<'unknown'> = (command, { word }) =>
  replyOrRefusal(async () => {
    const { ctx } = command;
    const since = new Date(ctx.now().getTime() - REPLY_WINDOW_MS);
    const [newest] = word
      ? await ctx.db
          .select({ messageId: messages.id, senderName: messages.senderName })
          .from(messageRecipients)
          .innerJoin(messages, eq(messages.id, messageRecipients.messageId))
          .where(and(eq(messageRecipients.volunteerId, ctx.actor.volunteerId), gt(messages.createdAt, since)))
          .orderBy(desc(messages.createdAt))
          .limit(1)
      : [];
    if (!newest) {
      return word
        ? `Posko: perintah "${word}" tidak dikenal. Balas BANTU untuk daftar perintah.`
        : 'Posko: pesan kosong. Balas BANTU untuk daftar perintah.';
    }
    const quickReply = QUICK_WORDS[plainWords(command.text)];
    await replyMessage({
      ctx,
      input: {
        messageId: newest.messageId,
        ...(quickReply ? { quickReply } : { text: command.text.trim().slice(0, MAX_REPLY_LENGTH) }),
        repliedAt: ctx.now().toISOString(),
        idempotencyKey: command.idempotencyKey,
      },
    });
    return fitSms(
      `Posko: balasan Anda untuk pesan ${newest.senderName} dicatat. Bila ini perintah, balas BANTU untuk daftarnya.`,
    );
  });
