import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/cluster/ports';
import { launchPosko, startPoskoProcess, type ExitedProcess, type PoskoProcess } from '../support/server';

const dataDir = mkdtempSync(path.join(tmpdir(), 'posko-data-'));
const running: PoskoProcess[] = [];

afterAll(async () => {
  for (const posko of running) await posko.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A failed start: exits non-zero, and says what is wrong in one line. */
async function expectOneLineFailure(env: Record<string, string>): Promise<string> {
  const launched = await launchPosko(env);
  if ('url' in launched) {
    running.push(launched);
    throw new Error(`expected Posko to refuse to start, but it serves ${launched.url}`);
  }
  const { code, output } = launched as ExitedProcess;
  expect(code).not.toBe(0);
  const lines = output.trim().split('\n');
  expect(lines, output).toHaveLength(1);
  return lines[0]!;
}

describe('Posko on its embedded database', () => {
  it('starts on a data folder, serves health from PGlite, and keeps its data across a restart', async () => {
    const first = await startPoskoProcess({ POSKO_DATA_DIR: dataDir });
    running.push(first);
    expect(first.output()).toMatch(/Demo data loaded/);
    expect(await (await fetch(`${first.url}/api/health`)).json()).toEqual({ status: 'ok', database: 'pglite' });

    const regencies = (await (await fetch(`${first.url}/api/provinces/62/availability`)).json()) as {
      available: number;
    }[];
    const total = regencies.reduce((sum, regency) => sum + regency.available, 0);
    expect(total).toBeGreaterThan(1_000);

    // A second process on the same folder would corrupt it: it must be refused.
    const refusal = await expectOneLineFailure({ POSKO_DATA_DIR: dataDir });
    expect(refusal).toMatch(/already in use by another Posko process/);

    await first.stop();
    running.splice(running.indexOf(first), 1);
    const second = await startPoskoProcess({ POSKO_DATA_DIR: dataDir });
    running.push(second);
    expect(second.output()).not.toMatch(/Demo data loaded/);
    const again = (await (await fetch(`${second.url}/api/provinces/62/availability`)).json()) as {
      available: number;
    }[];
    expect(again.reduce((sum, regency) => sum + regency.available, 0)).toBe(total);
  });
});

describe('start-up failures a person can fix', () => {
  it('names the port when it is already in use', async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const line = await expectOneLineFailure({ PORT: String(port) });
      expect(line).toContain(`Port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('says it cannot reach PostgreSQL, without printing the password', async () => {
    const port = await freePort();
    const line = await expectOneLineFailure({ DATABASE_URL: `postgres://posko:geheim@127.0.0.1:${port}/posko` });
    expect(line).toContain(`Cannot connect to PostgreSQL at 127.0.0.1:${port}/posko`);
    expect(line).not.toContain('geheim');
  });

  it('rejects configuration that makes no sense', async () => {
    const line = await expectOneLineFailure({ PORT: 'delapan', DATABASE_URL: 'mysql://x' });
    expect(line).toMatch(/Invalid configuration: .*PORT.*DATABASE_URL/);
  });
});
