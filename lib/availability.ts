import { z } from 'zod';
import { AVAILABILITIES, REGENCY_KINDS, type Availability } from './domain';

export type AvailabilityCounts = Record<Availability, number>;

/** One kabupaten/kota's volunteers by availability, in total and per pillar code. */
export const RegencyAvailability = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: z.enum(REGENCY_KINDS),
  available: z.number().int(),
  deployed: z.number().int(),
  unavailable: z.number().int(),
  byPillar: z.record(
    z.string(),
    z.object({ available: z.number().int(), deployed: z.number().int(), unavailable: z.number().int() }),
  ),
});
export type RegencyAvailability = z.infer<typeof RegencyAvailability>;

export const SetAvailability = z.object({
  availability: z.enum(AVAILABILITIES, {
    error: `availability harus salah satu dari: ${AVAILABILITIES.join(', ')}`,
  }),
});
export type SetAvailability = z.infer<typeof SetAvailability>;

export function emptyCounts(): AvailabilityCounts {
  return { available: 0, deployed: 0, unavailable: 0 };
}
