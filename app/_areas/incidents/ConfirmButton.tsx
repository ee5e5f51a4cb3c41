'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';

/**
 * A button for a step that cannot be undone: the first tap asks, the second does it. Inline rather
 * than a browser dialog, so it reads the same on every phone.
 */
export function ConfirmButton({
  label,
  accessibleLabel,
  question,
  confirmLabel,
  onConfirm,
  disabled,
  className,
}: {
  label: string;
  /** A longer name for screen readers when several buttons read the same ("Batalkan" on every row). */
  accessibleLabel?: string;
  question: string;
  confirmLabel: string;
  onConfirm(): void | Promise<void>;
  disabled?: boolean;
  className?: string;
}) {
  const t = useTranslations('incidents.confirm');
  const [asking, setAsking] = useState(false);
  // Keyboard focus follows the question and comes back when it is answered "no", so it is never lost.
  const confirm = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    (asking ? confirm : start).current?.focus();
  }, [asking]);
  const ask = (next: boolean) => {
    moved.current = true;
    setAsking(next);
  };

  if (!asking) {
    return (
      <button
        ref={start}
        type="button"
        className={className ?? 'button-danger'}
        disabled={disabled}
        aria-label={accessibleLabel}
        onClick={() => ask(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button
        ref={confirm}
        type="button"
        className="button-danger-solid"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          void onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => ask(false)}>
        {t('no')}
      </button>
    </span>
  );
}
