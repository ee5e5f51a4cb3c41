import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';

/** One message Posko posted to a subscription's endpoint. */
export interface PushDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface PushService {
  /** Where subscriptions' endpoints point (Posko is told to allow it with POSKO_PUSH_ORIGINS). */
  origin: string;
  /** Every message received, in order. */
  deliveries: PushDelivery[];
  close(): Promise<void>;
}

/**
 * A stand-in push service on this machine: it keeps what Posko posts to each subscription's path and
 * answers 201 Created as FCM and Mozilla's service do, or the status `answer` gives for a path (410 Gone
 * for a subscription the browser dropped).
 */
export async function startPushService(answer: (path: string) => number = () => 201): Promise<PushService> {
  const deliveries: PushDelivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '';
      deliveries.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(answer(path)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deliveries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A browser's push subscription: a P-256 key pair and a 16-byte auth secret. */
export function newPhoneKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, auth, p256dh: ecdh.getPublicKey().toString('base64url'), authText: auth.toString('base64url') };
}

/** RFC 8291 + RFC 8188 (aes128gcm), as a browser decrypts a push message: one record, padding stripped. */
export function decrypt(body: Buffer, phone: ReturnType<typeof newPhoneKeys>): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const serverPublicKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const secret = phone.ecdh.computeSecret(serverPublicKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), phone.ecdh.getPublicKey(), serverPublicKey]);
  const ikm = Buffer.from(hkdfSync('sha256', secret, phone.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  expect(padded[end], 'the last record ends with the delimiter 0x02').toBe(2);
  return padded.subarray(0, end).toString('utf8');
}
