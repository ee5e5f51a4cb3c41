import type { AssignmentStatus } from './domain';

/**
 * The life of one assignment, shared by the verbs (which refuse illegal moves) and the phone page
 * (which shows only the buttons that can work):
 *
 *   offered → accepted | declined | expired
 *   accepted → en_route → on_site → completed
 *   accepted → withdrawn (the volunteer steps back before leaving)
 *   offered | accepted | en_route | on_site → cancelled (a coordinator calls it off)
 *   on_site → relieved (a relief team arrived) → returned (back home)
 */

/** How long a volunteer may take back a status report ("Urungkan"). */
export const UNDO_WINDOW_MS = 60_000;

export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
  offered: 'Ditawarkan',
  accepted: 'Diterima',
  declined: 'Ditolak',
  expired: 'Kedaluwarsa',
  en_route: 'Berangkat',
  on_site: 'Tiba di lokasi',
  completed: 'Selesai',
  withdrawn: 'Mundur',
  cancelled: 'Dibatalkan',
  relieved: 'Diganti',
  returned: 'Kembali',
};

/** The volunteer is committed to the request: "Bertugas", and no second assignment may start. */
export const ACTIVE_ASSIGNMENT_STATUSES = [
  'accepted',
  'en_route',
  'on_site',
  'relieved',
] as const satisfies AssignmentStatus[];
/** Statuses that hold one of the request's slots (`deployment_requests.accepted_count` counts them). */
export const SLOT_TAKING_STATUSES = [
  ...ACTIVE_ASSIGNMENT_STATUSES,
  'completed',
  'returned',
] as const satisfies AssignmentStatus[];
/** Nothing moves an assignment out of these. */
export const FINAL_ASSIGNMENT_STATUSES = [
  'declined',
  'expired',
  'completed',
  'withdrawn',
  'cancelled',
  'returned',
] as const satisfies AssignmentStatus[];

export const isActiveAssignment = (status: AssignmentStatus) =>
  (ACTIVE_ASSIGNMENT_STATUSES as readonly AssignmentStatus[]).includes(status);
export const takesSlot = (status: AssignmentStatus) =>
  (SLOT_TAKING_STATUSES as readonly AssignmentStatus[]).includes(status);
export const isFinalAssignment = (status: AssignmentStatus) =>
  (FINAL_ASSIGNMENT_STATUSES as readonly AssignmentStatus[]).includes(status);

/** Who makes a move: the volunteer (or a coordinator recording the volunteer's answer), a coordinator, or the clock. */
export type AssignmentMover = 'volunteer' | 'coordinator' | 'system';

const MOVES: Record<AssignmentStatus, Partial<Record<AssignmentStatus, AssignmentMover>>> = {
  offered: { accepted: 'volunteer', declined: 'volunteer', expired: 'system', cancelled: 'coordinator' },
  accepted: { en_route: 'volunteer', withdrawn: 'volunteer', cancelled: 'coordinator' },
  en_route: { on_site: 'volunteer', cancelled: 'coordinator' },
  on_site: { completed: 'volunteer', cancelled: 'coordinator', relieved: 'system' },
  relieved: { returned: 'volunteer' },
  declined: {},
  expired: {},
  completed: {},
  withdrawn: {},
  cancelled: {},
  returned: {},
};

export type AssignmentMove = { ok: true } | { ok: false; reason: string };

/** The moves open from a status to one kind of mover, in the order a phone shows them. */
export function nextAssignmentStatuses(from: AssignmentStatus, mover: AssignmentMover): AssignmentStatus[] {
  return Object.entries(MOVES[from])
    .filter(([, by]) => by === mover)
    .map(([to]) => to as AssignmentStatus);
}

/** Whether an assignment may go from one status to another, and if not, why (for the person who tried). */
export function checkAssignmentMove(from: AssignmentStatus, to: AssignmentStatus): AssignmentMove {
  if (MOVES[from][to]) return { ok: true };
  return { ok: false, reason: refusal(from, to) };
}

const FINAL_REASONS: Record<(typeof FINAL_ASSIGNMENT_STATUSES)[number], string> = {
  declined: 'Tawaran ini sudah ditolak; statusnya tidak dapat diubah lagi.',
  expired: 'Tawaran ini sudah kedaluwarsa karena batas waktunya lewat.',
  completed: 'Penugasan ini sudah selesai; statusnya tidak dapat diubah lagi.',
  withdrawn: 'Relawan sudah mundur dari penugasan ini; statusnya tidak dapat diubah lagi.',
  cancelled: 'Penugasan ini sudah dibatalkan koordinator.',
  returned: 'Relawan sudah kembali dari penugasan ini; statusnya tidak dapat diubah lagi.',
};

function refusal(from: AssignmentStatus, to: AssignmentStatus): string {
  if (isFinalAssignment(from)) return FINAL_REASONS[from as keyof typeof FINAL_REASONS];
  if (from === to) return `Penugasan ini sudah berstatus "${ASSIGNMENT_STATUS_LABELS[to]}".`;
  if (from === 'relieved') {
    return 'Relawan sudah diganti tim pengganti; laporkan "Kembali" setelah tiba di rumah.';
  }
  switch (to) {
    case 'offered':
      return 'Penugasan yang sudah berjalan tidak dapat kembali menjadi tawaran.';
    case 'accepted':
    case 'declined':
      return from === 'accepted'
        ? 'Tawaran ini sudah diterima; untuk batal ikut, pilih "Mundur" sebelum berangkat.'
        : 'Penugasan ini sudah berjalan; hubungi koordinator bila relawan tidak dapat melanjutkan.';
    case 'expired':
      return 'Hanya tawaran yang belum dijawab yang dapat kedaluwarsa.';
    case 'withdrawn':
      return from === 'offered'
        ? 'Tawaran ini belum diterima; pilih "Tolak" bila Anda tidak dapat ikut.'
        : 'Anda sudah berangkat, jadi tidak dapat mundur sendiri; hubungi koordinator untuk membatalkan penugasan.';
    case 'en_route':
      return from === 'offered'
        ? 'Terima tawaran ini dulu sebelum melapor berangkat.'
        : 'Status tidak dapat mundur: relawan sudah tiba di lokasi.';
    case 'on_site':
      return from === 'offered'
        ? 'Terima tawaran ini dulu sebelum melapor tiba.'
        : 'Laporkan "Berangkat" dulu sebelum melapor tiba di lokasi.';
    case 'completed':
      return from === 'offered'
        ? 'Terima tawaran ini dulu sebelum melapor selesai.'
        : 'Laporkan "Tiba di lokasi" dulu sebelum melapor selesai.';
    case 'relieved':
      return 'Hanya relawan yang sudah tiba di lokasi yang dapat diganti, dan hanya saat tim pengganti tiba.';
    case 'returned':
      return 'Laporan "Kembali" hanya setelah Anda diganti tim pengganti; bila tugas selesai, pilih "Selesai".';
    default:
      return `Penugasan berstatus "${ASSIGNMENT_STATUS_LABELS[from]}" tidak dapat menjadi "${ASSIGNMENT_STATUS_LABELS[to]}".`;
  }
}
