import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatBytes, MAX_JSON_BODY_BYTES } from './http';
import { IMPORT_TOO_LARGE, IMPORT_UPLOAD_BYTES } from './imports/upload';
import { PHOTO_LIMITS, PHOTO_TOO_LARGE } from '../lib/situation';

interface UploadCap {
  method: string;
  path: RegExp;
  bytes: number;
  /** What the refusal says: the upload's own advice. */
  message: string;
}

/** Uploads with a cap of their own (larger than a JSON body's 1 MB, or a photo's smaller one). */
const UPLOAD_CAPS: UploadCap[] = [
  { method: 'POST', path: /^\/api\/volunteer-imports\/?$/, bytes: IMPORT_UPLOAD_BYTES, message: IMPORT_TOO_LARGE },
  {
    method: 'POST',
    path: /^\/api\/assessments\/[^/]+\/photos\/?$/,
    bytes: PHOTO_LIMITS.maxBytes,
    message: PHOTO_TOO_LARGE,
  },
];

/** The upload cap of `method path`, if it is an upload; the route's reader checks it again while the body streams. */
const uploadCap = (method: string, path: string) =>
  UPLOAD_CAPS.find((cap) => cap.method === method && cap.path.test(path));

function answer(res: ServerResponse, status: number, body: { error: string; code: string }): false {
  // The rest of an oversized body is never read: the connection closes after the answer.
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(JSON.stringify(body));
  return false;
}

/** How long a refused upload's sender may go on sending before its connection is cut. */
const LINGER_MS = 2_000;

/**
 * Answering before a body has arrived (a 413 for a streamed body over its cap) and then closing at once
 * makes the kernel reset the connection while the client is still sending, and a client that is writing
 * may see the reset (EPIPE) before it reads the answer. As nginx does, the connection lingers instead:
 * the answer is sent, the sending side closed, the rest of the body read and dropped, and the socket
 * destroyed once the client stops or after LINGER_MS.
 */
export function lingerAfterEarlyAnswer(req: IncomingMessage, res: ServerResponse): void {
  res.once('finish', () => {
    if (req.complete) return;
    const socket = req.socket;
    socket.destroySoon = () => {
      const cut = setTimeout(() => socket.destroy(), LINGER_MS);
      cut.unref();
      socket.once('close', () => clearTimeout(cut));
      socket.once('end', () => socket.destroy());
      socket.on('data', () => undefined);
      socket.end();
      socket.resume();
    };
  });
}

/** Whether every segment of the path is valid percent-encoding (`%ZZ` or a cut UTF-8 sequence is not). */
export function pathDecodes(path: string): boolean {
  try {
    for (const segment of path.split('/')) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/**
 * What the custom server refuses before Next.js reads a request: a path with broken percent-encoding
 * (Next's own decoding would throw a plain-text 500) and a body whose declared length is over its cap
 * (refused before a byte of it is read). Returns false when it has answered the request itself.
 */
export function guardLimits(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? '/';
  const path = url.split('?', 1)[0] ?? '/';
  if (!pathDecodes(path)) {
    return answer(res, 400, {
      error: 'Alamat tidak valid: ada kode persen (%) yang rusak. Periksa tautannya lalu coba lagi.',
      code: 'INVALID',
    });
  }
  const upload = uploadCap(req.method ?? 'GET', path);
  const cap = upload?.bytes ?? MAX_JSON_BODY_BYTES;
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > cap) {
    return answer(res, 413, {
      error: upload?.message ?? `Isi permintaan lebih dari ${formatBytes(cap)}. Kirim data yang lebih kecil.`,
      code: 'TOO_LARGE',
    });
  }
  return true;
}
