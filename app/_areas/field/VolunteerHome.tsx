'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Me } from '@/lib/auth';
import type { AssignmentStatus, Availability, TimeZone } from '@/lib/domain';
import { INDONESIA_BOUNDS } from '@/lib/geo';
import type { LiveEvent, VolunteerUpdated } from '@/lib/realtime';
import type { VolunteerAssignment } from '@/server/deployments/queries';
import type { CoordinatorContact } from '@/server/volunteers/contacts';
import type { TeamMember, VolunteerProfile } from '@/server/volunteers/profile';
import { callApi } from '@/app/_shared/api';
import { forgetAccount, saveSnapshot, type OutboxCommand } from './field-store';
import { currentPushSubscription, newIdempotencyKey, registerFieldWorker } from './field-worker';
import { useLiveEvents } from '@/app/_shared/live-events';
import { outbox, useOutbox, type OutboxHooks } from './outbox';
import { getSocket } from '@/app/_shared/socket';
import { formatWhen } from '@/app/_shared/time';
import { ConnectionBadge } from '@/app/_shared/ConnectionBadge';
import { OfferList, type FieldStep } from './OfferList';
import { OutboxPanel } from './OutboxPanel';
import { PushToggle } from './PushToggle';
import { OwnContactForm } from './OwnContactForm';
import { UserMenu } from '@/app/_shared/UserMenu';

/** Everything the volunteer page shows, as the server renders it and as the phone keeps it for offline use. */
export interface FieldPageData {
  me: Me;
  profile: VolunteerProfile;
  team: TeamMember[] | null;
  assignments: VolunteerAssignment[];
  contacts: CoordinatorContact[];
  zones: Record<string, TimeZone>;
  vapidPublicKey: string;
  position: number;
}

const COMMAND: Record<FieldStep, OutboxCommand> = {
  accepted: 'offer:accept',
  declined: 'offer:decline',
  withdrawn: 'assignment:withdraw',
  en_route: 'assignment:report',
  on_site: 'assignment:report',
  completed: 'assignment:report',
};

const ATTACH_LOCATION = 'posko.attachLocation';

const noSubscription = () => () => {};
const offerInAddress = () => new URLSearchParams(window.location.search).get('tawaran');

function isMine(event: LiveEvent, volunteerId: string, requestIds: Set<string>): boolean {
  if (event.volunteerId === volunteerId) return true;
  const requestId = event.payload.requestId;
  return typeof requestId === 'string' && requestIds.has(requestId);
}

/** The phone's position, when the volunteer allowed it and it lies in Indonesia (else the report goes without). */
function readPosition(): Promise<{ lat: number; lng: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        const inside =
          coords.latitude >= INDONESIA_BOUNDS.minLat &&
          coords.latitude <= INDONESIA_BOUNDS.maxLat &&
          coords.longitude >= INDONESIA_BOUNDS.minLng &&
          coords.longitude <= INDONESIA_BOUNDS.maxLng;
        resolve(inside ? { lat: coords.latitude, lng: coords.longitude } : null);
      },
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 120_000 },
    );
  });
}

/**
 * The volunteer's phone: big one-thumb controls for availability and every step of an offer. Taps go
 * through the outbox (kept on the phone until the server answers), the page is saved for offline use,
 * and changes made elsewhere arrive live. `savedAt` marks the offline app shell showing saved data.
 */
