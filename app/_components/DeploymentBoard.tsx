'use client';

import { useRouter } from 'next/navigation';
import { useRef } from 'react';
import { ASSIGNMENT_STATUS_LABELS } from '@/lib/assignment-state';
import { REQUEST_STATUS_LABELS } from '@/lib/dispatch';
import { INCIDENT_TYPE_LABELS } from '@/lib/domain';
import type { BoardRequest } from '@/server/deployments/board';
import { useLiveEvents } from '../_lib/live-events';

/** Running requests and who is on the way, for leaders; it re-reads itself when the log says so. */
export function DeploymentBoard({ requests, position }: { requests: BoardRequest[]; position: number }) {
  const router = useRouter();
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Bursts (a request offered to hundreds) become one refresh.
  const refresh = () => {
    pending.current ??= setTimeout(() => {
      pending.current = null;
      router.refresh();
    }, 250);
  };
  useLiveEvents(
    position,
    (event) => {
      if (
        event.type.startsWith('request.') ||
        (event.type.startsWith('assignment.') && event.type !== 'assignment.offered')
      ) {
        refresh();
      }
    },
    refresh,
  );

  return (
    <section className="board" aria-labelledby="board-title">
      <h2 id="board-title">Permintaan penugasan berjalan ({requests.length})</h2>
      {requests.length === 0 ? <p className="hint">Tidak ada permintaan yang sedang berjalan.</p> : null}
      <ul className="board-list">
        {requests.map((request) => (
          <li key={request.requestId} className="board-item" data-testid="board-request">
            <div className="board-head">
              <strong>{request.incidentTitle}</strong>
              <span className="pill">{REQUEST_STATUS_LABELS[request.status]}</span>
            </div>
            <p className="hint">
              {INCIDENT_TYPE_LABELS[request.incidentType]} · {request.regencyName} ·{' '}
              <span data-testid="board-progress">
                {request.acceptedCount}/{request.slots}
              </span>{' '}
              relawan
            </p>
            {request.people.length > 0 ? (
              <ul className="board-people">
                {request.people.map((person) => (
                  <li key={person.assignmentId} data-testid="board-person">
                    <span>
                      {person.name} <small>({person.regencyName})</small>
                    </span>
                    <span className="pill" data-testid="board-person-status">
                      {ASSIGNMENT_STATUS_LABELS[person.status]}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
