'use client';

import { useTranslations } from 'next-intl';
import type { BoardRequest } from '@/server/deployments/board';

/** Running requests and who is on the way, for leaders; the board that holds it keeps it live. */
export function DeploymentBoard({ requests }: { requests: BoardRequest[] }) {
  const t = useTranslations('board');
  return (
    <section className="board" aria-labelledby="board-title">
      <h2 id="board-title">{t('deployments.heading', { count: requests.length })}</h2>
      {requests.length === 0 ? <p className="hint">{t('deployments.empty')}</p> : null}
      <ul className="board-list">
        {requests.map((request) => (
          <li key={request.requestId} className="board-item" data-testid="board-request">
            <div className="board-head">
              <a className="board-incident" href={`/kejadian/${request.incidentId}`}>
                {request.incidentTitle}
              </a>
              <span className="pill">{t(`requestStatus.${request.status}`)}</span>
            </div>
            <p className="hint">
              {t(`incidentTypes.${request.incidentType}`)} · {request.regencyName} ·{' '}
              <span data-testid="board-progress">
                {t('deployments.progress', { accepted: request.acceptedCount, slots: request.slots })}
              </span>
            </p>
            {request.people.length > 0 ? (
              <ul className="board-people">
                {request.people.map((person) => (
                  <li key={person.assignmentId} data-testid="board-person">
                    <span>
                      {person.name} <small>({person.regencyName})</small>
                    </span>
                    <span className="pill" data-testid="board-person-status">
                      {t(`assignmentStatus.${person.status}`)}
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
