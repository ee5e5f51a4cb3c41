import { setChannelPreference } from '../set-preference';
import { replyOrRefusal, type CommandHandler } from './context';

/** SMS SELALU / SMS CADANGAN: texts always, or only when the page and push cannot reach the phone. */
export const preferenceByText: CommandHandler<'preference'> = (command, { mode }) =>
  replyOrRefusal(async () => {
    await setChannelPreference({ ctx: command.ctx, input: { mode } });
    return mode === 'always'
      ? 'Posko: setiap tawaran akan selalu dikirim juga lewat SMS/WA.'
      : 'Posko: SMS/WA hanya dikirim bila aplikasi Posko di HP Anda tidak terhubung.';
  });
