import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The first step of `npm test`: the suites need Chromium, PostgreSQL's server binaries, nginx (the cluster
 * tests) and the DejaVu fonts.
 * As root it installs the missing Debian packages; anyone else is told the command and stopped before vitest.
 * Plain JavaScript because tsx would add most of a second to every run.
 */

// POSKO_CHROMIUM_PATH, POSKO_POSTGRESQL_DIR and POSKO_NGINX_PATH stand in for the real paths in tests/prerequisites.test.ts only.
const CHROMIUM_PATH = process.env.POSKO_CHROMIUM_PATH ?? '/usr/bin/chromium';
const POSTGRESQL_DIR = process.env.POSKO_POSTGRESQL_DIR ?? '/usr/lib/postgresql';
const NGINX_PATH = process.env.POSKO_NGINX_PATH ?? '/usr/sbin/nginx';
const FONT_PATH = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const FONTS = 'fonts-dejavu-core';

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether some PostgreSQL version under `dir` has its server binaries (Debian's `postgresql` package). */
function hasPostgresServer(dir) {
  try {
    return readdirSync(dir).some((version) => existsSync(path.join(dir, version, 'bin', 'initdb')));
  } catch {
    return false;
  }
}

function missingPackages() {
  const missing = [];
  if (!isExecutable(CHROMIUM_PATH)) missing.push('chromium');
  if (!hasPostgresServer(POSTGRESQL_DIR)) missing.push('postgresql');
  if (!isExecutable(NGINX_PATH)) missing.push('nginx');
  if (!existsSync(FONT_PATH)) missing.push(FONTS);
  return missing;
}

const inWords = (names) => names.join(', ').replace(/, ([^,]*)$/, ' and $1');

/** Runs apt-get with its output on the terminal; the reason it failed, or null. */
function aptGet(args) {
  const result = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) return result.error.message;
  if (result.status !== 0) return `apt-get ${args[0]} exited with ${result.status ?? result.signal}`;
  return null;
}

function stop(line) {
  console.error(line);
  process.exit(1);
}

const missing = missingPackages();
if (missing.length > 0) {
  // The fonts come along every time: without its recommended packages Chromium has no font to draw text with.
  const packages = [...new Set([...missing, FONTS])];
  if (process.getuid?.() !== 0) {
    stop(
      `Posko's tests need ${inWords(missing)}: run  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}  and then npm test again.`,
    );
  }
  console.log(`Installing ${packages.join(' ')} from Debian for Posko's tests…`);
  const failure = aptGet(['update', '-qq']) ?? aptGet(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
  if (failure) stop(`Could not install ${packages.join(' ')} (${failure}); install them and run npm test again.`);
  const stillMissing = missingPackages();
  if (stillMissing.length > 0) stop(`Posko's tests still lack ${inWords(stillMissing)} after apt-get install.`);
}
