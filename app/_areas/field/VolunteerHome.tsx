'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Me } from '@/lib/auth';
import type { AssignmentStatus, Availability, TimeZone } from '@/lib/domain';
import type { ASSIGNMENT_EVENTS } from '@/lib/dispatch';
import { UNDO_WINDOW_MS } from '@/lib/assignment-state';
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
import { useConnection } from '@/app/_shared/use-connection';
import { OfferList, type FieldStep } from './OfferList';
import { OutboxPanel } from './OutboxPanel';
import type { PlaceChoice } from '@/server/assessments/places';
import type { ChannelPreference as ChannelPreferenceMode } from '@/lib/channels';
import { UserMenu } from '@/app/_shared/UserMenu';
import { isCheckInEvent } from '@/lib/check-in-events';
import type { FieldFlash } from '@/lib/field-form';
import { FIELD_FLASH_COOKIE } from '@/lib/field-form-names';
import type { OwnMessage } from '@/lib/messaging';
import type { OwnRollCall } from '@/lib/roll-calls';
import type { Consent } from '@/lib/privacy';
import { ActionForm } from './StepForm';
import {
  AssessmentCard,
  ChannelPreference,
  MessagesCard,
  OwnContactForm,
  PrivacyChoices,
  PushToggle,
  RollCallCard,
  TeamCheckIns,
  WriteToPosko,
} from './later';

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
  /** Texts by SMS/WhatsApp always, or only as a fallback (absent: the choice is not shown). */
  channelPreference?: ChannelPreferenceMode;
  /** Kecamatan and desa of the kabupaten of each incident the volunteer is deployed to, for assessments offline. */
  places?: Record<string, PlaceChoice[]>;
  /** Roll calls and messages of the last days (absent in a page saved before they existed). */
  contact?: FieldContact;
  /** The volunteer's consents as the server keeps them (absent in an old saved page: no position is sent). */
  consent?: Consent;
  /** Days after an assignment ends that its positions are kept. */
  retentionDays?: number;
  /** The server's idempotency key for each form on the page (`assignmentId:step`, `availability:…`). */
  formKeys?: Record<string, string>;
  /** The outcome of the form post that led here, shown once. */
  flash?: FieldFlash;
}

export interface FieldContact {
  rollCalls: OwnRollCall[];
  messages: OwnMessage[];
}

const NO_CONTACT: FieldContact = { rollCalls: [], messages: [] };

const COMMAND: Record<FieldStep, OutboxCommand> = {
  accepted: 'offer:accept',
  declined: 'offer:decline',
  withdrawn: 'assignment:withdraw',
  en_route: 'assignment:report',
  on_site: 'assignment:report',
  completed: 'assignment:report',
  returned: 'assignment:report',
};

/** After a tap the assignment's buttons stay locked at least this long, answered or not: no double tap lands. */
const HOLD_MS = 1_500;
const BACK_FROM: Record<'en_route' | 'on_site' | 'completed' | 'returned', AssignmentStatus> = {
  en_route: 'accepted',
  on_site: 'en_route',
  completed: 'on_site',
  returned: 'relieved',
};

const noSubscription = () => () => {};
/** Spelled out, checked against the contract, so the page loads no schema library for it. */
const OFFERED: (typeof ASSIGNMENT_EVENTS)['offered'] = 'assignment.offered';
const offerInAddress = () => new URLSearchParams(window.location.search).get('tawaran');

function isMine(event: LiveEvent, volunteerId: string, requestIds: Set<string>): boolean {
  if (event.volunteerId === volunteerId) return true;
  // A wave's offers reach only the volunteers it offered the request to.
  if (event.type === OFFERED) return true;
  const requestId = event.payload.requestId;
  return typeof requestId === 'string' && requestIds.has(requestId);
}

