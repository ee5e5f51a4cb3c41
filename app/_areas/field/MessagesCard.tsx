'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TimeZone } from '@/lib/domain';
import { MESSAGE_EVENTS, QUICK_REPLIES, type OwnMessage, type QuickReply } from '@/lib/messaging';
import type { LiveEvent } from '@/lib/realtime';
import { useLiveEvents } from '@/app/_shared/live-events';
import { getSocket } from '@/app/_shared/socket';
import { formatWhen } from '@/app/_shared/time';
import type { OutboxEntry } from './field-store';
import { newIdempotencyKey } from './field-worker';
import { outbox } from './outbox';

const str = (value: unknown) => (typeof value === 'string' ? value : null);

function applyEvent(list: OwnMessage[], event: LiveEvent): OwnMessage[] {
  const messageId = str(event.payload.messageId);
  if (!messageId) return list;
  const p = event.payload;
  switch (event.type) {
    case MESSAGE_EVENTS.addressed:
      if (list.some((message) => message.id === messageId)) return list;
      return [
        {
          id: messageId,
          body: str(p.body) ?? '',
          senderName: str(p.senderName) ?? '',
          incidentTitle: str(p.incidentTitle),
          sentAt: str(p.sentAt) ?? event.createdAt,
          deliveredAt: null,
          readAt: null,
          repliedAt: null,
          quickReply: null,
          reply: null,
        },
        ...list,
      ];
    case MESSAGE_EVENTS.delivered:
      return list.map((m) => (m.id === messageId ? { ...m, deliveredAt: m.deliveredAt ?? event.createdAt } : m));
    case MESSAGE_EVENTS.read:
      return list.map((m) => (m.id === messageId ? { ...m, readAt: m.readAt ?? event.createdAt } : m));
    case MESSAGE_EVENTS.replied:
      return list.map((m) =>
        m.id === messageId
          ? {
              ...m,
              repliedAt: str(p.repliedAt) ?? event.createdAt,
              quickReply: (str(p.quickReply) as QuickReply | null) ?? null,
              reply: str(p.text),
            }
          : m,
      );
    default:
      return list;
  }
}

/** The phone confirms it has a message (delivered); a miss is tried again at the next connection. */
function useDeliveryReceipts(messages: OwnMessage[], onDelivered: (messageId: string, at: string) => void): void {
  const sending = useRef(new Set<string>());
  const [connections, setConnections] = useState(0);
  useEffect(() => {
    const socket = getSocket();
    const connected = () => setConnections((count) => count + 1);
    socket.on('connect', connected);
    return () => void socket.off('connect', connected);
  }, []);
  useEffect(() => {
    const socket = getSocket();
    for (const message of messages) {
      if (message.deliveredAt || sending.current.has(message.id) || !socket.connected) continue;
      sending.current.add(message.id);
      socket
        .timeout(15_000)
        .emitWithAck('message:receive', { messageId: message.id, idempotencyKey: newIdempotencyKey() })
        .then((ack) => {
          if (ack.ok && ack.data.deliveredAt) onDelivered(message.id, ack.data.deliveredAt);
        })
        .catch(() => undefined)
        .finally(() => sending.current.delete(message.id));
    }
  }, [messages, connections, onDelivered]);
}

const SHOWN = 5;

/**
 * Messages from the posko on the volunteer's phone: a new one opens with one tap (that is "read"), and
 * is answered with a quick reply or a short text; both go through the outbox with the phone's time.
 * Writing to the posko is WriteToPosko, after the running assignment.
 */
