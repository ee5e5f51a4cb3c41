import { z } from 'zod';
import { OBJECT_ERROR, dateTime, id, idempotencyKey, optionalText, text } from './fields';

/**
 * Messages between the posko and volunteers in the field: each recipient's copy is marked delivered
 * (the phone received it), read (opened on screen) and replied (a short text or a quick answer).
 */

/**
 * Who a message went to: a request's team, those who have not answered a request's offers yet
 * ("ingatkan"), an incident's deployed people, a hand-picked selection, a named regu, or (from a volunteer)
 * the posko.
 */
export const MESSAGE_AUDIENCES = ['request', 'pending', 'incident', 'volunteers', 'posko', 'team'] as const;
export type MessageAudience = (typeof MESSAGE_AUDIENCES)[number];

export const QUICK_REPLIES = ['ready', 'cannot', 'need_info'] as const;
export type QuickReply = (typeof QUICK_REPLIES)[number];

/**
 * Scope of `sent`: the message's province and kabupaten and incident. Scope of `addressed` (one per
 * recipient, carrying the text), `delivered`, `read`, `replied` and `written` (a volunteer to the
 * posko): the volunteer's province and kabupaten, volunteerId, and the message's incident.
 */
export const MESSAGE_EVENTS = {
  sent: 'message.sent',
  addressed: 'message.addressed',
  delivered: 'message.delivered',
  read: 'message.read',
  replied: 'message.replied',
  written: 'message.written',
} as const;

export const MAX_MESSAGE_LENGTH = 1000;
export const MAX_REPLY_LENGTH = 300;
export const MAX_PICKED_RECIPIENTS = 500;

const body = text('Pesan', MAX_MESSAGE_LENGTH, { min: 1, minError: 'Tulis pesannya dulu.', kind: 'lines' });
const ONE_AUDIENCE = 'Pilih tepat satu penerima: to.requestId, to.incidentId, to.teamId atau to.volunteerIds.';

export const MessageTarget = z
  .object(
    {
      requestId: id('requestId').optional(),
      /** With requestId: only those whose offer is still unanswered ("ingatkan"). */
      pending: z.boolean({ error: 'pending harus true atau false.' }).optional(),
      incidentId: id('incidentId').optional(),
      /** A named regu: its members. */
      teamId: id('teamId').optional(),
      volunteerIds: z
        .array(id('volunteerIds'), { error: 'volunteerIds harus berupa daftar.' })
        .min(1, { error: 'Pilih paling sedikit satu relawan.' })
        .max(MAX_PICKED_RECIPIENTS, { error: `Paling banyak ${MAX_PICKED_RECIPIENTS} relawan sekaligus.` })
        .transform((values) => [...new Set(values)])
        .optional(),
    },
    { error: 'to harus berupa objek, mis. { "requestId": "…" }.' },
  )
  .refine(
    (to) =>
      [to.requestId, to.incidentId, to.teamId, to.volunteerIds].filter((value) => value !== undefined).length === 1,
    {
      error: ONE_AUDIENCE,
      path: ['requestId'],
    },
  )
  .refine((to) => to.pending === undefined || to.requestId !== undefined, {
    error: 'pending hanya bersama to.requestId.',
    path: ['pending'],
  });

export const SendMessage = z.object({ to: MessageTarget, body }, OBJECT_ERROR);
export type SendMessage = z.infer<typeof SendMessage>;

export const MessageRef = z.object({ messageId: id('messageId') }, OBJECT_ERROR);
export type MessageRef = z.infer<typeof MessageRef>;

/** The phone confirms it received the message (delivered) or showed it (read). */
export const MarkMessage = z.object({ messageId: id('messageId'), idempotencyKey }, OBJECT_ERROR);
export type MarkMessage = z.infer<typeof MarkMessage>;

export const ReplyMessage = z
  .object(
    {
      messageId: id('messageId'),
      quickReply: z
        .enum(QUICK_REPLIES, { error: 'Jawaban cepat harus "ready", "cannot" atau "need_info".' })
        .optional(),
      text: optionalText('Balasan', MAX_REPLY_LENGTH, 'lines'),
      /** When the volunteer replied, by the phone's clock. */
      repliedAt: dateTime('Waktu balasan'),
      idempotencyKey,
    },
    OBJECT_ERROR,
  )
  .refine((input) => input.quickReply !== undefined || input.text !== undefined, {
    error: 'Pilih jawaban cepat atau tulis balasan.',
    path: ['text'],
  });
export type ReplyMessage = z.infer<typeof ReplyMessage>;

/** A volunteer writes to the posko from an assignment. */
export const WriteToPosko = z.object(
  {
    assignmentId: id('assignmentId'),
    body: text('Pesan', MAX_REPLY_LENGTH, { min: 1, minError: 'Tulis pesannya dulu.', kind: 'lines' }),
    writtenAt: dateTime('Waktu pesan'),
    idempotencyKey,
  },
  OBJECT_ERROR,
);
export type WriteToPosko = z.infer<typeof WriteToPosko>;

/** One recipient's copy, as the phone gets it back after a command. */
export const MessageCopyState = z.object({
  messageId: z.string(),
  volunteerId: z.string(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  quickReply: z.enum(QUICK_REPLIES).nullable(),
  reply: z.string().nullable(),
});
export type MessageCopyState = z.infer<typeof MessageCopyState>;

export const MessageWritten = z.object({ messageId: z.string(), sentAt: z.string() });
export type MessageWritten = z.infer<typeof MessageWritten>;

export interface MessageRecipientView extends MessageCopyState {
  name: string;
  regencyCode: string;
}

/** A message as the coordinator follows it. */
export interface MessageView {
  id: string;
  incidentId: string | null;
  requestId: string | null;
  audience: MessageAudience;
  body: string;
  sentAt: string;
  senderName: string;
  /** A volunteer's message to the posko: who wrote it. */
  fromVolunteer: { id: string; name: string } | null;
  delivered: number;
  read: number;
  replied: number;
  recipients: MessageRecipientView[];
}

/** A message as a recipient's phone shows it. */
export interface OwnMessage {
  id: string;
  body: string;
  senderName: string;
  incidentTitle: string | null;
  sentAt: string;
  deliveredAt: string | null;
  readAt: string | null;
  repliedAt: string | null;
  quickReply: QuickReply | null;
  reply: string | null;
}
