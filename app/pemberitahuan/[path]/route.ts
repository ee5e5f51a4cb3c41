import { createSerwistRoute } from '@serwist/turbopack';

/**
 * The coordinators' notification worker, bundled from app/_shared/push/staff-sw.ts at build time and
 * served as /pemberitahuan/sw.js (with Service-Worker-Allowed, so it can take the scope /kejadian).
 */
const worker = createSerwistRoute({
  swSrc: 'app/_shared/push/staff-sw.ts',
  useNativeEsbuild: true,
  globDirectory: '.',
  globPatterns: [],
  injectionPoint: '',
  esbuildOptions: { alias: { '@': '.' } },
});

export const { dynamic, dynamicParams, revalidate, generateStaticParams } = worker;

/** The worker script and its source map; the same for everyone (they name nobody). */
export async function GET(request: Request, context: { params: Promise<{ path: string }> }): Promise<Response> {
  return worker.GET(request, context);
}