export function MessagesCard({
  initial,
  position,
  volunteerId,
  entries,
  zone,
}: {
  initial: OwnMessage[];
  position: number;
  volunteerId: string;
  entries: OutboxEntry[];
  zone: TimeZone;
}) {
  const t = useTranslations('contact');
  const locale = useLocale();
  const [messages, setMessages] = useState(initial);
  const [drafts, setDrafts] = useState<Record<string, string>>({});

  useLiveEvents(
    position,
    (event) => {
      if (event.volunteerId === volunteerId) setMessages((list) => applyEvent(list, event));
    },
    () => window.location.reload(),
  );
  const delivered = useCallback(
    (messageId: string, at: string) =>
      setMessages((list) => list.map((m) => (m.id === messageId ? { ...m, deliveredAt: m.deliveredAt ?? at } : m))),
    [],
  );
  useDeliveryReceipts(messages, delivered);

  useEffect(() => {
    const id = new URLSearchParams(window.location.search).get('pesan');
    const element = id ? document.getElementById(`pesan-${id}`) : null;
    element?.scrollIntoView({ block: 'start' });
    element?.focus();
  }, []);

  if (messages.length === 0) return null;

  const tapsOn = (messageId: string) =>
    entries.filter(
      (entry) => entry.kind === 'contact' && entry.input.messageId === messageId && entry.state !== 'refused',
    );

  async function open(message: OwnMessage) {
    await outbox.enqueue({
      kind: 'contact',
      command: 'message:read',
      input: { messageId: message.id, idempotencyKey: newIdempotencyKey() },
      what: 'message_read',
      about: message.senderName,
    });
  }

  async function reply(message: OwnMessage, quickReply?: QuickReply) {
    const text = (drafts[message.id] ?? '').trim();
    if (!quickReply && !text) return;
    await outbox.enqueue({
      kind: 'contact',
      command: 'message:reply',
      input: {
        messageId: message.id,
        ...(quickReply ? { quickReply } : {}),
        ...(text ? { text } : {}),
        repliedAt: new Date().toISOString(),
        idempotencyKey: newIdempotencyKey(),
      },
      what: 'message_reply',
      about: message.senderName,
    });
    setDrafts((current) => ({ ...current, [message.id]: '' }));
  }

  const replyText = (message: Pick<OwnMessage, 'quickReply' | 'reply'>) =>
    [message.quickReply ? t(`quick.${message.quickReply}`) : null, message.reply].filter(Boolean).join(' — ');

  return (
    <section className="card messages-card" aria-labelledby="messages-title" data-testid="messages-card">
      <h2 id="messages-title">{t('phone.messagesTitle')}</h2>
      <ul className="contact-list">
        {messages.slice(0, SHOWN).map((message) => {
          const taps = tapsOn(message.id);
          const readTap = taps.some((entry) => entry.kind === 'contact' && entry.command === 'message:read');
          const replyTap = taps.findLast((entry) => entry.kind === 'contact' && entry.command === 'message:reply');
          const isRead = !!message.readAt || readTap || !!replyTap;
          const pendingReply =
            !message.repliedAt && replyTap?.kind === 'contact'
              ? {
                  quickReply: (replyTap.input.quickReply as QuickReply | undefined) ?? null,
                  reply: (replyTap.input.text as string | undefined) ?? null,
                  at: String(replyTap.input.repliedAt),
                  waiting: replyTap.state === 'waiting',
                }
              : null;
          const from = t('phone.from', {
            sender: [message.senderName, message.incidentTitle].filter(Boolean).join(' · '),
            when: formatWhen(message.sentAt, zone, locale),
          });
          const state = message.repliedAt || pendingReply ? 'replied' : isRead ? 'read' : 'unread';
          return (
            <li
              key={message.id}
              id={`pesan-${message.id}`}
              tabIndex={-1}
              className={`message-item message-${state}`}
              data-testid="message"
              data-message={message.id}
              data-state={state}
            >
              {!isRead ? (
                <>
                  <p className="message-from">
                    <strong>{t('phone.newMessage', { sender: message.senderName })}</strong>
                    <small> · {formatWhen(message.sentAt, zone, locale)}</small>
                  </p>
                  <button type="button" className="big-button big-button-ok" onClick={() => void open(message)}>
                    {t('phone.open')}
                  </button>
                </>
              ) : (
                <>
                  <p className="message-from">
                    <small>{from}</small>
                  </p>
                  <p className="message-body" data-testid="message-body">
                    {message.body}
                  </p>
                  {message.repliedAt ? (
                    <p className="rollcall-answered" role="status" data-testid="message-replied">
                      {t('phone.yourReply', {
                        reply: replyText(message),
                        when: formatWhen(message.repliedAt, zone, locale),
                      })}
                    </p>
                  ) : pendingReply ? (
                    <>
                      <p className="rollcall-answered" role="status" data-testid="message-replied">
                        {t('phone.yourReply', {
                          reply: replyText(pendingReply),
                          when: formatWhen(pendingReply.at, zone, locale),
                        })}
                      </p>
                      {pendingReply.waiting ? <p className="hint">{t('phone.replyWaiting')}</p> : null}
                    </>
                  ) : (
                    <>
                      <div className="quick-replies" role="group" aria-label={t('phone.sendReply')}>
                        {QUICK_REPLIES.map((quick) => (
                          <button key={quick} type="button" onClick={() => void reply(message, quick)}>
                            {t(`quick.${quick}`)}
                          </button>
                        ))}
                      </div>
                      <form
                        className="contact-form"
                        onSubmit={(event) => {
                          event.preventDefault();
                          void reply(message);
                        }}
                      >
                        <label>
                          <span>{t('phone.replyLabel')}</span>
                          <input
                            type="text"
                            maxLength={300}
                            value={drafts[message.id] ?? ''}
                            onChange={(event) =>
                              setDrafts((current) => ({ ...current, [message.id]: event.target.value }))
                            }
                          />
                        </label>
                        <button type="submit" disabled={!(drafts[message.id] ?? '').trim()}>
                          {t('phone.sendReply')}
                        </button>
                      </form>
                    </>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
