import type { Ack } from '../../lib/realtime';
import { DATABASE_UNAVAILABLE, DomainError, isDatabaseUnavailable } from '../errors';
import { logger } from '../log';

/** Runs a socket command and turns its outcome into an Ack; unknown failures never leak their message. */
export async function toAck<T>(run: () => Promise<T>): Promise<Ack<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (error) {
    if (error instanceof DomainError) {
      return { ok: false, code: error.code, error: error.message, ...(error.details && { details: error.details }) };
    }
    if (isDatabaseUnavailable(error)) return { ok: false, code: 'UNAVAILABLE', error: DATABASE_UNAVAILABLE };
    logger().error({ err: error }, 'Socket command failed');
    return { ok: false, code: 'INTERNAL', error: 'Terjadi kesalahan di server. Coba lagi.' };
  }
}
