'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import type { TimeZone } from '@/lib/domain';
import { MAX_MESSAGE_LENGTH, MESSAGE_EVENTS, type MessageRecipientView, type MessageView } from '@/lib/messaging';
import { callApi } from '@/app/_shared/api';
import { useLiveEvents } from '@/app/_shared/live-events';
import { useConnection } from '@/app/_shared/use-connection';
import { formatWhen } from '@/app/_shared/time';
import { FormError } from './FieldError';
import type { NamedRequest } from './RollCallPanel';

const MESSAGE_TYPES = new Set<string>(Object.values(MESSAGE_EVENTS));

type Say = ReturnType<typeof useTranslations<'contact'>>;

function stateOf(person: MessageRecipientView, t: Say): { key: string; text: string } {
  if (person.repliedAt) {
    const reply = [person.quickReply ? t(`quick.${person.quickReply}`) : null, person.reply]
      .filter(Boolean)
      .join(' — ');
    return { key: 'replied', text: t('messages.stateReplied', { reply }) };
  }
  if (person.readAt) return { key: 'read', text: t('messages.stateRead') };
  if (person.deliveredAt) return { key: 'delivered', text: t('messages.stateDelivered') };
  return { key: 'waiting', text: t('messages.stateWaiting') };
}

/**
 * The incident's messages both ways, live: for each one from the posko how many phones received it,
 * showed it and replied, and each person's state; coordinators write to a request's team, to those who
 * have not answered its offers, or to everyone deployed on the incident.
 */
export function MessagesPanel({
  incidentId,
  requests,
  initial,
  position,
  canAct,
  timeZone,
}: {
  incidentId: string;
  requests: NamedRequest[];
  initial: MessageView[];
  position: number;
  canAct: boolean;
  timeZone: TimeZone;
}) {
  const t = useTranslations('contact');
  const locale = useLocale();
  const [messages, setMessages] = useState(initial);
  const [target, setTarget] = useState('incident');
  const [body, setBody] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function reload(messageId: string) {
    const result = await callApi<MessageView>(`/api/messages/${messageId}`);
    if (!result.ok) return;
    setMessages((list) =>
      list.some((message) => message.id === messageId)
        ? list.map((message) => (message.id === messageId ? result.data : message))
        : [result.data, ...list].sort((a, b) => b.sentAt.localeCompare(a.sentAt)),
    );
  }

  useLiveEvents(
    position,
    (event) => {
      if (!MESSAGE_TYPES.has(event.type) || event.type === MESSAGE_EVENTS.addressed) return;
      const messageId = event.payload.messageId;
      if (typeof messageId !== 'string') return;
      if (event.incidentId === incidentId || messages.some((message) => message.id === messageId)) {
        void reload(messageId);
      }
    },
    () => messages.forEach((message) => void reload(message.id)),
  );
  useConnection(() => messages.forEach((message) => void reload(message.id)));

  async function send() {
    setBusy(true);
    setError(null);
    setNotice(null);
    const to =
      target === 'incident'
        ? { incidentId }
        : target.startsWith('pending:')
          ? { requestId: target.slice('pending:'.length), pending: true }
          : { requestId: target };
    const result = await callApi<{ id: string; recipients: number }>('/api/messages', { body: { to, body } });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setBody('');
    setNotice(t('messages.sent', { count: result.data.recipients }));
    await reload(result.data.id);
  }

  const when = (iso: string) => formatWhen(iso, timeZone, locale);

  return (
    <section className="card contact-panel" aria-labelledby="messages-panel-title" data-testid="messages-panel">
      <h2 id="messages-panel-title">{t('messages.title')}</h2>
      {canAct ? (
        <form
          className="contact-compose"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <label>
            <span>{t('messages.to')}</span>
            <select value={target} onChange={(event) => setTarget(event.target.value)} data-testid="message-target">
              <option value="incident">{t('messages.toIncident')}</option>
              {requests.map((request) => (
                <option key={request.id} value={request.id}>
                  {t('messages.toRequest', { request: request.label })}
                </option>
              ))}
              {requests.map((request) => (
                <option key={`pending:${request.id}`} value={`pending:${request.id}`}>
                  {t('messages.toPending', { request: request.label })}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('messages.body')}</span>
            <textarea
              rows={3}
              maxLength={MAX_MESSAGE_LENGTH}
              value={body}
              onChange={(event) => setBody(event.target.value)}
              data-testid="message-body-input"
            />
          </label>
          <button type="submit" className="button-primary" disabled={busy || !body.trim()}>
            {t('messages.send')}
          </button>
        </form>
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <FormError message={error} />
      {messages.length === 0 ? <p className="hint">{t('messages.none')}</p> : null}
      {messages.map((message) =>
        message.fromVolunteer ? (
          <article key={message.id} className="contact-item contact-from-field" data-testid="message-from-field">
            <p className="contact-muted">
              {t('messages.fromVolunteer', { name: message.fromVolunteer.name, when: when(message.sentAt) })}
            </p>
            <p className="contact-body">{message.body}</p>
          </article>
        ) : (
          <article key={message.id} className="contact-item" data-testid="message-view" data-message={message.id}>
            <p className="contact-muted">
              {t('messages.by', { sender: message.senderName, when: when(message.sentAt) })}
            </p>
            <p className="contact-body">{message.body}</p>
            <p className="contact-counts">
              <span data-testid="message-delivered">
                {t('messages.delivered')} <strong>{message.delivered}</strong>
              </span>
              <span data-testid="message-read">
                {t('messages.read')} <strong>{message.read}</strong>
              </span>
              <span data-testid="message-replied">
                {t('messages.replied')} <strong>{message.replied}</strong>
              </span>
              <span className="contact-muted">{t('messages.ofRecipients', { count: message.recipients.length })}</span>
            </p>
            <details>
              <summary>{t('messages.people')}</summary>
              <table className="data-table card-table">
                <thead>
                  <tr>
                    <th scope="col">{t('messages.name')}</th>
                    <th scope="col">{t('messages.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {message.recipients.map((person) => {
                    const state = stateOf(person, t);
                    return (
                      <tr key={person.volunteerId} data-testid="message-recipient" data-state={state.key}>
                        <td data-label={t('messages.name')}>{person.name}</td>
                        <td data-label={t('messages.state')}>
                          <span className={`pill message-state-${state.key}`}>{state.text}</span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </details>
          </article>
        ),
      )}
    </section>
  );
}
