import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliStatic } from '../../server/static-brotli';

let folder: string;
let server: Server;
let base: string;
const script = `console.log(${JSON.stringify('Posko '.repeat(2_000))});\n`;

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'posko-static-'));
  mkdirSync(path.join(folder, 'static', 'chunks'), { recursive: true });
  writeFileSync(path.join(folder, 'static', 'chunks', 'page.js'), script);
  writeFileSync(path.join(folder, 'secret.js'), 'rahasia');
  const serve = brotliStatic(path.join(folder, 'static'));
  // What is not served here answers as the next handler would.
  server = createServer((req, res) => serve(req, res, () => res.writeHead(299).end('next')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A raw request (fetch would decompress and hide the encoding). */
function raw(
  route: string,
  encoding = 'gzip, deflate, br',
): Promise<{ status: number; headers: Headers; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${base}${route}`, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: new Headers(res.headers as Record<string, string>),
          body: Buffer.concat(chunks),
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('build scripts compressed with Brotli', () => {
  it('sends a build script Brotli-compressed, much smaller and byte for byte the same once unpacked', async () => {
    const answer = await raw('/_next/static/chunks/page.js');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-encoding')).toBe('br');
    expect(answer.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(answer.body.length).toBeLessThan(script.length / 20);
    expect(brotliDecompressSync(answer.body).toString()).toBe(script);
  });

  it('leaves to Next.js a browser without Brotli, a missing file, and a path out of the folder', async () => {
    expect((await raw('/_next/static/chunks/page.js', 'gzip')).status).toBe(299);
    expect((await raw('/_next/static/chunks/tidak-ada.js')).status).toBe(299);
    expect((await raw('/_next/static/../secret.js')).body.toString()).not.toContain('rahasia');
    expect((await raw('/_next/static/chunks/%2e%2e/%2e%2e/secret.js')).body.toString()).not.toContain('rahasia');
    expect((await raw('/tugas')).status).toBe(299);
  });
});
