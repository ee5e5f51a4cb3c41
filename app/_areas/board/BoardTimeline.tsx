'use client';

import { useTranslations } from 'next-intl';
import { useLayoutEffect, useRef } from 'react';
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
  const list = useRef<HTMLOListElement>(null);
  // After every render (new lines, the incidents' figures above growing): fit again.
  useLayoutEffect(() => {
    if (list.current) fitOnScreen(list.current, window.matchMedia(WALL).matches);
  });
  useLayoutEffect(() => {
    const wall = window.matchMedia(WALL);
    const fit = () => list.current && fitOnScreen(list.current, wall.matches);
    window.addEventListener('resize', fit);
    wall.addEventListener('change', fit);
    void document.fonts?.ready.then(fit);
    return () => {
      window.removeEventListener('resize', fit);
      wall.removeEventListener('change', fit);
    };
  }, []);
  return (
    <section className="board-panel timeline-panel" aria-labelledby="board-timeline-title">
      <h2 id="board-timeline-title">{t('timeline.heading', { hours: TIMELINE_HOURS })}</h2>
      {lines.length === 0 ? (
        <p className="hint">{t('timeline.empty', { hours: TIMELINE_HOURS })}</p>
      ) : (
        <ol
          ref={list}
          className="board-timeline"
          data-testid="board-timeline"
          tabIndex={0}
          aria-labelledby="board-timeline-title"
        >
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

/** The wall screen of board.css: there the timeline shows only the lines that fit whole. */
const WALL = '(min-width: 1600px)';
/** The page's padding under the panel. */
const BOTTOM_GAP = 16;

/**
 * On a wall screen nobody scrolls: the newest lines that fit whole above the screen's bottom edge are
 * shown and the older ones hidden, so no line is cut in half. Elsewhere every line shows.
 */
function fitOnScreen(list: HTMLOListElement, wall: boolean): void {
  const items = [...list.children] as HTMLElement[];
  for (const item of items) item.hidden = false;
  if (!wall) return;
  const panel = list.closest('section') ?? list;
  const limit = window.innerHeight - window.scrollY - BOTTOM_GAP;
  for (let shown = items.length; shown > 1 && panel.getBoundingClientRect().bottom > limit; shown -= 1) {
    items[shown - 1]!.hidden = true;
  }
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
      case ASSIGNMENT_EVENTS.relieved:
        return t('timeline.events.assignmentRelieved', { name });
      case ASSIGNMENT_EVENTS.returned:
        return t('timeline.events.assignmentReturned', { name });
      case ASSIGNMENT_EVENTS.withdrawn:
        return t('timeline.events.assignmentWithdrawn', { name });
      case ASSIGNMENT_EVENTS.cancelled:
        return t('timeline.events.assignmentCancelled', { name, count });
      default:
        return t('timeline.events.other');
    }
  };
}
