'use client';

import { useCallback, useRef, useState } from 'react';
import { ASSIGNMENT_STATUS_LABELS } from '@/lib/assignment-state';
import type { AssignmentAnswer } from '@/lib/dispatch';
import { INCIDENT_TYPE_LABELS, type AssignmentStatus } from '@/lib/domain';
import type { Ack, ClientToServerEvents, LiveEvent } from '@/lib/realtime';
import type { VolunteerAssignment } from '@/server/deployments/queries';
import { callApi } from '../_lib/api';
import { useLiveEvents } from '../_lib/live-events';
import { getSocket } from '../_lib/socket';

const WHEN = new Intl.DateTimeFormat('id-ID', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Jakarta',
  timeZoneName: 'short',
});

type PhoneCommand = 'offer:accept' | 'offer:decline' | 'assignment:withdraw' | 'assignment:report';

/** The button for each next step the volunteer may take, in the order a thumb reaches them. */
const STEP: Partial<Record<AssignmentStatus, { label: string; command: PhoneCommand; primary: boolean }>> = {
  accepted: { label: 'Terima', command: 'offer:accept', primary: true },
  en_route: { label: 'Berangkat', command: 'assignment:report', primary: true },
  on_site: { label: 'Tiba di lokasi', command: 'assignment:report', primary: true },
  completed: { label: 'Selesai', command: 'assignment:report', primary: true },
  declined: { label: 'Tolak', command: 'offer:decline', primary: false },
  withdrawn: { label: 'Mundur', command: 'assignment:withdraw', primary: false },
};

function isMine(event: LiveEvent, volunteerId: string, requestIds: Set<string>): boolean {
  if (event.volunteerId === volunteerId) return true;
  const requestId = event.payload.requestId;
  return typeof requestId === 'string' && requestIds.has(requestId);
}

/**
 * The volunteer's offers and assignments, live: a new offer appears at once, a full request says so,
 * and every step is one tap. Each tap carries an idempotency key, so a retry counts once.
 */
export function OfferList({
  volunteerId,
  initial,
  position,
}: {
  volunteerId: string;
  initial: VolunteerAssignment[];
  position: number;
}) {
  const [items, setItems] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // One reload at a time; a reason to reload that arrives meanwhile runs one more afterwards.
  const reload = useRef<{ running: boolean; again: boolean }>({ running: false, again: false });
  const requestIds = new Set(items.map((item) => item.request.id));

  const refetch = useCallback(() => {
    const state = reload.current;
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = true;
    void (async () => {
      do {
        state.again = false;
        const result = await callApi<VolunteerAssignment[]>('/api/assignments');
        if (result.ok) setItems(result.data);
      } while (state.again);
      state.running = false;
    })();
  }, []);

  useLiveEvents(
    position,
    (event) => {
      if (isMine(event, volunteerId, requestIds)) refetch();
    },
    refetch,
  );

  async function step(item: VolunteerAssignment, to: AssignmentStatus) {
    const move = STEP[to];
    if (!move) return;
    let reason: string | undefined;
    if (to === 'declined' || to === 'withdrawn') {
      reason =
        window.prompt(to === 'declined' ? 'Alasan menolak (boleh kosong):' : 'Alasan mundur (boleh kosong):') ??
        undefined;
      if (reason === undefined) return;
    }
    setBusy(item.assignment.id);
    setErrors((current) => ({ ...current, [item.assignment.id]: '' }));
    const input = {
      assignmentId: item.assignment.id,
      idempotencyKey: crypto.randomUUID(),
      ...(move.command === 'assignment:report' ? { status: to } : {}),
      ...(reason ? { reason } : {}),
    };
    const socket = getSocket();
    let result: Ack<AssignmentAnswer>;
    try {
      result = await socket
        .timeout(15_000)
        .emitWithAck(move.command, input as Parameters<ClientToServerEvents[PhoneCommand]>[0]);
    } catch {
      result = { ok: false, code: 'INTERNAL', error: 'Tidak ada jawaban dari server. Periksa sinyal lalu coba lagi.' };
    }
    setBusy(null);
    if (!result.ok) {
      setErrors((current) => ({ ...current, [item.assignment.id]: result.error }));
      refetch();
      return;
    }
    const answer = result.data;
    setItems((current) =>
      current.map((entry) =>
        entry.assignment.id === answer.assignment.id
          ? { ...entry, assignment: answer.assignment, request: { ...entry.request, ...answer.request } }
          : entry,
      ),
    );
    refetch();
  }

  if (items.length === 0) {
    return (
      <p className="hint" data-testid="no-offers">
        Belum ada permintaan penugasan untuk Anda. Permintaan baru muncul di sini saat dikirim.
      </p>
    );
  }

  return (
    <ul className="offer-list">
      {items.map((item) => {
        const { assignment, request, incident } = item;
        const waiting = assignment.status === 'offered';
        const full = waiting && request.status === 'filled';
        const closed = waiting && request.status !== 'open' && !full;
        const placesLeft = Math.max(0, request.slots - request.acceptedCount);
        const steps = full || closed ? [] : item.nextStatuses;
        return (
          <li key={assignment.id} className={`offer offer-${assignment.status}`} data-testid="offer">
            <p className="offer-kind">
              {INCIDENT_TYPE_LABELS[incident.type]} · tingkat {incident.severity}
            </p>
            <h3>{incident.title}</h3>
            <dl className="offer-facts">
              <div>
                <dt>Lokasi</dt>
                <dd>
                  {incident.regencyName}
                  {item.distanceKm !== null ? ` · ±${item.distanceKm.toLocaleString('id-ID')} km dari rumah` : ''}
                </dd>
              </div>
              <div>
                <dt>Titik kumpul</dt>
                <dd>{request.meetingPoint}</dd>
              </div>
              <div>
                <dt>Batas waktu</dt>
                <dd>{WHEN.format(new Date(request.deadline))}</dd>
              </div>
              <div>
                <dt>Tempat</dt>
                <dd data-testid="places-left">
                  {full ? 'Sudah penuh' : `${placesLeft} dari ${request.slots} tempat tersisa`}
                </dd>
              </div>
            </dl>
            <p className="offer-status">
              Status:{' '}
              <strong data-testid="offer-status">{full ? 'Penuh' : ASSIGNMENT_STATUS_LABELS[assignment.status]}</strong>
            </p>
            {full ? (
              <p className="notice" data-testid="offer-full">
                Permintaan ini sudah penuh. Terima kasih — bila ada tempat kosong lagi, tombol Terima muncul kembali.
              </p>
            ) : null}
            {closed ? <p className="notice">Permintaan ini sudah ditutup koordinator.</p> : null}
            {steps.length > 0 ? (
              <div className="offer-actions">
                {steps.map((to) => {
                  const move = STEP[to];
                  if (!move) return null;
                  return (
                    <button
                      key={to}
                      type="button"
                      className={move.primary ? 'big-button big-button-ok' : 'big-button'}
                      disabled={busy === assignment.id}
                      onClick={() => void step(item, to)}
                    >
                      {move.label}
                    </button>
                  );
                })}
              </div>
            ) : null}
            {errors[assignment.id] ? (
              <p className="form-error" role="alert">
                {errors[assignment.id]}
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
