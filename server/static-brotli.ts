import { readFile, realpath } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { brotliCompress, constants } from 'node:zlib';
import { promisify } from 'node:util';

const compress = promisify(brotliCompress);
const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The build's scripts and styles (`/_next/static/…`, named by their content, so they never change)
 * compressed once with Brotli at its best level and kept in memory: on a slow phone network they are
 * most of what /tugas waits for, and Brotli is about an eighth smaller than the gzip Next.js sends.
 * Anything else, or a file it cannot read, goes on to `fallback` (Next.js).
 */
export function brotliStatic(
  staticDir: string,
): (req: IncomingMessage, res: ServerResponse, fallback: () => void) => void {
  const cache = new Map<string, Promise<Buffer | null>>();
  const root = realpath(staticDir).catch(() => null);
  const load = (name: string): Promise<Buffer | null> => {
    let entry = cache.get(name);
    if (!entry) {
      entry = (async () => {
        const folder = await root;
        // Only files inside the build's static folder, whatever the path spells.
        const real = folder ? await realpath(path.join(folder, name)).catch(() => null) : null;
        if (!folder || !real || !real.startsWith(folder + path.sep)) return null;
        return compress(await readFile(real), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      })().catch(() => null);
      cache.set(name, entry);
    }
    return entry;
  };
  return (req, res, fallback) => {
    const match = /^\/_next\/static\/([\w./-]+\.(js|css))(\?.*)?$/.exec(req.url ?? '');
    const wanted =
      (req.method === 'GET' || req.method === 'HEAD') &&
      match &&
      !match[1]!.includes('..') &&
      /\bbr\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (!wanted) return fallback();
    const name = match[1]!;
    void load(name).then((body) => {
      if (!body) return fallback();
      res.writeHead(200, {
        'content-type': TYPES[path.extname(name)]!,
        'content-encoding': 'br',
        'content-length': body.length,
        'cache-control': 'public, max-age=31536000, immutable',
        vary: 'Accept-Encoding',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  };
}
