'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { newIdempotencyKey } from './field-worker';
import { outbox } from './outbox';

/**
 * "Tulis ke posko": a volunteer on an assignment writes to its coordinator, through the outbox with the
 * phone's time. It sits after the running assignment, which comes first on the screen.
 */
export function WriteToPosko({ assignment }: { assignment: { id: string; incidentTitle: string } }) {
  const t = useTranslations('contact');
  const [note, setNote] = useState('');
  const [written, setWritten] = useState(false);

  async function write() {
    const body = note.trim();
    if (!body) return;
    await outbox.enqueue({
      kind: 'contact',
      command: 'message:send',
      input: {
        assignmentId: assignment.id,
        body,
        writtenAt: new Date().toISOString(),
        idempotencyKey: newIdempotencyKey(),
      },
      what: 'message_send',
      about: assignment.incidentTitle,
    });
    setNote('');
    setWritten(true);
  }

  return (
    <section className="card" aria-labelledby="write-posko-title" data-testid="write-to-posko">
      <form
        className="contact-form"
        onSubmit={(event) => {
          event.preventDefault();
          void write();
        }}
      >
        <h2 id="write-posko-title">{t('phone.writeTitle')}</h2>
        <label>
          <span>{t('phone.writeLabel', { incident: assignment.incidentTitle })}</span>
          <textarea
            rows={2}
            maxLength={300}
            value={note}
            onChange={(event) => {
              setNote(event.target.value);
              setWritten(false);
            }}
          />
        </label>
        <button type="submit" className="button-primary" disabled={!note.trim()}>
          {t('phone.writeSend')}
        </button>
        {written ? (
          <p className="hint" role="status">
            {t('phone.written')}
          </p>
        ) : null}
      </form>
    </section>
  );
}
