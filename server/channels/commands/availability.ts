import { setVolunteerAvailability } from '../../volunteers/set-availability';
import { replyOrRefusal, type CommandHandler } from './context';

/** SIAGA / TIDAK SIAGA: the volunteer's own availability, as the big buttons on /tugas set it. */
export const availabilityByText: CommandHandler<'availability'> = (command, { availability }) =>
  replyOrRefusal(async () => {
    await setVolunteerAvailability({
      ctx: command.ctx,
      input: { volunteerId: command.ctx.actor.volunteerId, availability },
    });
    return availability === 'available'
      ? 'Posko: status Anda SIAGA. Tawaran tugas akan dikirim ke nomor ini.'
      : 'Posko: status Anda TIDAK SIAGA. Balas SIAGA bila sudah siap lagi.';
  });
