import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClient, type TestClient } from '../support/realtime';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

let posko: PoskoProcess;
const sockets: TestClient[] = [];
const FOREIGN = 'https://situs-lain.example';

beforeAll(async () => {
  posko = await startPoskoProcess();
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await posko?.stop();
});

function signIn(login: string, password: string, headers: Record<string, string> = {}) {
  return fetch(`${posko.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ login, password }),
  });
}

async function cookieOf(login: string): Promise<string> {
  const response = await signIn(login, 'siaga-demo');
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

describe('requests from another site', () => {
  it('are refused for a state-changing POST, which changes nothing', async () => {
    const cookie = await cookieOf('koord.kalteng');
    const roster = (await (
      await fetch(`${posko.url}/api/volunteers?regencyCode=62.03`, { headers: { cookie } })
    ).json()) as { rows: { id: string; account: string }[] };
    const target = roster.rows.find((row) => row.account === 'none')!;

    const forged = await fetch(`${posko.url}/api/activations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: FOREIGN },
      body: JSON.stringify({ volunteerIds: [target.id] }),
    });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: string }).error).toMatch(/situs lain/);
    const after = (await (
      await fetch(`${posko.url}/api/volunteers?regencyCode=62.03`, { headers: { cookie } })
    ).json()) as { rows: { id: string; account: string }[] };
    expect(after.rows.find((row) => row.id === target.id)?.account).toBe('none');

    const own = await fetch(`${posko.url}/api/activations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: new URL(posko.url).origin },
      body: JSON.stringify({ volunteerIds: [target.id] }),
    });
    expect(own.status).toBe(201);
  });

  it('are refused for the websocket handshake, even with a valid session cookie', async () => {
    const cookie = await cookieOf('pimpinan.kalteng');
    const answer = (origin: string) => {
      const client = openClient(posko.url, { cookie, origin });
      sockets.push(client);
      return new Promise<string>((resolve) => {
        client.once('connect', () => resolve('connected'));
        client.once('connect_error', () => resolve('refused'));
      });
    };
    expect(await answer(FOREIGN)).toBe('refused');
    expect(await answer(new URL(posko.url).origin)).toBe('connected');
  });
});

describe('signing in', () => {
  it('refuses the 11th wrong password in a minute even when the password is right', async () => {
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const response = await signIn('koord.jabar', `tebakan-${attempt}`);
      expect(response.status, `attempt ${attempt}`).toBe(401);
    }
    const eleventh = await signIn('koord.jabar', 'siaga-demo');
    expect(eleventh.status).toBe(429);
    expect(eleventh.headers.get('set-cookie')).toBeNull();
    expect(((await eleventh.json()) as { error: string }).error).toMatch(/Terlalu banyak percobaan/);
  });

  it('answers an unknown account like a wrong password, and never echoes the password', async () => {
    const unknown = await signIn('tidak.ada.orangnya', 'rahasia-sekali-123');
    const wrong = await signIn('koord.kapuas', 'rahasia-sekali-123');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const [unknownBody, wrongBody] = [await unknown.text(), await wrong.text()];
    expect(unknownBody).toBe(wrongBody);
    expect(unknownBody).not.toContain('rahasia-sekali-123');
  });

  it('sets an httpOnly, SameSite=Lax session cookie, and pages carry a CSP and framing protection', async () => {
    const response = await signIn('koord.kapuas', 'siaga-demo');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(JSON.stringify(await response.json())).not.toContain('siaga-demo');

    const page = await fetch(`${posko.url}/masuk`);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    // Next puts the same nonce on its own scripts, so the page still runs under the policy.
    expect(await page.text()).toContain(`nonce="${nonce}"`);
  });
});
