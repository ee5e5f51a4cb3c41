'use client';

import { useTranslations } from 'next-intl';
import { useConnection } from './use-connection';

/** Whether the page is receiving live updates right now. */
export function ConnectionBadge() {
  const t = useTranslations('common.connection');
  const connection = useConnection();
  return (
    <span className={`connection connection-${connection}`} role="status" data-testid="connection">
      {t(connection)}
    </span>
  );
}
