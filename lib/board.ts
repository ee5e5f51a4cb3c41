import { z } from 'zod';
import { PROVINCE_CODE } from './domain';

/**
 * The leaders' board: the figures that matter now and a while ago, read from rows and the event log.
 * Shared by the read route, the page and its client components.
 */

/** How far back a trend looks: a shift (6 hours) or a day. */
export const COMPARE_HOURS = [6, 24] as const;
export type CompareHours = (typeof COMPARE_HOURS)[number];

/** Medians are taken over what finished in this many hours before the moment they describe. */
export const MEDIAN_WINDOW_HOURS = 24;
/** The timeline shows the province's events of the last hours, newest first, at most this many lines. */
export const TIMELINE_HOURS = 12;
export const TIMELINE_LINES = 40;

export const BoardQuery = z.object(
  {
    provinceCode: z
      .string({ error: 'Sebutkan provinsi: kode dua angka, mis. "62".' })
      .regex(PROVINCE_CODE, { error: 'Kode provinsi harus dua angka, mis. "62".' }),
    compareHours: z.literal(COMPARE_HOURS, { error: 'compareHours harus 6 atau 24.' }).default(6),
  },
  { error: 'Data yang dikirim harus berupa objek JSON.' },
);
export type BoardQuery = z.infer<typeof BoardQuery>;

/** A count now and `compareHours` earlier. */
export interface CountFigure {
  now: number;
  then: number;
}

/** A median duration in seconds now and earlier, with how many cases each rests on (null: no case). */
export interface MedianFigure {
  now: number | null;
  nowCases: number;
  then: number | null;
  thenCases: number;
}

export interface BoardFigures {
  available: CountFigure;
  deployed: CountFigure;
  openIncidents: CountFigure;
  /** Requests still open (not yet full), and the places they still lack now. */
  unfilledRequests: CountFigure & { missingVolunteers: number };
  /** From a request's creation to its last place taken, over the requests full now. */
  requestToFull: MedianFigure;
  /** From a volunteer's accept to the arrival report. */
  acceptToArrival: MedianFigure;
}

/** One line of the board's timeline; a burst of the same answer to one request is one line with a count. */
export interface BoardTimelineLine {
  id: number;
  type: string;
  at: string;
  count: number;
  incidentId: string | null;
  incidentTitle: string | null;
  volunteerName: string | null;
  payload: Record<string, unknown>;
}
