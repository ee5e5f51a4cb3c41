'use client';

import { useTranslations } from 'next-intl';
import type { CommandIncident } from '@/lib/command-centre';
import { IncidentFigureLine } from '@/app/_shared/IncidentFigureLine';

/** Each running incident's casualties, displaced people and houses, live from its rapid assessments. */
export function BoardIncidentFigures({ incidents }: { incidents: CommandIncident[] }) {
  const t = useTranslations('photo.figures');
  return (
    <section
      className="board-panel incident-figures-panel"
      aria-labelledby="board-incident-figures-title"
      data-testid="board-incident-figures"
    >
      <h2 id="board-incident-figures-title">{t('boardTitle')}</h2>
      {incidents.length === 0 ? (
        <p className="figure-note">{t('noIncidents')}</p>
      ) : (
        <ul className="incident-figure-list">
          {incidents.map((incident) => (
            <li key={incident.id} data-incident={incident.id}>
              <a href={`/kejadian/${incident.id}`} className="board-incident">
                {incident.title}
              </a>
              <IncidentFigureLine figures={incident.figures} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
