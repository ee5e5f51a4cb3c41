'use client';

import { useConnection, type Connection } from '../_lib/use-connection';

const LABELS: Record<Connection, string> = {
  connecting: 'Menghubungkan…',
  live: 'Langsung',
  offline: 'Terputus — mencoba lagi',
};

/** Whether the page is receiving live updates right now. */
export function ConnectionBadge() {
  const connection = useConnection();
  return (
    <span className={`connection connection-${connection}`} role="status" data-testid="connection">
      {LABELS[connection]}
    </span>
  );
}
