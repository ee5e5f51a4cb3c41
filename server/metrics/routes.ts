import { readdirSync } from 'node:fs';
import path from 'node:path';

interface RouteNode {
  /** The pattern when a page or route handler ends here. */
  pattern?: string;
  fixed: Map<string, RouteNode>;
  /** `[id]`: one segment; `[...path]`: the rest. */
  dynamic?: RouteNode;
  catchAll?: RouteNode;
}

const newNode = (): RouteNode => ({ fixed: new Map() });

/** Metadata files Next serves under another name (`app/manifest.ts` → `/manifest.webmanifest`). */
const METADATA: Record<string, string> = {
  'manifest.ts': 'manifest.webmanifest',
  'robots.ts': 'robots.txt',
  'sitemap.ts': 'sitemap.xml',
};

/**
 * The app's URL patterns read from its folders as Next.js maps them (pages, route handlers and metadata
 * files; `_private` folders and `(groups)` are not part of the URL), as a tree to match paths against.
 */
export function readRouteTree(appDir: string): RouteNode {
  const root = newNode();
  const walk = (dir: string, node: RouteNode, pattern: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith('_')) continue;
        if (entry.name.startsWith('(')) {
          walk(path.join(dir, entry.name), node, pattern);
          continue;
        }
        let child: RouteNode;
        if (/^\[\[?\.\.\./.test(entry.name)) child = node.catchAll ??= newNode();
        else if (entry.name.startsWith('[')) child = node.dynamic ??= newNode();
        else child = node.fixed.get(entry.name) ?? newNode();
        if (!entry.name.startsWith('[')) node.fixed.set(entry.name, child);
        walk(path.join(dir, entry.name), child, `${pattern}/${entry.name}`);
      } else if (/^(page|route)\.(ts|tsx)$/.test(entry.name)) {
        node.pattern = pattern || '/';
      } else if (METADATA[entry.name]) {
        const file = newNode();
        file.pattern = `${pattern}/${METADATA[entry.name]}`;
        node.fixed.set(METADATA[entry.name]!, file);
      }
    }
  };
  walk(appDir, root, '');
  return root;
}

function match(node: RouteNode, segments: string[], at: number): string | undefined {
  if (at === segments.length) return node.pattern ?? node.catchAll?.pattern;
  const fixed = node.fixed.get(segments[at]!);
  // A fixed segment wins over a dynamic one (`/posko/relawan/baru` before `/posko/relawan/[id]`).
  return (
    (fixed && match(fixed, segments, at + 1)) ??
    (node.dynamic && match(node.dynamic, segments, at + 1)) ??
    node.catchAll?.pattern
  );
}

/**
 * The label a request is counted under: its route pattern (`/api/incidents/[id]`, never the id itself),
 * `/_next/*` for Next's own files, and `other` for anything the app does not serve, so the number of
 * labels stays bounded whatever paths are asked for.
 */
export function routePattern(tree: RouteNode, url: string): string {
  const pathname = url.split('?', 1)[0] ?? '/';
  if (pathname.startsWith('/_next/')) return `/_next/${pathname.split('/')[2] ?? ''}`;
  if (pathname === '/socket.io' || pathname.startsWith('/socket.io/')) return '/socket.io';
  const segments = pathname.split('/').filter(Boolean);
  return match(tree, segments, 0) ?? 'other';
}
