'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

/** Above the printed report (never on paper): back, print, PDF, and the WhatsApp text to copy or share. */
export function ReportTools({
  incidentId,
  sitrepId,
  text,
  translated,
}: {
  incidentId: string;
  sitrepId: string;
  text: string;
  translated: boolean;
}) {
  const t = useTranslations('situation.print');
  const [copied, setCopied] = useState(false);

  async function copy() {
    await navigator.clipboard.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  return (
    <div className="report-tools">
      <nav className="report-actions" aria-label={t('text')}>
        <a href={`/kejadian/${incidentId}`}>{t('back')}</a>
        <button type="button" onClick={() => window.print()}>
          {t('print')}
        </button>
        <a href={`/api/sitreps/${sitrepId}/pdf`} data-testid="sitrep-pdf">
          {t('pdf')}
        </a>
        <button type="button" onClick={() => void copy()} data-testid="copy-text">
          {t('copy')}
        </button>
        <a
          className="button-whatsapp"
          href={`https://wa.me/?text=${encodeURIComponent(text)}`}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="share-whatsapp"
        >
          {t('share')}
        </a>
      </nav>
      {copied ? (
        <p className="notice" role="status">
          {t('copied')}
        </p>
      ) : null}
      {translated ? <p className="hint">{t('translated')}</p> : null}
      <details className="report-text">
        <summary>{t('text')}</summary>
        <pre data-testid="sitrep-text" tabIndex={0}>
          {text}
        </pre>
      </details>
    </div>
  );
}
