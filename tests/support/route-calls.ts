import path from 'node:path';
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { CLIENT_ADDRESS_HEADER } from '../../server/security';

const APP = path.resolve(import.meta.dirname, '../../app');

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** `POST /api/incidents/[id]/phase` → its handler, imported from app/ as Next.js would run it. */
export async function routeHandler(entry: string): Promise<RouteHandler> {
  const [method, route] = entry.split(' ') as [string, string];
  const handlers = (await import(path.join(APP, route, 'route.ts'))) as Record<string, unknown>;
  const handler = handlers[method];
  if (typeof handler !== 'function') throw new Error(`${entry}: no ${method} export`);
  return handler as RouteHandler;
}

/** The path's parameter names in order: `/api/trainings/[id]/attendance/[volunteerId]` → id, volunteerId. */
export function routeParams(entry: string): string[] {
  return [...entry.matchAll(/\[(\w+)\]/g)].map((match) => match[1]!);
}

function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export interface RouteCall {
  cookie?: string;
  params?: Record<string, string>;
  query?: URLSearchParams;
  /** A JSON text, or a form. */
  body?: string | FormData;
  headers?: Record<string, string>;
}

/**
 * Calls a route handler the way Next.js does (a Request and its decoded path parameters), behind what
 * the custom server adds (the caller's address).
 */
export async function callRoute(entry: string, call: RouteCall): Promise<Response> {
  const [method, route] = entry.split(' ') as [string, string];
  // What arrives through a URL is well-formed: a lone surrogate cannot be percent-encoded.
  const params = Object.fromEntries(
    Object.entries(call.params ?? {}).map(([name, value]) => [name, wellFormed(value)]),
  );
  const pathname = route.replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const url = `http://localhost${pathname}${call.query?.size ? `?${call.query}` : ''}`;
  const headers: Record<string, string> = {
    [CLIENT_ADDRESS_HEADER]: '127.0.0.1',
    ...(call.cookie && { cookie: call.cookie }),
    ...(typeof call.body === 'string' && { 'content-type': 'application/json' }),
    ...call.headers,
  };
  const handler = await routeHandler(entry);
  return handler(new Request(url, { method, headers, body: method === 'GET' ? undefined : call.body }), {
    params: Promise.resolve(params),
  });
}

/** Real ids from the demo data, for the calls that should reach a verb. */
export interface DemoIds {
  incidentId: string;
  requestId: string;
  assignmentId: string;
  volunteerId: string;
  volunteerUserId: string;
  trainingId: string;
  signupLinkId: string;
  signupLinkToken: string;
  signupId: string;
}

export async function demoIds(db: Executor): Promise<DemoIds> {
  const one = async (query: ReturnType<typeof sql>) => {
    const [row] = await queryRows<{ id: string }>(db, query);
    return row?.id ?? '00000000-0000-4000-8000-000000000000';
  };
  return {
    incidentId: await one(sql`select id from incidents where province_code = '62' order by created_at limit 1`),
    requestId: await one(sql`select id from deployment_requests order by created_at limit 1`),
    assignmentId: await one(sql`select id from assignments order by offered_at limit 1`),
    volunteerId: await one(sql`select id from volunteers where regency_code = '62.03' order by id limit 1`),
    volunteerUserId: await one(sql`select id from users where volunteer_id is not null order by id limit 1`),
    trainingId: await one(sql`select id from trainings where province_code = '62' order by id limit 1`),
    signupLinkId: await one(sql`select id from signup_links order by id limit 1`),
    signupLinkToken: await one(sql`select token as id from signup_links order by id limit 1`),
    signupId: await one(sql`select id from signups order by id limit 1`),
  };
}