export function VolunteerHome({ data, savedAt }: { data: FieldPageData; savedAt?: string }) {
  const t = useTranslations('field');
  const locale = useLocale();
  const { me, profile, team, contacts, zones, vapidPublicKey, position } = data;
  const [items, setItems] = useState(data.assignments);
  const [availability, setAvailability] = useState<Availability>(profile.availability);
  const highlighted = useSyncExternalStore(noSubscription, offerInAddress, () => null);
  const attachLocation = useRef<HTMLInputElement>(null);
  const [locationNote, setLocationNote] = useState<string | null>(null);
  const reload = useRef<{ running: Promise<VolunteerAssignment[] | null> | null; again: boolean }>({
    running: null,
    again: false,
  });
  const requestIds = new Set(items.map((item) => item.request.id));

  /** One reload at a time; a reason to reload that arrives meanwhile runs one more afterwards. */
  const refetch = useCallback((): Promise<VolunteerAssignment[] | null> => {
    const state = reload.current;
    if (state.running) {
      state.again = true;
      return state.running;
    }
    state.running = (async () => {
      let latest: VolunteerAssignment[] | null = null;
      do {
        state.again = false;
        const result = await callApi<VolunteerAssignment[]>('/api/assignments');
        if (result.ok) {
          latest = result.data;
          setItems(result.data);
        }
      } while (state.again);
      state.running = null;
      return latest;
    })();
    return state.running;
  }, []);

  const hooks = useMemo<OutboxHooks>(
    () => ({
      onAnswer: (answer) => {
        setItems((current) =>
          current.map((entry) =>
            entry.assignment.id === answer.assignment.id
              ? { ...entry, assignment: answer.assignment, request: { ...entry.request, ...answer.request } }
              : entry,
          ),
        );
        void refetch();
      },
      onAvailability: (next) => setAvailability((current) => (current === 'deployed' ? current : next)),
      reload: refetch,
    }),
    [refetch],
  );
  const entries = useOutbox(me.userId, hooks);

  useLiveEvents(
    position,
    (event) => {
      if (isMine(event, profile.id, requestIds)) void refetch();
    },
    () => void refetch(),
  );

  useEffect(() => {
    const socket = getSocket();
    const onUpdated = (update: VolunteerUpdated) => {
      if (update.volunteerId === profile.id) setAvailability(update.availability);
    };
    // The offline shell: once the server answers again, the live page takes over.
    const backOnline = () => window.location.replace('/tugas');
    socket.on('volunteer:updated', onUpdated);
    if (savedAt) socket.on('connect', backOnline);
    return () => {
      socket.off('volunteer:updated', onUpdated);
      socket.off('connect', backOnline);
    };
  }, [profile.id, savedAt]);

  // Keep the page for offline use, per account; and the worker that serves it then.
  useEffect(() => {
    if (savedAt) return;
    void saveSnapshot({
      userId: me.userId,
      me,
      profile: { ...profile, availability },
      team,
      assignments: items,
      contacts,
      zones,
      vapidPublicKey,
      savedAt: new Date().toISOString(),
    }).catch(() => {});
  }, [savedAt, me, profile, availability, team, items, contacts, zones, vapidPublicKey]);
  useEffect(() => {
    if (!savedAt) void registerFieldWorker();
  }, [savedAt]);

  // A notification's tap opens /tugas?tawaran=<id>: bring that offer into view.
  useEffect(() => {
    if (!highlighted) return;
    const element = document.getElementById(`tawaran-${highlighted}`);
    element?.scrollIntoView({ block: 'start' });
    element?.focus();
  }, [highlighted]);

  const waitingAvailability = entries.findLast((entry) => entry.kind === 'availability' && entry.state === 'waiting');
  const shownAvailability =
    waitingAvailability?.kind === 'availability' ? waitingAvailability.availability : availability;

  async function chooseAvailability(next: 'available' | 'unavailable') {
    await outbox.enqueue({ kind: 'availability', volunteerId: profile.id, availability: next });
  }

  async function step(item: VolunteerAssignment, to: FieldStep) {
    let reason: string | undefined;
    if (to === 'declined' || to === 'withdrawn') {
      const answer = window.prompt(t(to === 'declined' ? 'offers.declineReason' : 'offers.withdrawReason'));
      if (answer === null) return;
      reason = answer.trim() || undefined;
    }
    let place: { lat: number; lng: number } | null = null;
    setLocationNote(null);
    if (to === 'on_site' && attachLocation.current?.checked) {
      place = await readPosition();
      if (!place) setLocationNote(t('location.failed'));
    }
    const command = COMMAND[to];
    await outbox.enqueue({
      kind: 'command',
      command,
      input: {
        assignmentId: item.assignment.id,
        idempotencyKey: newIdempotencyKey(),
        ...(command === 'assignment:report' ? { status: to } : {}),
        ...(reason ? { reason } : {}),
        ...(place ?? {}),
      },
      to,
      incidentTitle: item.incident.title,
    });
  }

  const leave = useCallback(async () => {
    // Signing out: this phone stops receiving the account's notifications and forgets its saved page.
    const subscription = await currentPushSubscription().catch(() => null);
    if (subscription) {
      await callApi('/api/push/subscriptions', { method: 'DELETE', body: { endpoint: subscription.endpoint } });
      await subscription.unsubscribe().catch(() => false);
    }
    await forgetAccount(me.userId);
  }, [me.userId]);

  const teamCounts = (state: Availability) => team?.filter((member) => member.availability === state).length ?? 0;
  const availabilityLabel = (state: Availability) => t(`availability.${state}`);
  const deployedNow = availability === 'deployed';

  return (
    <div className="phone-page">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <div>
            <h1>{savedAt ? t('shell.title') : t('title')}</h1>
            <p className="subtitle">
              {profile.pillarName} · {profile.regencyName}
            </p>
          </div>
        </div>
        <div className="topbar-tools">
          <ConnectionBadge />
          <UserMenu me={me} onLeave={leave} />
        </div>
      </header>
      <main className="phone-body" id="isi">
        {savedAt ? (
          <p className="notice field-shell-banner" data-testid="offline-shell">
            {t('shell.banner', { when: formatWhen(savedAt, zones[me.provinceCode ?? ''] ?? 'Asia/Jakarta', locale) })}
          </p>
        ) : null}
        <OutboxPanel entries={entries} zones={zones} provinceCode={me.provinceCode} />
        <section className="card" aria-labelledby="status-title">
          <h2 id="status-title">{t('greeting', { name: profile.name })}</h2>
          <p className="status-line">
            {t('availability.current')} <strong data-testid="my-availability">{availabilityLabel(availability)}</strong>
          </p>
          {waitingAvailability ? (
            <p className="offer-pending" role="status" data-testid="availability-pending">
              {t('availability.pending', { availability: availabilityLabel(shownAvailability) })}
            </p>
          ) : null}
          {deployedNow ? (
            <p className="hint">{t('availability.deployedHint')}</p>
          ) : (
            <div className="big-choices" role="group" aria-label={t('availability.change')}>
              {(['available', 'unavailable'] as const).map((state) => (
                <button
                  key={state}
                  type="button"
                  className={state === 'available' ? 'big-button big-button-ok' : 'big-button'}
                  aria-pressed={shownAvailability === state}
                  disabled={shownAvailability === state}
                  onClick={() => void chooseAvailability(state)}
                >
                  {availabilityLabel(state)}
                </button>
              ))}
            </div>
          )}
        </section>
        <section className="card" aria-labelledby="offers-title">
          <h2 id="offers-title">{t('offers.title')}</h2>
          <OfferList
            items={items}
            pending={entries}
            contacts={contacts}
            zones={zones}
            highlighted={highlighted}
            onStep={(item, to) => void step(item, to)}
          />
          {items.some((item) => (['accepted', 'en_route'] as AssignmentStatus[]).includes(item.assignment.status)) ? (
            <label className="check-line">
              <input
                type="checkbox"
                ref={(input) => {
                  attachLocation.current = input;
                  if (input) input.checked = window.localStorage.getItem(ATTACH_LOCATION) === '1';
                }}
                onChange={(event) => window.localStorage.setItem(ATTACH_LOCATION, event.target.checked ? '1' : '0')}
              />
              <span>{t('location.attach')}</span>
            </label>
          ) : null}
          {locationNote ? <p className="hint">{locationNote}</p> : null}
        </section>
        {savedAt ? null : <PushToggle vapidPublicKey={vapidPublicKey} />}
        {team ? (
          <section className="card" aria-labelledby="team-title">
            <h2 id="team-title">{t('team.title', { count: team.length })}</h2>
            <p className="hint">
              {t('team.summary', {
                available: teamCounts('available'),
                deployed: teamCounts('deployed'),
                unavailable: teamCounts('unavailable'),
              })}
            </p>
            <details>
              <summary>{t('team.show')}</summary>
              <ul className="team-list">
                {team.map((member) => (
                  <li key={member.id}>
                    <span>{member.name}</span>
                    <span className={`pill pill-${member.availability}`}>{availabilityLabel(member.availability)}</span>
                  </li>
                ))}
              </ul>
            </details>
          </section>
        ) : null}
        {savedAt ? null : <OwnContactForm profile={profile} />}
      </main>
    </div>
  );
}
