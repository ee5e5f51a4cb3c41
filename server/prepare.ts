import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildBoundaries } from '../db/boundaries/build';
import { boundariesAreBuilt, BOUNDARIES_DIR } from '../db/boundaries/paths';
import { PROJECT_ROOT } from './paths';

/**
 * The build step of `npm start`: boundaries first (the pages fetch them), then the Next.js production
 * build, each only when missing or older than its sources, so a later start takes seconds.
 */
const { values: flags } = parseArgs({
  options: { force: { type: 'boolean', default: false }, 'boundaries-only': { type: 'boolean', default: false } },
});

const BUILD_INPUTS = ['app', 'lib', 'server', 'db', 'public', 'next.config.js', 'tsconfig.json', 'package-lock.json'];
const IGNORED = new Set(['node_modules', '.next', 'out', 'migrations']);

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (!IGNORED.has(child)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

async function main(): Promise<void> {
  if (flags.force || !boundariesAreBuilt()) {
    const started = Date.now();
    console.log('Building kabupaten/kota boundaries…');
    await buildBoundaries({ source: 'gadm', outDir: BOUNDARIES_DIR });
    console.log(`Boundaries ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  if (flags['boundaries-only']) return;

  const buildId = path.join(PROJECT_ROOT, '.next', 'BUILD_ID');
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sourcesAt = Math.max(...BUILD_INPUTS.map((entry) => newestMtime(path.join(PROJECT_ROOT, entry))));
  if (!flags.force && builtAt > sourcesAt) return;

  console.log('Building the Posko pages (first start or changed sources)…');
  const result = spawnSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'next'), ['build'], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    console.error('Posko cannot start: the production build failed (see above).');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error('Posko cannot start: preparing the build failed:', error);
  process.exit(1);
});