/** The assignment a volunteer writes to the posko from: the one running now. */
function runningAssignment(items: VolunteerAssignment[]): { id: string; incidentTitle: string } | null {
  const running = items.find((item) =>
    (['accepted', 'en_route', 'on_site'] as AssignmentStatus[]).includes(item.assignment.status),
  );
  return running ? { id: running.assignment.id, incidentTitle: running.incident.title } : null;
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
  const tOperations = useTranslations('operations');
  const tPhone = useTranslations('phone');
  const locale = useLocale();
  const { me, profile, team, contacts, zones, vapidPublicKey, position, places } = data;
  const contact = data.contact ?? NO_CONTACT;
  const [items, setItems] = useState(data.assignments);
  const [availability, setAvailability] = useState<Availability>(profile.availability);
  const highlighted = useSyncExternalStore(noSubscription, offerInAddress, () => null);
  const [consent, setConsent] = useState<Consent>(data.consent ?? { positions: null, texts: true });
  const sharePosition = consent.positions === true;
  const [locationNote, setLocationNote] = useState<string | null>(null);
  // Roll calls and messages load their card once there is one to show (on the page or arriving live).
  const [contactArrived, setContactArrived] = useState({ rollCalls: false, messages: false });
  const formKeys = data.formKeys ?? {};
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
      onCheckIn: (status) =>
        setItems((current) =>
          current.map((entry) => (entry.assignment.id === status.assignmentId ? { ...entry, checkIn: status } : entry)),
        ),
      onAvailability: (next) => setAvailability((current) => (current === 'deployed' ? current : next)),
      reload: refetch,
    }),
    [refetch],
  );
  const entries = useOutbox(me.userId, hooks);
  const [teamKey, setTeamKey] = useState(0);
  const connection = useConnection();

  // Taps being prepared (reading the position) and when each assignment was last tapped.
  const [inFlight, setInFlight] = useState<ReadonlySet<string>>(new Set());
  const [tappedAt, setTappedAt] = useState<Record<string, number>>({});
  const lastTap = useRef(new Map<string, number>());
  // The page's clock, null until mounted so the server's render and the phone's agree.
  const [now, setNow] = useState<number | null>(null);
  const clockNeeded =
    now === null ||
    Object.values(tappedAt).some((at) => now - at < HOLD_MS) ||
    items.some((item) => {
      const { departedAt, arrivedAt, completedAt } = item.assignment;
      return [departedAt, arrivedAt, completedAt].some((at) => at && now - Date.parse(at) < UNDO_WINDOW_MS);
    });
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = window.setTimeout(tick, 0);
    // Ticks while a lock or an undo window runs out; otherwise a check-in's due time needs a slow clock.
    const timer = window.setInterval(tick, clockNeeded ? 250 : 15_000);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [clockNeeded]);
  const waitingFor = new Set(
    entries.flatMap((entry) =>
      entry.kind === 'command' && entry.state === 'waiting' && entry.command !== 'checkin:report'
        ? [entry.input.assignmentId]
        : [],
    ),
  );
  // Online, a waiting tap locks its assignment until the server answers; offline only the hold applies,
  // so a volunteer in a dead zone can still report step after step.
  const locked = new Set(
    items
      .map((item) => item.assignment.id)
      .filter(
        (id) =>
          inFlight.has(id) ||
          (now !== null && now - (tappedAt[id] ?? 0) < HOLD_MS) ||
          (connection !== 'offline' && waitingFor.has(id)),
      ),
  );

  /** Claims a tap on an assignment, synchronously, so a second tap before the next render is ignored. */
  function claimTap(id: string): boolean {
    const at = Date.now();
    if (at - (lastTap.current.get(id) ?? 0) < HOLD_MS || inFlight.has(id)) return false;
    lastTap.current.set(id, at);
    setTappedAt((current) => ({ ...current, [id]: at }));
    setNow(at);
    return true;
  }

  useLiveEvents(
    position,
    (event) => {
      if (team && isCheckInEvent(event.type) && event.volunteerId !== profile.id) setTeamKey((key) => key + 1);
      if (isMine(event, profile.id, requestIds)) void refetch();
      if (event.volunteerId === profile.id) {
        const { rollCallId, messageId } = event.payload;
        if (typeof rollCallId === 'string' || typeof messageId === 'string') {
          setContactArrived((seen) => ({
            rollCalls: seen.rollCalls || typeof rollCallId === 'string',
            messages: seen.messages || typeof messageId === 'string',
          }));
        }
      }
    },
    () => {
      setTeamKey((key) => key + 1);
      void refetch();
    },
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
      places,
      contact: data.contact,
      savedAt: new Date().toISOString(),
    }).catch(() => {});
  }, [savedAt, me, profile, availability, team, items, contacts, zones, vapidPublicKey, places, data.contact]);
  useEffect(() => {
    if (!savedAt) void registerFieldWorker();
  }, [savedAt]);

  // A form post's outcome is shown once: a reload after it does not repeat it.
  useEffect(() => {
    if (data.flash) document.cookie = `${FIELD_FLASH_COOKIE}=; Max-Age=0; Path=/tugas; SameSite=Lax`;
  }, [data.flash]);

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

  async function step(item: VolunteerAssignment, to: FieldStep, from: AssignmentStatus) {
    const id = item.assignment.id;
    if (!claimTap(id)) return;
    setInFlight((current) => new Set(current).add(id));
    try {
      await sendStep(item, to, from);
    } finally {
      setInFlight((current) => {
        const next = new Set(current);
        next.delete(id);
        return next;
      });
    }
  }

  async function undo(item: VolunteerAssignment, status: keyof typeof BACK_FROM) {
    if (!claimTap(item.assignment.id)) return;
    await outbox.enqueue({
      kind: 'command',
      command: 'assignment:undo',
      input: { assignmentId: item.assignment.id, idempotencyKey: newIdempotencyKey(), status },
      to: BACK_FROM[status],
      incidentTitle: item.incident.title,
    });
  }

  /** "Saya aman" / "Butuh bantuan": through the outbox, with the tap's own time and, when allowed, the position. */
  async function checkIn(item: VolunteerAssignment, kind: 'safe' | 'help') {
    let note: string | undefined;
    if (kind === 'help') {
      const answer = window.prompt(tOperations('checkIn.helpNote'));
      if (answer === null) return;
      note = answer.trim() || undefined;
    }
    const clientAt = new Date().toISOString();
    setLocationNote(null);
    let place: { lat: number; lng: number } | null = null;
    if (sharePosition) {
      place = await readPosition();
      if (!place) setLocationNote(t('location.failed'));
    }
    await outbox.enqueue({
      kind: 'command',
      command: 'checkin:report',
      input: {
        assignmentId: item.assignment.id,
        idempotencyKey: newIdempotencyKey(),
        kind,
        clientAt,
        ...(note ? { note } : {}),
        ...(place ?? {}),
      },
      to: 'checkin',
      incidentTitle: item.incident.title,
    });
  }

  async function sendStep(item: VolunteerAssignment, to: FieldStep, from: AssignmentStatus) {
    let reason: string | undefined;
    if (to === 'declined' || to === 'withdrawn') {
      const answer = window.prompt(t(to === 'declined' ? 'offers.declineReason' : 'offers.withdrawReason'));
      if (answer === null) return;
      reason = answer.trim() || undefined;
    }
    let place: { lat: number; lng: number } | null = null;
    setLocationNote(null);
    if (to === 'on_site' && sharePosition) {
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
        ...(command === 'assignment:report' ? { status: to, from } : {}),
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

  const running = runningAssignment(items);
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
        {data.flash ? (
          <p className={data.flash.ok ? 'notice' : 'notice notice-error'} role="status" data-testid="form-flash">
            {data.flash.ok ? tPhone(`flash.${data.flash.done}`) : tPhone('flash.refused', { error: data.flash.error })}
          </p>
        ) : null}
        <OutboxPanel entries={entries} zones={zones} provinceCode={me.provinceCode} />
        {contact.rollCalls.length > 0 || contactArrived.rollCalls ? (
          <RollCallCard
            initial={contact.rollCalls}
            position={position}
            volunteerId={profile.id}
            entries={entries}
            incidentTitles={Object.fromEntries(items.map((item) => [item.incident.id, item.incident.title]))}
            zone={zones[me.provinceCode ?? ''] ?? 'Asia/Jakarta'}
          />
        ) : null}
        {contact.messages.length > 0 || contactArrived.messages ? (
          <MessagesCard
            initial={contact.messages}
            position={position}
            volunteerId={profile.id}
            entries={entries}
            zone={zones[me.provinceCode ?? ''] ?? 'Asia/Jakarta'}
          />
        ) : null}
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
                <ActionForm
                  key={state}
                  fields={{
                    action: 'availability',
                    availability: state,
                    idempotencyKey: formKeys[`availability:${state}`],
                  }}
                  className={state === 'available' ? 'big-button big-button-ok' : 'big-button'}
                  pressed={shownAvailability === state}
                  disabled={shownAvailability === state}
                  onTap={() => void chooseAvailability(state)}
                >
                  {availabilityLabel(state)}
                </ActionForm>
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
            locked={locked}
            now={now ?? 0}
            onStep={(item, to, from) => void step(item, to, from)}
            onUndo={(item, status) => void undo(item, status)}
            onCheckIn={(item, kind) => void checkIn(item, kind)}
            formKeys={formKeys}
          />
          {locationNote ? <p className="hint">{locationNote}</p> : null}
        </section>
        {running ? <WriteToPosko assignment={running} /> : null}
        {items
          .filter((item) => item.assignment.status === 'on_site' && places?.[item.incident.regencyCode])
          .map((item) => (
            <AssessmentCard
              key={item.assignment.id}
              item={item}
              places={places![item.incident.regencyCode]!}
              readPosition={() => (sharePosition ? readPosition() : Promise.resolve(null))}
            />
          ))}
        {savedAt ? null : (
          <PrivacyChoices consent={consent} retentionDays={data.retentionDays ?? 30} onChange={setConsent} />
        )}
        {savedAt ? null : <PushToggle vapidPublicKey={vapidPublicKey} />}
        {savedAt || !data.channelPreference ? null : <ChannelPreference initial={data.channelPreference} />}
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
            {savedAt ? null : (
              <TeamCheckIns refreshKey={teamKey} timeZone={zones[me.provinceCode ?? ''] ?? 'Asia/Jakarta'} />
            )}
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
