/// <reference lib="webworker" />
import { CacheFirst, NetworkOnly, Serwist } from 'serwist';
import { listenForPush } from '@/app/_shared/push/notifications';

/**
 * The field app's service worker (scope /tugas). It keeps only what names nobody: the offline shell
 * page and the static files it needs. Offers and assignments stay in IndexedDB per account, and API
 * answers are never cached.
 */

declare const self: ServiceWorkerGlobalScope;

const SHELL_URL = '/tugas/luring';
const SHELL_CACHE = 'posko-shell';
/** A fetch for the shell that has not finished by then is given up; the next page load tries again. */
const FETCH_TIMEOUT_MS = 20_000;

/** The build files a page or script names: `/_next/static/…` in HTML, `static/chunks/…` in a chunk loader. */
function assetsNamedIn(text: string): string[] {
  const names = [...text.matchAll(/(?:\/_next\/)?static\/[\w\-./~]+?\.(?:js|css|woff2?)/g)].map((match) =>
    match[0].startsWith('/_next/') ? match[0] : `/_next/${match[0]}`,
  );
  return [...new Set(names)];
}

/** Fetches the shell page and every static file it names, and those they name, and drops older builds'. */
async function refreshShell(): Promise<void> {
  const response = await fetch(SHELL_URL, {
    credentials: 'same-origin',
    cache: 'no-store',
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!response.ok || response.redirected) return;
  const html = await response.clone().text();
  const cache = await caches.open(SHELL_CACHE);
  // The page names its first scripts; they name the chunks loaded later (the cards /tugas shows when
  // needed), which must be on the phone too: follow the names until none is new.
  const assets = new Set<string>();
  let found = assetsNamedIn(html);
  while (found.length > 0) {
    for (const asset of found) assets.add(asset);
    const texts = await Promise.all(
      found.map(async (asset) => {
        let file = await cache.match(asset);
        if (!file) {
          const fetched = await fetch(asset, {
            credentials: 'same-origin',
            signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
          });
          if (!fetched.ok) return '';
          await cache.put(asset, fetched.clone());
          file = fetched;
        }
        return asset.endsWith('.js') ? file.text() : '';
      }),
    );
    found = [...new Set(texts.flatMap(assetsNamedIn))].filter((asset) => !assets.has(asset));
  }
  await cache.put(SHELL_URL, response);
  const keep = new Set([SHELL_URL, ...assets]);
  for (const request of await cache.keys()) {
    if (!keep.has(new URL(request.url).pathname)) await cache.delete(request);
  }
}

const serwist = new Serwist({
  skipWaiting: true,
  clientsClaim: true,
  runtimeCaching: [
    {
      // The volunteer's pages come from the network (they carry personal data); offline, the shell.
      matcher: ({ request, sameOrigin, url }) =>
        sameOrigin && request.mode === 'navigate' && url.pathname.startsWith('/tugas'),
      handler: new NetworkOnly({
        plugins: [
          {
            handlerDidError: async ({ request }) => {
              if (new URL(request.url).pathname !== SHELL_URL) return Response.redirect(SHELL_URL, 302);
              return (await caches.match(SHELL_URL, { cacheName: SHELL_CACHE })) ?? Response.error();
            },
          },
        ],
      }),
    },
    {
      // Build files have content hashes in their names: a cached copy is always right.
      matcher: ({ sameOrigin, url }) => sameOrigin && url.pathname.startsWith('/_next/static/'),
      handler: new CacheFirst({ cacheName: SHELL_CACHE }),
    },
  ],
});

// Installing never waits on the network (a phone may install the worker in a dead zone): the shell is
// fetched alongside, and again at every page load.
self.addEventListener('install', () => {
  void refreshShell().catch(() => undefined);
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'posko:refresh-shell') {
    event.waitUntil(refreshShell().catch(() => undefined));
  }
});

listenForPush(self, { home: '/tugas' });

serwist.addEventListeners();
