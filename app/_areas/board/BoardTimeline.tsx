'use client';

import { useTranslations } from 'next-intl';
import { TIMELINE_HOURS, type BoardTimelineLine } from '@/lib/board';
import { ASSIGNMENT_EVENTS, INCIDENT_EVENTS, REQUEST_EVENTS } from '@/lib/dispatch';
import { INCIDENT_PHASES, INCIDENT_TYPES, type IncidentPhase, type IncidentType, type TimeZone } from '@/lib/domain';
import { useClock } from './format';

type Describe = (line: BoardTimelineLine) => string;

const num = (value: unknown) => (typeof value === 'number' ? value : 0);
const isType = (value: unknown): value is IncidentType => INCIDENT_TYPES.includes(value as IncidentType);
const isPhase = (value: unknown): value is IncidentPhase => INCIDENT_PHASES.includes(value as IncidentPhase);

/** What happened in the province in the last hours, newest first; each line names its incident. */
export function BoardTimeline({ lines, timeZone, at }: { lines: BoardTimelineLine[]; timeZone: TimeZone; at: string }) {
  const t = useTranslations('board');
  const clock = useClock(timeZone);
  const describe = useDescribe();
  return (
    <section className="board-panel timeline-panel" aria-labelledby="board-timeline-title">
      <h2 id="board-timeline-title">{t('timeline.heading', { hours: TIMELINE_HOURS })}</h2>
      {lines.length === 0 ? (
        <p className="hint">{t('timeline.empty', { hours: TIMELINE_HOURS })}</p>
      ) : (
        <ol className="board-timeline" data-testid="board-timeline" tabIndex={0} aria-labelledby="board-timeline-title">
          {lines.map((line, index) => (
            <li key={line.id} data-testid="board-timeline-line" data-type={line.type}>
              <time dateTime={line.at}>{clock(line.at, at)}</time>
              <p>
                {/* Lines in a row about one incident name it once. */}
                {line.incidentId && line.incidentTitle && lines[index - 1]?.incidentId !== line.incidentId ? (
                  <a className="timeline-incident" href={`/kejadian/${line.incidentId}`}>
                    {line.incidentTitle}
                  </a>
                ) : null}
                <span data-testid="board-timeline-text">{describe(line)}</span>
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function useDescribe(): Describe {
  const t = useTranslations('board');
  return (line) => {
    const p = line.payload;
    const name = line.volunteerName ?? t('timeline.volunteer');
    const slots = num(p.slots);
    const accepted = num(p.acceptedCount);
    const count = line.count;
    switch (line.type) {
      case INCIDENT_EVENTS.reported:
        return t('timeline.events.incidentReported', {
          type: isType(p.type) ? t(`incidentTypes.${p.type}`) : '',
          severity: num(p.severity),
        });
      case INCIDENT_EVENTS.updated:
        return t('timeline.events.incidentUpdated');
      case INCIDENT_EVENTS.phaseChanged:
        return t('timeline.events.incidentPhaseChanged', {
          from: isPhase(p.from) ? t(`phases.${p.from}`) : '',
          to: isPhase(p.to) ? t(`phases.${p.to}`) : '',
        });
      case REQUEST_EVENTS.created:
        return typeof p.offered === 'number'
          ? t('timeline.events.requestCreatedOffered', { slots, offered: p.offered })
          : t('timeline.events.requestCreated', { slots });
      case REQUEST_EVENTS.changed:
        return t('timeline.events.requestChanged', { slots });
      case REQUEST_EVENTS.filled:
        return t('timeline.events.requestFilled', { slots });
      case REQUEST_EVENTS.reopened:
        return t('timeline.events.requestReopened', { accepted, slots });
      case REQUEST_EVENTS.expired:
        return t('timeline.events.requestExpired', { accepted, slots });
      case REQUEST_EVENTS.cancelled:
        return t('timeline.events.requestCancelled');
      case REQUEST_EVENTS.closed:
        return t('timeline.events.requestClosed');
      case ASSIGNMENT_EVENTS.accepted:
        return t('timeline.events.assignmentAccepted', { name, accepted, slots });
      case ASSIGNMENT_EVENTS.declined:
        return t('timeline.events.assignmentDeclined', { name, count });
      case ASSIGNMENT_EVENTS.expired:
        return t('timeline.events.assignmentExpired', { name, count });
      case ASSIGNMENT_EVENTS.en_route:
        return t('timeline.events.assignmentEnRoute', { name });
      case ASSIGNMENT_EVENTS.on_site:
        return t('timeline.events.assignmentOnSite', { name });
      case ASSIGNMENT_EVENTS.completed:
        return t('timeline.events.assignmentCompleted', { name });
      case ASSIGNMENT_EVENTS.withdrawn:
        return t('timeline.events.assignmentWithdrawn', { name });
      case ASSIGNMENT_EVENTS.cancelled:
        return t('timeline.events.assignmentCancelled', { name, count });
      default:
        return t('timeline.events.other');
    }
  };
}
