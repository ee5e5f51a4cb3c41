import { describe, expect, it } from 'vitest';
import { availabilityScale, formatNumber } from '@/app/_shared/map/scale';

describe('availabilityScale', () => {
  it('splits the counts into five readable classes and greys out regencies with nobody', () => {
    const scale = availabilityScale(230);
    expect(scale.classes.map((c) => c.label)).toEqual(['1–50', '51–100', '101–150', '151–200', '≥ 201']);
    expect(scale.colourFor(0)).toBe(scale.nobody.colour);
    expect(scale.colourFor(1)).toBe(scale.classes[0]!.colour);
    expect(scale.colourFor(230)).toBe(scale.classes[4]!.colour);
    expect(scale.isDark(230)).toBe(true);
    expect(scale.isDark(10)).toBe(false);
  });

  it('still works when nobody is on standby anywhere', () => {
    const scale = availabilityScale(0);
    expect(scale.colourFor(0)).toBe(scale.nobody.colour);
    expect(scale.classes).toHaveLength(5);
  });

  it('writes numbers the Indonesian way', () => {
    expect(formatNumber(1600)).toBe('1.600');
  });
});
