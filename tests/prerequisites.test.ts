import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const isRoot = process.getuid?.() === 0;

// A copy outside the checkout, which `nobody` may not be allowed to read (e.g. a clone under /root).
const copy = mkdtempSync(path.join(tmpdir(), 'posko-prerequisites-'));
chmodSync(copy, 0o755);
const script = path.join(copy, 'prerequisites.mjs');
copyFileSync(path.resolve(import.meta.dirname, 'support/prerequisites.mjs'), script);
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** The first step of `npm test`, run as `nobody` when the suite runs as root, so that it never installs anything. */
function check(env: Record<string, string>, { asRoot = false } = {}) {
  const [command, ...args] = [
    ...(isRoot && !asRoot ? ['runuser', '-u', 'nobody', '--'] : []),
    process.execPath,
    script,
  ];
  const started = performance.now();
  const result = spawnSync(command!, args, {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 20_000,
  });
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

const NO_CHROMIUM = { POSKO_CHROMIUM_PATH: '/nonexistent/chromium' };

describe('what npm test needs from the machine', () => {
  it('with everything there, passes at once and says nothing', () => {
    const result = check({});
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
    expect(result.seconds).toBeLessThan(2);
  });

  it('without Chromium, stops an ordinary user within seconds with the one command to run', () => {
    const result = check(NO_CHROMIUM);
    expect(result.status).toBe(1);
    expect(result.seconds).toBeLessThan(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "Posko's tests need chromium: run  sudo apt-get update && sudo apt-get install -y chromium fonts-dejavu-core  and then npm test again.\n",
    );
  });

  it('names every missing package in the same line', () => {
    const result = check({
      ...NO_CHROMIUM,
      POSKO_POSTGRESQL_DIR: '/nonexistent/postgresql',
      POSKO_NGINX_PATH: '/nonexistent/nginx',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "Posko's tests need chromium, postgresql and nginx: run  sudo apt-get update && sudo apt-get install -y chromium postgresql nginx fonts-dejavu-core  and then npm test again.\n",
    );
  });

  it.runIf(isRoot)('as root, installs the missing packages from Debian and checks again', () => {
    // A stand-in apt-get that only writes down how it was called: nothing is installed on this machine.
    const bin = mkdtempSync(path.join(tmpdir(), 'posko-apt-'));
    const calls = path.join(bin, 'calls');
    writeFileSync(path.join(bin, 'apt-get'), `#!/bin/sh\necho "$DEBIAN_FRONTEND apt-get $*" >> ${calls}\n`);
    chmodSync(path.join(bin, 'apt-get'), 0o755);
    try {
      const result = check({ ...NO_CHROMIUM, PATH: `${bin}:${process.env.PATH}` }, { asRoot: true });
      expect(result.stdout).toBe("Installing chromium fonts-dejavu-core from Debian for Posko's tests…\n");
      expect(readFileSync(calls, 'utf8')).toBe(
        'noninteractive apt-get update -qq\n' +
          'noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core\n',
      );
      // The stand-in installed nothing, so Chromium is still not at the path checked.
      expect(result.stderr).toBe("Posko's tests still lack chromium after apt-get install.\n");
      expect(result.status).toBe(1);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
