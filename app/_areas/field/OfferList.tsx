'use client';

import { useLocale, useTranslations } from 'next-intl';
import { isActiveAssignment, isFinalAssignment, nextAssignmentStatuses, UNDO_WINDOW_MS } from '@/lib/assignment-state';
import type { CheckInKind } from '@/lib/operations';
import { CheckInCard } from '@/app/_areas/operations/CheckInCard';
import type { AssignmentStatus, TimeZone } from '@/lib/domain';
import type { VolunteerAssignment } from '@/server/deployments/queries';
import type { CoordinatorContact } from '@/server/volunteers/contacts';
import type { OutboxEntry } from './field-store';
import { formatWhen } from '@/app/_shared/time';
import { dutyMs, wholeHours } from '@/lib/relief';
import { StepForm } from './StepForm';

/** The steps a volunteer takes, primary ones first as a thumb reaches them. */
export type FieldStep = 'accepted' | 'declined' | 'en_route' | 'on_site' | 'completed' | 'withdrawn' | 'returned';
const PRIMARY = new Set<AssignmentStatus>(['accepted', 'en_route', 'on_site', 'completed', 'returned']);
const isStep = (status: AssignmentStatus): status is FieldStep =>
  ['accepted', 'declined', 'en_route', 'on_site', 'completed', 'withdrawn', 'returned'].includes(status);

/** What a tap asked for, as the volunteer pressed it. */
export function tapLabel(
  entry: Extract<OutboxEntry, { kind: 'command' }>,
  t: ReturnType<typeof useTranslations<'field'>>,
): string {
  if (entry.command === 'checkin:report')
    return t(entry.input.kind === 'help' ? 'steps.checkInHelp' : 'steps.checkInSafe');
  return entry.command === 'assignment:undo' ? t('steps.undo') : t(`steps.${entry.to as FieldStep}`);
}

/** A status report that may still be taken back ("Urungkan"), and until when. */
type Undoable = 'en_route' | 'on_site' | 'completed' | 'returned';
function undoableUntil(assignment: VolunteerAssignment['assignment']): number | null {
  const reportedAt =
    assignment.status === 'en_route'
      ? assignment.departedAt
      : assignment.status === 'on_site'
        ? assignment.arrivedAt
        : assignment.status === 'completed'
          ? assignment.completedAt
          : assignment.status === 'returned'
            ? assignment.returnedAt
            : null;
  return reportedAt ? Date.parse(reportedAt) + UNDO_WINDOW_MS : null;
}

