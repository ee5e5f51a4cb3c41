import type { CommandHandler } from './context';

/** Fits one SMS: every command a volunteer can send; any other text answers the newest message. */
export const HELP_TEXT =
  'Posko: TERIMA/TOLAK kode, BERANGKAT/TIBA/SELESAI kode, SIAGA, TIDAK SIAGA, STATUS, AMAN, BANTUAN, HADIR, SMS SELALU/CADANGAN. Teks lain: balasan pesan';

/** BANTU: the list of commands. */
export const helpByText: CommandHandler<'help'> = () => Promise.resolve(HELP_TEXT);
