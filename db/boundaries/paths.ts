import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the boundary build writes (gitignored: generated at start-up, never committed). */
export const BOUNDARIES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');

/** A build renames its whole directory into place, so meta.json present means every file is. */
export function boundariesAreBuilt(dir: string = BOUNDARIES_DIR): boolean {
  return existsSync(path.join(dir, 'meta.json'));
}
