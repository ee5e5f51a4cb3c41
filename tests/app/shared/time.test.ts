import { describe, expect, it } from 'vitest';
import { formatSpan, formatWhen, fromLocalInput, toLocalInput } from '@/app/_shared/time';

/** Times as the incident pages write them: the province's own zone and name, in the page's language. */
describe('times on the incident pages', () => {
  const at = '2026-11-22T07:05:00Z';

  it('writes a moment in the province’s zone, Indonesian by default', () => {
    expect(formatWhen(at, 'Asia/Jakarta')).toBe('22 Nov 14.05 WIB');
    expect(formatWhen(at, 'Asia/Makassar', 'id')).toBe('22 Nov 15.05 WITA');
    expect(formatWhen(at, 'Asia/Jayapura', 'id')).toBe('22 Nov 16.05 WIT');
    expect(formatWhen(at, 'Asia/Jakarta', 'en')).toBe('22 Nov 14:05 WIB');
    expect(formatWhen('2026-08-03T23:30:00Z', 'Asia/Jakarta', 'en')).toBe('4 Aug 06:30 WIB');
  });

  it('writes a span of time short, in either language', () => {
    expect(formatSpan(30_000)).toBe('kurang dari 1 mnt');
    expect(formatSpan(12 * 60_000)).toBe('12 mnt');
    expect(formatSpan(125 * 60_000)).toBe('2 jam 5 mnt');
    expect(formatSpan(-3 * 3_600_000)).toBe('3 jam');
    expect(formatSpan(49 * 3_600_000)).toBe('2 hari');
    expect(formatSpan(30_000, 'en')).toBe('less than 1 min');
    expect(formatSpan(125 * 60_000, 'en')).toBe('2 h 5 min');
    expect(formatSpan(24 * 3_600_000, 'en')).toBe('1 day');
    expect(formatSpan(49 * 3_600_000, 'en')).toBe('2 days');
  });

  it('reads and fills a datetime-local field in the province’s time', () => {
    expect(toLocalInput(new Date(at), 'Asia/Makassar')).toBe('2026-11-22T15:05');
    expect(fromLocalInput('2026-11-22T15:05', 'Asia/Makassar')).toBe('2026-11-22T15:05:00+08:00');
  });
});
