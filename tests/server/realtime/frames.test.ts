import { describe, expect, it } from 'vitest';
import { framesBySocket } from '../../../server/realtime/frames';

const members = new Map<string, Set<string>>([
  ['province:62', new Set(['staff', 'siti', 'budi'])],
  ['province-volunteers:62', new Set(['siti', 'budi', 'ani'])],
  ['volunteer:siti', new Set(['siti'])],
  ['volunteer:budi', new Set(['budi'])],
]);

describe('framesBySocket', () => {
  it('gives each socket the events it may see in one frame, sockets seeing the same events sharing it', () => {
    const frames = framesBySocket(members, [
      ['province:62', 'province-volunteers:62'],
      ['province:62', 'volunteer:siti', 'volunteer:budi'],
    ]);
    const bySocket = new Map(frames.flatMap(([ids, events]) => ids.map((id) => [id, events] as const)));
    expect(Object.fromEntries(bySocket)).toEqual({ staff: [0, 1], siti: [0, 1], budi: [0, 1], ani: [0] });
    // Two groups: one frame encoded for staff, Siti and Budi, one for Ani.
    expect(frames.map(([ids]) => ids.sort())).toEqual([['budi', 'siti', 'staff'], ['ani']]);
  });

  it('sends an event once to a socket in several of its rooms, and nothing to a room nobody is in', () => {
    const frames = framesBySocket(members, [['province:62', 'volunteer:siti', 'regency:62.03'], ['regency:62.11']]);
    expect(frames).toEqual([[['staff', 'siti', 'budi'], [0]]]);
  });
});
