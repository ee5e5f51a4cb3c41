import { z } from 'zod';
import { OBJECT_ERROR, dateTime, id, idempotencyKey, optionalText, regencyCode } from './fields';

/**
 * Roll calls (apel): a coordinator asks everyone deployed on a request, an incident or from a kabupaten
 * to answer "hadir/aman" or "butuh bantuan"; the answers carry the phone's own time.
 */

export const ROLL_CALL_ANSWERS = ['present', 'need_help'] as const;
export type RollCallAnswerKind = (typeof ROLL_CALL_ANSWERS)[number];

/**
 * Scope of `called` and `reminded`: the roll call's province and kabupaten (and incident, when it has
 * one). Scope of `asked` (one per person called, also for a reminder) and `answered`: the volunteer's
 * province and kabupaten, volunteerId, and the incident of their assignment.
 */
export const ROLL_CALL_EVENTS = {
  called: 'rollcall.called',
  asked: 'rollcall.asked',
  reminded: 'rollcall.reminded',
  answered: 'rollcall.answered',
} as const;

const ONE_TARGET = 'Pilih tepat satu sasaran apel: requestId, incidentId atau regencyCode.';

export const CallRollCall = z
  .object(
    {
      requestId: id('requestId').optional(),
      incidentId: id('incidentId').optional(),
      /** Everyone from this kabupaten/kota who is deployed now, wherever they are. */
      regencyCode: regencyCode.optional(),
    },
    OBJECT_ERROR,
  )
  .refine(
    (input) =>
      [input.requestId, input.incidentId, input.regencyCode].filter((value) => value !== undefined).length === 1,
    { error: ONE_TARGET, path: ['requestId'] },
  );
export type CallRollCall = z.infer<typeof CallRollCall>;

export const RollCallRef = z.object({ rollCallId: id('rollCallId') }, OBJECT_ERROR);
export type RollCallRef = z.infer<typeof RollCallRef>;

export const AnswerRollCall = z.object(
  {
    rollCallId: id('rollCallId'),
    answer: z.enum(ROLL_CALL_ANSWERS, { error: 'Jawaban apel harus "present" (hadir/aman) atau "need_help".' }),
    note: optionalText('Catatan', 300),
    /** When the volunteer tapped, by the phone's clock (an answer made offline is sent later). */
    answeredAt: dateTime('Waktu jawaban'),
    idempotencyKey,
  },
  OBJECT_ERROR,
);
export type AnswerRollCall = z.infer<typeof AnswerRollCall>;

/** What a phone gets back for its answer; plain JSON, so a retried answer returns exactly the same. */
export const RollCallAnswered = z.object({
  rollCallId: z.string(),
  volunteerId: z.string(),
  answer: z.enum(ROLL_CALL_ANSWERS),
  answeredAt: z.string(),
  receivedAt: z.string(),
});
export type RollCallAnswered = z.infer<typeof RollCallAnswered>;

export interface RollCallEntryView {
  volunteerId: string;
  name: string;
  regencyCode: string;
  answer: RollCallAnswerKind | null;
  answeredAt: string | null;
  receivedAt: string | null;
  note: string | null;
}

/** A roll call as the coordinator follows it: `answered` counts every answer, `needHelp` those asking for help. */
export interface RollCallView {
  id: string;
  incidentId: string | null;
  requestId: string | null;
  regencyCode: string;
  calledAt: string;
  remindedAt: string | null;
  recipients: number;
  answered: number;
  needHelp: number;
  waiting: number;
  entries: RollCallEntryView[];
}

/** A roll call as the phone of one person called shows it. */
export interface OwnRollCall {
  id: string;
  incidentTitle: string | null;
  calledAt: string;
  answer: RollCallAnswerKind | null;
  answeredAt: string | null;
}
