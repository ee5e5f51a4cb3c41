import { createSerwistRoute } from '@serwist/turbopack';

/**
 * The field app's service worker, bundled from app/_areas/field/sw.ts at build time and served as
 * /serwist/sw.js (with Service-Worker-Allowed, so it can control /tugas). The worker fetches the
 * shell itself.
 */
const serwist = createSerwistRoute({
  swSrc: 'app/_areas/field/sw.ts',
  useNativeEsbuild: true,
  // Nothing is precached: installing must not depend on the network (see app/_areas/field/sw.ts).
  globDirectory: '.',
  globPatterns: [],
  injectionPoint: '',
  esbuildOptions: { alias: { '@': '.' } },
});

export const { dynamic, dynamicParams, revalidate, generateStaticParams } = serwist;

/** The worker script and its source map; the same for everyone (they name nobody). */
export async function GET(request: Request, context: { params: Promise<{ path: string }> }): Promise<Response> {
  return serwist.GET(request, context);
}
