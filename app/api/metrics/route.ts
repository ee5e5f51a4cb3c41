import { getAppContext } from '@/server/context';
import { respond } from '@/server/http';
import { scrapeMetrics } from '@/server/metrics/scrape';

/** Prometheus scrapes this process's metrics here, with `Authorization: Bearer <POSKO_METRICS_TOKEN>`. */
export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const { contentType, body } = await scrapeMetrics({
      authorization: request.headers.get('authorization'),
      token: getAppContext().env.POSKO_METRICS_TOKEN,
    });
    return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
  });
}
