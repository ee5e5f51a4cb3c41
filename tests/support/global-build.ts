import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** The end-to-end suite runs the production server, so build it first (a no-op when up to date). */
export default function setup() {
  const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['server/prepare.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('The production build failed; see the output above.');
}
