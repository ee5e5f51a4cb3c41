'use client';

import { useTranslations } from 'next-intl';
import { useDatabaseDown } from './outage';
import { useConnection } from './use-connection';

/** Whether the page is receiving live updates right now, and whether the server can reach its database. */
export function ConnectionBadge() {
  const t = useTranslations('common.connection');
  const outage = useTranslations('reliability');
  const connection = useConnection();
  const databaseDown = useDatabaseDown();
  if (databaseDown) {
    return (
      <span className="connection connection-offline" role="status" data-testid="connection" data-outage="database">
        {outage('databaseDown')}
      </span>
    );
  }
  return (
    <span className={`connection connection-${connection}`} role="status" data-testid="connection">
      {t(connection)}
    </span>
  );
}
