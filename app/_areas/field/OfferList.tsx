'use client';

import { useLocale, useTranslations } from 'next-intl';
import { nextAssignmentStatuses } from '@/lib/assignment-state';
import type { AssignmentStatus, TimeZone } from '@/lib/domain';
import type { VolunteerAssignment } from '@/server/deployments/queries';
import type { CoordinatorContact } from '@/server/volunteers/contacts';
import type { OutboxEntry } from './field-store';
import { formatWhen } from '@/app/_shared/time';

/** The steps a volunteer takes, primary ones first as a thumb reaches them. */
export type FieldStep = 'accepted' | 'declined' | 'en_route' | 'on_site' | 'completed' | 'withdrawn';
const PRIMARY = new Set<AssignmentStatus>(['accepted', 'en_route', 'on_site', 'completed']);
const isStep = (status: AssignmentStatus): status is FieldStep =>
  ['accepted', 'declined', 'en_route', 'on_site', 'completed', 'withdrawn'].includes(status);

/**
 * The volunteer's offers and assignments. Each step is one big button; a tap that waits in the outbox
 * shows as "menunggu dikirim" and the next step is already offered, so a volunteer in a dead zone can
 * accept, leave and arrive, and the server hears it all in order when the signal returns.
 */
export function OfferList({
  items,
  pending,
  contacts,
  zones,
  highlighted,
  onStep,
}: {
  items: VolunteerAssignment[];
  pending: OutboxEntry[];
  contacts: CoordinatorContact[];
  zones: Record<string, TimeZone>;
  highlighted: string | null;
  onStep: (item: VolunteerAssignment, to: FieldStep) => void;
}) {
  const t = useTranslations('field');
  const locale = useLocale();

  if (items.length === 0) {
    return (
      <p className="hint" data-testid="no-offers">
        {t('offers.none')}
      </p>
    );
  }

  return (
    <ul className="offer-list">
      {items.map((item) => {
        const { assignment, request, incident } = item;
        const waitingTaps = pending.filter(
          (entry) =>
            entry.kind === 'command' && entry.state === 'waiting' && entry.input.assignmentId === assignment.id,
        ) as Extract<OutboxEntry, { kind: 'command' }>[];
        // What the phone believes after its waiting taps; the server decides when they arrive.
        const believed = (waitingTaps.at(-1)?.to as AssignmentStatus | undefined) ?? assignment.status;
        const offered = assignment.status === 'offered' && waitingTaps.length === 0;
        const full = offered && request.status === 'filled';
        const closed = offered && request.status !== 'open' && !full;
        const placesLeft = Math.max(0, request.slots - request.acceptedCount);
        const steps =
          full || closed
            ? []
            : (waitingTaps.length > 0 ? nextAssignmentStatuses(believed, 'volunteer') : item.nextStatuses).filter(
                isStep,
              );
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
            <dl className="offer-facts">
              <div>
                <dt>{t('offers.location')}</dt>
                <dd>
                  {incident.regencyName}
                  {item.distanceKm !== null ? ` · ${t('offers.fromHome', { km: item.distanceKm })}` : ''}
                </dd>
              </div>
              <div>
                <dt>{t('offers.meetingPoint')}</dt>
                <dd>{request.meetingPoint}</dd>
              </div>
              <div>
                <dt>{t('offers.deadline')}</dt>
                <dd>{deadline}</dd>
              </div>
              <div>
                <dt>{t('offers.places')}</dt>
                <dd data-testid="places-left">
                  {full ? t('offers.full') : t('offers.placesLeft', { left: placesLeft, slots: request.slots })}
                </dd>
              </div>
            </dl>
            <p className="offer-status">
              {t('offers.status')}{' '}
              <strong data-testid="offer-status">{full ? t('offers.statusFull') : statusLabel}</strong>
            </p>
            {waitingTaps.map((entry) => (
              <p key={entry.seq} className="offer-pending" data-testid="offer-pending" role="status">
                {t('offers.pending', { step: t(`steps.${entry.to as FieldStep}`) })}
              </p>
            ))}
            {full ? (
              <p className="notice" data-testid="offer-full">
                {t('offers.fullNotice')}
              </p>
            ) : null}
            {closed ? <p className="notice">{t('offers.closedNotice')}</p> : null}
            {steps.length > 0 ? (
              <div className="offer-actions">
                {steps.map((to) => (
                  <button
                    key={to}
                    type="button"
                    className={PRIMARY.has(to) ? 'big-button big-button-ok' : 'big-button'}
                    onClick={() => onStep(item, to)}
                  >
                    {t(`steps.${to}`)}
                  </button>
                ))}
              </div>
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
                  {t('offers.call', { name: contact.name })}
                </a>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
