import { useTranslations } from 'next-intl';
import type { MessageStatus } from '@/lib/channels';

/** "SMS terkirim", "SMS gagal" …: how the latest text to a volunteer went (nothing when none was sent). */
export function TextStatusPill({ status }: { status: MessageStatus | undefined }) {
  const t = useTranslations('channels.status');
  if (!status) return null;
  return (
    <span className={`pill text-status-${status}`} data-testid="text-status" data-text-status={status}>
      {t(status)}
    </span>
  );
}

/** One line under a request: how many of its texts are waiting, sent, delivered or failed. */
export function RequestTextsLine({ texts }: { texts: { counts: Record<MessageStatus, number> } | undefined }) {
  const t = useTranslations('channels.request');
  if (!texts) return null;
  const { queued, sent, delivered, failed } = texts.counts;
  if (queued + sent + delivered + failed === 0) return null;
  return (
    <p className="hint" data-testid="request-texts">
      {t('summary', { sent: sent + delivered, delivered, failed, queued })}
    </p>
  );
}
