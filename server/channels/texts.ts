import type { TimeZone } from '../../lib/domain';
import { fitSms } from '../../lib/gsm';

const formatters = new Map<TimeZone, Intl.DateTimeFormat>();

/** "22/11 14.05 WIB": short, in the province's own time. */
export function shortWhen(at: Date, timeZone: TimeZone): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('id-ID', {
      day: '2-digit',
      month: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    });
    formatters.set(timeZone, format);
  }
  const label = timeZone === 'Asia/Jakarta' ? 'WIB' : timeZone === 'Asia/Makassar' ? 'WITA' : 'WIT';
  return `${format.format(at).replace(',', '')} ${label}`;
}

export interface OfferFacts {
  code: string;
  incidentTitle: string;
  meetingPoint: string;
  deadline: Date;
  timeZone: TimeZone;
}

/** The commands come first: a text cut to 160 characters still says what to answer. */
export const offerText = (offer: OfferFacts) =>
  fitSms(
    `Posko: TAWARAN TUGAS ${offer.code}. Balas TERIMA ${offer.code} atau TOLAK ${offer.code}. ${offer.incidentTitle}, kumpul ${offer.meetingPoint}, sblm ${shortWhen(offer.deadline, offer.timeZone)}`,
  );

export const reminderText = (offer: OfferFacts) =>
  fitSms(
    `Posko: tawaran ${offer.code} belum dijawab. Balas TERIMA ${offer.code} atau TOLAK ${offer.code}. ${offer.incidentTitle}, sblm ${shortWhen(offer.deadline, offer.timeZone)}`,
  );

export const cancelledText = (offer: Pick<OfferFacts, 'code' | 'incidentTitle'>) =>
  fitSms(`Posko: tugas ${offer.code} DIBATALKAN koordinator. Tidak perlu berangkat. ${offer.incidentTitle}`);

export const UNKNOWN_NUMBER_TEXT = fitSms(
  'Posko Dinas Sosial: nomor ini belum terdaftar sebagai relawan. Hubungi koordinator Dinas Sosial di daerah Anda untuk mendaftar.',
);

/** At the due time, to the volunteer: the answers first, so a cut text still says what to send. */
export const checkInDueText = (facts: { code: string; incidentTitle: string }) =>
  fitSms(
    `Posko: WAKTUNYA LAPOR AMAN (${facts.code}). Balas AMAN bila aman, BANTUAN bila butuh bantuan. ${facts.incidentTitle}`,
  );

/** Past the grace period, to the ketua regu: who, since when, and the number to call. */
export const checkInCriticalText = (facts: {
  name: string;
  phone: string;
  dueAt: Date;
  timeZone: TimeZone;
  incidentTitle: string;
}) =>
  fitSms(
    `Posko: KRITIS, ${facts.name} blm lapor aman sejak ${shortWhen(facts.dueAt, facts.timeZone)}. Hubungi ${facts.phone} sekarang. ${facts.incidentTitle}`,
  );

/** The volunteer tapped "Butuh bantuan" (or answered BANTUAN), to the ketua regu: who, and the number to call. */
export const checkInHelpText = (facts: { name: string; phone: string; incidentTitle: string }) =>
  fitSms(`Posko: BUTUH BANTUAN, ${facts.name} minta bantuan. Hubungi ${facts.phone} sekarang. ${facts.incidentTitle}`);

/** A roll call (or its reminder): HADIR and BANTUAN answer the newest roll call the volunteer was called to. */
export const rollCallText = (facts: { reminder: boolean; incidentTitle: string | null }) =>
  fitSms(
    `Posko: ${facts.reminder ? 'PENGINGAT APEL, Anda blm menjawab' : 'APEL, jawab sekarang'}. Balas HADIR bila hadir/aman, BANTUAN bila butuh bantuan.${facts.incidentTitle ? ` ${facts.incidentTitle}` : ''}`,
  );

/**
 * A coordinator's message, cut to one SMS: any reply that is not a command answers the newest message
 * of the last day (server/channels/commands/unknown.ts), so the text says so before the message itself.
 */
export const messageText = (facts: { senderName: string; body: string }) =>
  fitSms(`Posko (balas SMS ini utk menjawab) ${facts.senderName}: ${facts.body}`);
