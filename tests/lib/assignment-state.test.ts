import { describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_STATUS_LABELS,
  checkAssignmentMove,
  isActiveAssignment,
  nextAssignmentStatuses,
  takesSlot,
} from '../../lib/assignment-state';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../../lib/domain';

/** The life of an assignment as DOMAIN.md tells it, written out once more by hand. */
const LEGAL: Record<AssignmentStatus, AssignmentStatus[]> = {
  offered: ['accepted', 'declined', 'expired', 'cancelled'],
  accepted: ['en_route', 'withdrawn', 'cancelled'],
  en_route: ['on_site', 'cancelled'],
  on_site: ['completed', 'cancelled', 'relieved'],
  relieved: ['returned'],
  returned: [],
  declined: [],
  expired: [],
  completed: [],
  withdrawn: [],
  cancelled: [],
};

describe('checkAssignmentMove', () => {
  const pairs = ASSIGNMENT_STATUSES.flatMap((from) => ASSIGNMENT_STATUSES.map((to) => ({ from, to })));

  it.each(pairs)('$from → $to', ({ from, to }) => {
    const move = checkAssignmentMove(from, to);
    expect(move.ok).toBe(LEGAL[from].includes(to));
    if (!move.ok) {
      // A sentence in Bahasa Indonesia, not a code: it is shown to the person who tapped the button.
      expect(move.reason).toMatch(/^[A-Z].{20,}\.$/);
      expect(move.reason).not.toMatch(/offered|accepted|en_route|on_site|undefined/);
    }
  });

  it('tells a volunteer what to do instead', () => {
    expect(checkAssignmentMove('offered', 'withdrawn')).toEqual({
      ok: false,
      reason: 'Tawaran ini belum diterima; pilih "Tolak" bila Anda tidak dapat ikut.',
    });
    expect(checkAssignmentMove('en_route', 'withdrawn')).toEqual({
      ok: false,
      reason: 'Anda sudah berangkat, jadi tidak dapat mundur sendiri; hubungi koordinator untuk membatalkan penugasan.',
    });
    expect(checkAssignmentMove('accepted', 'on_site')).toEqual({
      ok: false,
      reason: 'Laporkan "Berangkat" dulu sebelum melapor tiba di lokasi.',
    });
    expect(checkAssignmentMove('relieved', 'completed')).toEqual({
      ok: false,
      reason: 'Relawan sudah diganti tim pengganti; laporkan "Kembali" setelah tiba di rumah.',
    });
    expect(checkAssignmentMove('expired', 'accepted')).toEqual({
      ok: false,
      reason: 'Tawaran ini sudah kedaluwarsa karena batas waktunya lewat.',
    });
  });
});

describe('nextAssignmentStatuses', () => {
  it('gives a phone the buttons of its step and a coordinator the cancel button', () => {
    expect(nextAssignmentStatuses('offered', 'volunteer')).toEqual(['accepted', 'declined']);
    expect(nextAssignmentStatuses('accepted', 'volunteer')).toEqual(['en_route', 'withdrawn']);
    expect(nextAssignmentStatuses('en_route', 'volunteer')).toEqual(['on_site']);
    expect(nextAssignmentStatuses('on_site', 'volunteer')).toEqual(['completed']);
    expect(nextAssignmentStatuses('completed', 'volunteer')).toEqual([]);
    expect(nextAssignmentStatuses('on_site', 'coordinator')).toEqual(['cancelled']);
    expect(nextAssignmentStatuses('offered', 'system')).toEqual(['expired']);
    expect(nextAssignmentStatuses('on_site', 'system')).toEqual(['relieved']);
    expect(nextAssignmentStatuses('relieved', 'volunteer')).toEqual(['returned']);
  });

  it('agrees with checkAssignmentMove and labels every status', () => {
    for (const from of ASSIGNMENT_STATUSES) {
      const reachable = (['volunteer', 'coordinator', 'system'] as const).flatMap((mover) =>
        nextAssignmentStatuses(from, mover),
      );
      expect(reachable.sort()).toEqual([...LEGAL[from]].sort());
      expect(ASSIGNMENT_STATUS_LABELS[from]).toBeTruthy();
    }
  });

  it('counts a place as taken from acceptance through completion or return, and "Bertugas" until then', () => {
    expect(ASSIGNMENT_STATUSES.filter(takesSlot)).toEqual([
      'accepted',
      'en_route',
      'on_site',
      'completed',
      'relieved',
      'returned',
    ]);
    expect(ASSIGNMENT_STATUSES.filter(isActiveAssignment)).toEqual(['accepted', 'en_route', 'on_site', 'relieved']);
  });
});
