import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSeededPostgres, type SeededPostgres } from '../support/postgres-database';
import { startPoskoProcess, type PoskoProcess } from '../support/server';

const root = path.resolve(import.meta.dirname, '../..');
let postgres: SeededPostgres;
let posko: PoskoProcess | undefined;

beforeAll(async () => {
  postgres = await startSeededPostgres('none');
});
afterAll(async () => {
  await posko?.stop();
  await postgres?.stop();
});

function createAdmin(...args: string[]) {
  return spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['server/cli/create-admin.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: postgres.databaseUrl,
      PORT: '3000',
      NODE_ENV: 'production',
    },
  });
}

describe('the first admin on a fresh PostgreSQL database', () => {
  it('is created from the command line with a one-time link, and signs in to manage accounts', async () => {
    const created = createAdmin('--username', 'Siti', '--name', 'Siti Aminah');
    expect(created.status, created.stderr).toBe(0);
    const token = /\/aktivasi\/(\S+)/.exec(created.stdout)?.[1];
    expect(token).toBeDefined();
    expect(created.stdout).not.toMatch(/password:/i);

    const again = createAdmin('--username', 'siti', '--name', 'Siti Lagi');
    expect(again.status).toBe(1);
    expect(again.stderr.trim().split('\n')).toEqual([expect.stringContaining('already taken')]);

    posko = await startPoskoProcess({ DATABASE_URL: postgres.databaseUrl });
    expect(posko.output()).not.toMatch(/Demo accounts|siaga-demo/);

    const activated = await fetch(`${posko.url}/api/activations/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'admin-pertama-2026' }),
    });
    expect(activated.status).toBe(200);
    expect(((await activated.json()) as { home: string; role: string }).role).toBe('admin');

    const signedIn = await fetch(`${posko.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'siti', password: 'admin-pertama-2026' }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const accounts = (await (await fetch(`${posko.url}/api/accounts`, { headers: { cookie } })).json()) as {
      username: string;
      state: string;
    }[];
    expect(accounts).toEqual([expect.objectContaining({ username: 'siti', state: 'active' })]);
  });

  it('refuses to run without the names it needs', () => {
    const result = createAdmin('--username', 'budi');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Usage: npm run admin:create/);
  });
});
