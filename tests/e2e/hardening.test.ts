import { readFileSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInDemo } from '../support/accounts';
import { discoverEntryPoints } from '../support/routes';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

/**
 * What the custom server refuses before Next.js reads a request, against the production server: broken
 * percent-encoding on every route and page with an id, and bodies over their cap, anonymous or not.
 */

let posko: PoskoProcess;
let adminCookie: string;

beforeAll(async () => {
  posko = await startPoskoProcess();
  adminCookie = await signInDemo(posko.url, 'admin');
});
afterAll(async () => {
  await posko?.stop();
});

const BROKEN = '%ZZ%E0%A4%A';

describe('a path with broken percent-encoding', () => {
  const withId = discoverEntryPoints().filter((entry) => entry.includes('['));

  it('covers every route and page with an id', () => {
    expect(withId.length).toBeGreaterThanOrEqual(30);
  });

  for (const entry of withId) {
    it(`${entry}: 400 JSON, not a plain-text 500`, async () => {
      const [kind, route] = entry.split(' ') as [string, string];
      const method = kind === 'PAGE' ? 'GET' : kind;
      const response = await fetch(`${posko.url}${route.replace(/\[\w+\]/g, BROKEN)}`, {
        method,
        headers: { cookie: adminCookie, 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{}',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(await response.json()).toEqual({
        error: 'Alamat tidak valid: ada kode persen (%) yang rusak. Periksa tautannya lalu coba lagi.',
        code: 'INVALID',
      });
    });
  }
});

describe('anonymous sign-in with hostile input', () => {
  it('a NUL in the login is a 400 naming the field, not a 500', async () => {
    const response = await fetch(`${posko.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin\u0000', password: 'siaga-demo' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { details?: Record<string, string[]> };
    expect(body.details?.login?.join(' ')).toMatch(/karakter kendali/);
  });
});

/** The resident memory of the server and its child processes, in bytes (tsx runs Node as a child). */
function residentBytes(pid: number): number {
  let total = 0;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    for (const child of children ? children.split(/\s+/) : []) total += residentBytes(Number(child));
  }
  return total;
}

/**
 * Sends `total` bytes to `path` in 64 KB chunks (with a Content-Length, or chunked without one), as
 * fast as the connection takes them, and resolves with the answer whenever it comes; the rest of the
 * body is dropped once it has.
 */
function sendLarge(
  path: string,
  total: number,
  {
    declareLength,
    cookie,
    contentType = 'application/json',
  }: { declareLength: boolean; cookie?: string; contentType?: string },
): Promise<{ status: number; body: string; sent: number }> {
  const url = new URL(path, posko.url);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        ...(declareLength ? { 'content-length': String(total) } : { 'transfer-encoding': 'chunked' }),
        ...(cookie && { cookie }),
      },
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!answered && sent < total) {
        const size = Math.min(chunk.length, total - sent);
        sent += size;
        if (!req.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (body += part));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body, sent });
        req.destroy();
      });
    });
    // Once the server has answered and closed, a write can fail; that is the refusal, not an error.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    // The first bytes, then a moment for an answer that needs only the headers (a declared length).
    req.write('{"login":"');
    setTimeout(pump, 300);
  });
}

describe('the body cap', () => {
  const MB = 1024 * 1024;

  it('a declared 200 MB anonymous sign-in is refused with 413 before it is read', async () => {
    const before = residentBytes(posko.child.pid!);
    const answer = await sendLarge('/api/auth/sign-in', 200 * MB, { declareLength: true });
    const grown = residentBytes(posko.child.pid!) - before;
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      error: 'Isi permintaan lebih dari 1 MB. Kirim data yang lebih kecil.',
      code: 'TOO_LARGE',
    });
    // Answered long before the sender got through its 200 MB.
    expect(answer.sent).toBeLessThan(50 * MB);
    console.log(
      `200 MB declared sign-in: answered after ${(answer.sent / MB).toFixed(1)} MB sent; server RSS ${(before / MB).toFixed(0)} MB → +${(grown / MB).toFixed(1)} MB`,
    );
    expect(grown).toBeLessThan(8 * MB);
  });

  it('a 200 MB anonymous sign-in sent without a length is refused with 413 once it passes 1 MB', async () => {
    const before = residentBytes(posko.child.pid!);
    const answer = await sendLarge('/api/auth/sign-in', 200 * MB, { declareLength: false });
    const grown = residentBytes(posko.child.pid!) - before;
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'TOO_LARGE' });
    expect(answer.sent).toBeLessThan(50 * MB);
    console.log(
      `200 MB chunked sign-in: answered after ${(answer.sent / MB).toFixed(1)} MB sent; server RSS ${(before / MB).toFixed(0)} MB → +${(grown / MB).toFixed(1)} MB`,
    );
    expect(grown).toBeLessThan(8 * MB);
  });

  it('a 50 MB incident from a signed-in admin is refused with 413 and not stored', async () => {
    const answer = await sendLarge('/api/incidents', 50 * MB, { declareLength: true, cookie: adminCookie });
    expect(answer.status).toBe(413);
    const list = await fetch(`${posko.url}/api/incidents?provinceCode=62&includeClosed=true`, {
      headers: { cookie: adminCookie },
    });
    expect(list.status).toBe(200);
  });

  it('the import upload keeps its own, larger cap: 5 MB reaches the import and is judged there', async () => {
    const form = new FormData();
    form.set('file', new Blob([Buffer.alloc(5 * MB, 0x41)]), 'relawan.csv');
    form.set('provinceCode', '62');
    const response = await fetch(`${posko.url}/api/volunteer-imports`, {
      method: 'POST',
      headers: { cookie: adminCookie },
      body: form,
    });
    expect(response.status).not.toBe(413);
    expect(response.status).toBeLessThan(500);
  });

  it('an import upload over its 20 MB is refused with 413 and the import’s own advice, declared or streamed', async () => {
    const advice = {
      error: 'Berkas lebih dari 20 MB. Bagi daftarnya menjadi beberapa berkas, lalu unggah satu per satu.',
      code: 'TOO_LARGE',
    };
    const form = { cookie: adminCookie, contentType: 'multipart/form-data; boundary=posko' };
    const declared = await sendLarge('/api/volunteer-imports', 21 * MB, { ...form, declareLength: true });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toEqual(advice);
    // Without a length the import's reader cuts it once it passes the cap, before it is parsed.
    const streamed = await sendLarge('/api/volunteer-imports', 21 * MB, { ...form, declareLength: false });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toEqual(advice);
  });
});
