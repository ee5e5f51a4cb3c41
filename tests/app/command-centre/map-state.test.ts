import { describe, expect, it } from 'vitest';
import { initialMapState, mapReducer, onlyPillar } from '@/app/_areas/command-centre/map-state';
import type { RegencyAvailability } from '../../../lib/availability';

const regency = (code: string, available: number): RegencyAvailability => ({
  code,
  name: `Kabupaten ${code}`,
  shortName: code,
  kind: 'kabupaten',
  available,
  deployed: 0,
  unavailable: 0,
  byPillar: {},
});

const start = initialMapState({
  provinceCode: '62',
  position: 10,
  regencies: [regency('62.01', 5), regency('62.02', 7)],
});

describe('mapReducer', () => {
  it('applies a newer change to the regency it touched only', () => {
    const next = mapReducer(start, {
      type: 'changed',
      change: { eventId: 11, provinceCode: '62', regencies: [regency('62.02', 6)] },
    });
    expect(next.regencies.map((r) => r.available)).toEqual([5, 6]);
  });

  it('ignores a change it already has, however often it arrives', () => {
    const once = mapReducer(start, {
      type: 'changed',
      change: { eventId: 12, provinceCode: '62', regencies: [regency('62.01', 4)] },
    });
    const again = mapReducer(once, {
      type: 'changed',
      change: { eventId: 12, provinceCode: '62', regencies: [regency('62.01', 4)] },
    });
    expect(again).toBe(once);
  });

  it('ignores a change older than the snapshot, and changes for another province', () => {
    const stale = mapReducer(start, {
      type: 'changed',
      change: { eventId: 9, provinceCode: '62', regencies: [regency('62.01', 99)] },
    });
    const elsewhere = mapReducer(start, {
      type: 'changed',
      change: { eventId: 50, provinceCode: '32', regencies: [regency('62.01', 99)] },
    });
    expect(stale).toBe(start);
    expect(elsewhere).toBe(start);
  });

  it('replaces everything with a fresh snapshot after a reconnect', () => {
    const next = mapReducer(start, {
      type: 'snapshot',
      snapshot: { provinceCode: '62', position: 40, regencies: [regency('62.01', 1), regency('62.02', 2)] },
    });
    expect(next.regencies.map((r) => r.available)).toEqual([1, 2]);
    const late = mapReducer(next, {
      type: 'changed',
      change: { eventId: 30, provinceCode: '62', regencies: [regency('62.01', 99)] },
    });
    expect(late).toBe(next);
  });
});

describe('onlyPillar', () => {
  it("shows one pillar's numbers from each regency's per-pillar counts, zero where it has none", () => {
    const kapuas: RegencyAvailability = {
      ...regency('62.03', 7),
      deployed: 2,
      unavailable: 1,
      byPillar: {
        tagana: { available: 5, deployed: 2, unavailable: 0 },
        psm: { available: 2, deployed: 0, unavailable: 1 },
      },
    };
    const [tagana, nobody] = onlyPillar([kapuas, regency('62.04', 3)], 'tagana');
    expect(tagana).toMatchObject({
      available: 5,
      deployed: 2,
      unavailable: 0,
      byPillar: { tagana: kapuas.byPillar.tagana },
    });
    expect(nobody).toMatchObject({ available: 0, deployed: 0, unavailable: 0, byPillar: {} });
  });
});
