import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const APP = path.resolve(import.meta.dirname, '../../app');

/** Every HTTP entry point the app has: `GET /api/health`, …, and `PAGE /posko` for pages. */
export function discoverEntryPoints(): string[] {
  const found: string[] = [];
  const walk = (dir: string, route: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        // _private folders and (groups) are not part of the URL.
        if (entry.name.startsWith('_')) continue;
        const segment = entry.name.startsWith('(') ? '' : `/${entry.name}`;
        walk(path.join(dir, entry.name), `${route}${segment}`);
      } else if (entry.name === 'route.ts') {
        const source = readFileSync(path.join(dir, entry.name), 'utf8');
        for (const [, method] of source.matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g)) {
          found.push(`${method} ${route || '/'}`);
        }
      } else if (entry.name === 'page.tsx') {
        found.push(`PAGE ${route || '/'}`);
      }
    }
  };
  walk(APP, '');
  return found.sort();
}