/** A meeting point as links a maps app opens: `geo:` for the phone's own app, and a plain map page. */
function mapLinks(request: VolunteerAssignment['request']): { geo: string; web: string } {
  const { meetingLat: lat, meetingLng: lng, meetingPoint } = request;
  const label = encodeURIComponent(meetingPoint);
  if (lat !== null && lng !== null) {
    return {
      geo: `geo:${lat},${lng}?q=${lat},${lng}(${label})`,
      web: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=16/${lat}/${lng}`,
    };
  }
  return { geo: `geo:0,0?q=${label}`, web: `https://www.openstreetmap.org/search?query=${label}` };
}

/**
 * The volunteer's offers and assignments. Each step is one big button. After a tap the next step is
 * locked until the server answered (offline: for a moment), so a double tap cannot skip a step; a
 * volunteer in a dead zone can still accept, leave and arrive, heard in order when the signal returns.
 * A status report can be taken back for 60 s with "Urungkan", which sits away from the next step.
 */
export function OfferList({
  items,
  pending,
  contacts,
  zones,
  highlighted,
  locked,
  now,
  onStep,
  onUndo,
  onCheckIn,
  formKeys,
}: {
  items: VolunteerAssignment[];
  pending: OutboxEntry[];
  contacts: CoordinatorContact[];
  zones: Record<string, TimeZone>;
  highlighted: string | null;
  /** Assignments whose buttons wait for the server's answer to the last tap. */
  locked: ReadonlySet<string>;
  /** The page's clock (ticks while something is time-bound), for the undo window. */
  now: number;
  onStep: (item: VolunteerAssignment, to: FieldStep, from: AssignmentStatus) => void;
  onUndo: (item: VolunteerAssignment, status: Undoable) => void;
  onCheckIn: (item: VolunteerAssignment, kind: CheckInKind) => void;
  /** The server's idempotency key for each step's form, by `assignmentId:step` (taps before scripts). */
  formKeys: Record<string, string>;
}) {
  const t = useTranslations('field');
  const relief = useTranslations('relief.field');
  const locale = useLocale();

  if (items.length === 0) {
    return (
      <p className="hint" data-testid="no-offers">
        {t('offers.none')}
      </p>
    );
  }

  const busyWith = items.find((item) => isActiveAssignment(item.assignment.status));

  return (
    <ul className="offer-list">
      {items.map((item) => {
        const { assignment, request, incident } = item;
        const waitingCommands = pending.filter(
          (entry) =>
            entry.kind === 'command' && entry.state === 'waiting' && entry.input.assignmentId === assignment.id,
        ) as Extract<OutboxEntry, { kind: 'command' }>[];
        // Check-ins do not move the assignment: only the other taps say what the phone believes.
        const waitingTaps = waitingCommands.filter((entry) => entry.command !== 'checkin:report');
        const waitingCheckIns = waitingCommands.flatMap((entry) =>
          entry.command === 'checkin:report' && entry.input.kind ? [entry.input.kind] : [],
        );
        // What the phone believes after its waiting taps; the server decides when they arrive.
        const believed = (waitingTaps.at(-1)?.to as AssignmentStatus | undefined) ?? assignment.status;
        const offered = assignment.status === 'offered' && waitingTaps.length === 0;
        const full = offered && request.status === 'filled';
        const closed = offered && request.status !== 'open' && !full;
        const placesLeft = Math.max(0, request.slots - request.acceptedCount);
        // On duty elsewhere: this offer cannot be taken now, only declined.
        const elsewhere = offered && busyWith && busyWith !== item ? busyWith : null;
        const steps = (
          full || closed
            ? []
            : (waitingTaps.length > 0 ? nextAssignmentStatuses(believed, 'volunteer') : item.nextStatuses).filter(
                isStep,
              )
        ).filter((to) => !(elsewhere && to === 'accepted'));
        const isLocked = locked.has(assignment.id);
        const undoUntil = waitingTaps.length === 0 ? undoableUntil(assignment) : null;
        const canUndo = undoUntil !== null && now > 0 && now < undoUntil;
        const secondsLeft = canUndo ? Math.ceil((undoUntil - now) / 1000) : 0;
        const links = mapLinks(request);
        const zone = zones[incident.regencyCode.slice(0, 2)] ?? 'Asia/Jakarta';
        const deadline = formatWhen(request.deadline, zone, locale);
        const contact = contacts.find((entry) => entry.regencyCode === incident.regencyCode);
        const statusLabel = t(`assignmentStatus.${assignment.status}`);
        const shareText = t('offers.shareText', {
          incident: incident.title,
          regency: incident.regencyName,
          meetingPoint: request.meetingPoint,
          deadline,
          status: statusLabel,
        });
        const isHighlighted = highlighted === assignment.id;
        const duty = now > 0 ? dutyMs(assignment, now) : null;
        return (
          <li
            key={assignment.id}
            id={`tawaran-${assignment.id}`}
            className={`offer offer-${assignment.status}${isHighlighted ? ' offer-highlighted' : ''}`}
            data-testid="offer"
            data-assignment={assignment.id}
            tabIndex={isHighlighted ? -1 : undefined}
            aria-label={isHighlighted ? t('offers.highlighted') : undefined}
          >
            <p className="offer-kind">
              {t('offers.kind', { type: t(`incidentType.${incident.type}`), severity: incident.severity })}
            </p>
            <h3>{incident.title}</h3>
            {incident.description ? <p className="offer-description">{incident.description}</p> : null}
            <dl className="offer-facts">
              {incident.needs ? (
                <div>
                  <dt>{t('offers.needs')}</dt>
                  <dd>{incident.needs}</dd>
                </div>
              ) : null}
              {request.bring ? (
                <div>
                  <dt>{t('offers.bring')}</dt>
                  <dd data-testid="offer-bring">{request.bring}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t('offers.location')}</dt>
                <dd>
                  {incident.regencyName}
                  {item.distanceKm !== null ? ` · ${t('offers.fromHome', { km: item.distanceKm })}` : ''}
                </dd>
              </div>
              <div>
                <dt>{t('offers.meetingPoint')}</dt>
                <dd>
                  {request.meetingPoint}
                  <span className="map-links">
                    <a href={links.geo} data-testid="meeting-geo">
                      {t('offers.openInMaps')}
                    </a>
                    <a href={links.web} target="_blank" rel="noopener noreferrer" data-testid="meeting-map">
                      {t('offers.openMap')}
                    </a>
                  </span>
                </dd>
              </div>
              <div>
                <dt>{t('offers.deadline')}</dt>
                <dd>{deadline}</dd>
              </div>
              {request.shiftEndsAt ? (
                <div>
                  <dt>{relief('shiftEnds')}</dt>
                  <dd data-testid="offer-shift-end">{formatWhen(request.shiftEndsAt, zone, locale)}</dd>
                </div>
              ) : null}
              {duty !== null ? (
                <div>
                  <dt>{relief('hoursLabel')}</dt>
                  <dd data-testid="offer-duty-hours">{relief('hours', { hours: wholeHours(duty) })}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t('offers.places')}</dt>
                <dd data-testid="places-left">
                  {full ? t('offers.full') : t('offers.placesLeft', { left: placesLeft, slots: request.slots })}
                </dd>
              </div>
            </dl>
            <div className="offer-status-row">
              <p className="offer-status">
                {t('offers.status')}{' '}
                <strong data-testid="offer-status">{full ? t('offers.statusFull') : statusLabel}</strong>
              </p>
              {canUndo ? (
                <button
                  type="button"
                  className="link-button undo-button"
                  disabled={isLocked}
                  onClick={() => onUndo(item, assignment.status as Undoable)}
                  data-testid="undo-status"
                  aria-describedby={`undo-left-${assignment.id}`}
                >
                  {t('offers.undo')}
                  <small id={`undo-left-${assignment.id}`}> {t('offers.undoLeft', { seconds: secondsLeft })}</small>
                </button>
              ) : null}
            </div>
            {waitingTaps.map((entry) => (
              <p key={entry.seq} className="offer-pending" data-testid="offer-pending" role="status">
                {t('offers.pending', { step: tapLabel(entry, t) })}
              </p>
            ))}
            {item.checkIn && !isFinalAssignment(believed) ? (
              <CheckInCard
                status={item.checkIn}
                waiting={waitingCheckIns}
                now={now}
                timeZone={zone}
                onReport={(kind) => onCheckIn(item, kind)}
              />
            ) : null}
            {assignment.status === 'relieved' ? (
              <p className="notice notice-relieved" data-testid="offer-relieved">
                {relief('relieved')}
              </p>
            ) : null}
            {assignment.status === 'returned' && assignment.restEndsAt ? (
              <p className="notice" data-testid="offer-returned">
                {relief('returned', { when: formatWhen(assignment.restEndsAt, zone, locale) })}
              </p>
            ) : null}
            {full ? (
              <p className="notice" data-testid="offer-full">
                {t('offers.fullNotice')}
              </p>
            ) : null}
            {closed ? <p className="notice">{t('offers.closedNotice')}</p> : null}
            {elsewhere ? (
              <p className="notice" data-testid="offer-busy">
                {t('offers.busyNotice', { incident: elsewhere.incident.title })}
              </p>
            ) : null}
            {steps.length > 0 ? (
              <div className="offer-actions" aria-busy={isLocked}>
                {steps.map((to) => (
                  <StepForm
                    key={to}
                    step={to}
                    assignmentId={assignment.id}
                    from={believed}
                    idempotencyKey={formKeys[`${assignment.id}:${to}`]}
                    className={PRIMARY.has(to) ? 'big-button big-button-ok' : 'big-button'}
                    disabled={isLocked}
                    onTap={() => onStep(item, to, believed)}
                  >
                    {t(`steps.${to}`)}
                  </StepForm>
                ))}
              </div>
            ) : null}
            {isLocked && steps.length > 0 ? (
              <p className="hint" data-testid="steps-locked">
                {t('offers.locked')}
              </p>
            ) : null}
            <div className="offer-links">
              <a
                className="link-button"
                href={`https://wa.me/?text=${encodeURIComponent(shareText)}`}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="share-whatsapp"
              >
                {t('offers.share')}
              </a>
              {contact ? (
                <a className="link-button" href={`tel:${contact.phone}`} data-testid="call-coordinator">
                  {t(contact.kind === 'hotline' ? 'offers.callHotline' : 'offers.call', { name: contact.name })}
                </a>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
