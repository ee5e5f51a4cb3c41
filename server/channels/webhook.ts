import { DomainError } from '../errors';

/** Inbound webhooks carry one short text (or a handful from WhatsApp); anything bigger is refused unread. */
export const MAX_WEBHOOK_BYTES = 64 * 1024;

const TOO_LARGE = `Isi webhook terlalu besar (paling banyak ${MAX_WEBHOOK_BYTES / 1024} KB).`;

/** The raw body as the provider signed it, read up to the cap and no further. */
export async function readWebhookBody(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_WEBHOOK_BYTES) throw new DomainError('INVALID', TOO_LARGE);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_WEBHOOK_BYTES) {
      await reader.cancel();
      throw new DomainError('INVALID', TOO_LARGE);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const BAD_SIGNATURE = 'Tanda tangan webhook tidak ada atau tidak cocok; pesan ditolak.';
export const TOO_OLD = 'Waktu pesan lebih dari 5 menit dari sekarang; dianggap pengulangan dan ditolak.';

/** The body as JSON; anything else is the sender's mistake. */
export function parseJsonBody(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new DomainError('INVALID', 'Isi webhook harus JSON yang valid.');
  }
}
