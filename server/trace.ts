import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Ack } from '../lib/realtime';
import { logger, requestIdFrom, withLogContext } from './log';
import { readRouteTree, routePattern } from './metrics/routes';
import { poskoMetrics, secondsSince, statusClass } from './metrics/registry';

/** The header that carries a request's id in and out (nginx: `proxy_set_header X-Request-Id $request_id`). */
export const REQUEST_ID_HEADER = 'x-request-id';

export type RequestTracer = (req: IncomingMessage, res: ServerResponse, handle: () => void) => void;

/**
 * Wraps every HTTP request the custom server receives: gives it an id (a sane incoming X-Request-Id or
 * a new one, echoed in the answer and on every log line written while it runs), and once answered logs
 * one line and counts it under its route pattern and status class. The raw path is never logged:
 * activation and sign-up links carry their secret in it, searches carry phone numbers in the query.
 */
export function createRequestTracer(appDir: string): RequestTracer {
  const tree = readRouteTree(appDir);
  const metrics = poskoMetrics();
  return (req, res, handle) => {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader('X-Request-Id', requestId);
    const method = req.method ?? 'GET';
    const route = routePattern(tree, req.url ?? '/');
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      const status = res.headersSent ? res.statusCode : 499; // 499: the caller left before the answer
      const labels = { method, route, status: statusClass(status) };
      const seconds = secondsSince(started);
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, seconds);
      const line = { requestId, method, route, status, ms: Math.round(seconds * 10_000) / 10 };
      if (status >= 500) logger().warn(line, 'request failed');
      else if (route.startsWith('/_next/')) logger().debug(line, 'request');
      else logger().info(line, 'request');
    };
    res.once('finish', finished);
    res.once('close', finished);
    withLogContext({ requestId }, handle);
  };
}

/**
 * Runs one socket command under its own request id (on every line logged while it runs), then counts
 * it by command and outcome and logs one line. Inputs are not logged: they carry notes and positions.
 */
export async function traceCommand(
  command: string,
  who: { userId: string; socketId: string },
  run: () => Promise<Ack<unknown>>,
): Promise<Ack<unknown>> {
  const started = performance.now();
  const requestId = randomUUID();
  const result = await withLogContext({ requestId, command }, run);
  const outcome = result.ok ? 'ok' : result.code;
  const seconds = secondsSince(started);
  const metrics = poskoMetrics();
  metrics.socketCommands.inc({ command, outcome });
  metrics.socketDuration.observe({ command, outcome }, seconds);
  const line = { requestId, command, outcome, userId: who.userId, socketId: who.socketId };
  logger().info({ ...line, ms: Math.round(seconds * 10_000) / 10 }, 'command');
  return result;
}
