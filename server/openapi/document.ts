import { z } from 'zod';
import { API_TOKEN_MAX_DAYS } from '../../lib/api-tokens';
import { SESSION_COOKIE } from '../auth/sessions';
import { OPERATIONS, type Operation } from './operations';
import { ApiError } from './responses';

type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), as a request would send it. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  // The document names its dialect once (OpenAPI 3.1 defaults to 2020-12).
  delete json.$schema;
  return json;
}

/** The JSON Schema without the fields the route takes from its path. */
function without(schema: JsonSchema, fields: readonly string[]): JsonSchema {
  if (fields.length === 0 || !schema.properties) return schema;
  const properties = Object.fromEntries(
    Object.entries(schema.properties as Record<string, unknown>).filter(([name]) => !fields.includes(name)),
  );
  const required = ((schema.required as string[] | undefined) ?? []).filter((name) => !fields.includes(name));
  return { ...schema, properties, ...(required.length ? { required } : { required: undefined }) };
}

const ERRORS: Record<number, string> = {
  400: 'Invalid',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'TooLarge',
  429: 'RateLimited',
  503: 'Unavailable',
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The input is not valid; `details` names each field and what to fix.',
  401: 'No live session, or an API token that is unknown, revoked or expired.',
  403: "Outside the caller's role or scope; an API token on anything but a read.",
  404: 'Nothing with that id in the scope.',
  409: 'The state does not allow it now (already done, full, taken).',
  413: 'The body is over its cap (1 MB for JSON).',
  429: 'Too many requests: wait the seconds in Retry-After.',
  503: 'The server cannot reach its database now: ask again after Retry-After.',
};

/** The refusals an operation can answer with, by what it takes and who may call it. */
function refusals(operation: Operation): number[] {
  const statuses = new Set<number>();
  if (operation.body || operation.rawBody || operation.query || operation.params) statuses.add(400);
  if (operation.access === 'session' || operation.access === 'read') statuses.add(401).add(403);
  if (operation.access === 'webhook' && operation.method === 'post') statuses.add(401);
  if (operation.params) statuses.add(404);
  if (operation.conflicts) statuses.add(409);
  if (operation.method !== 'get') statuses.add(413);
  if (operation.access === 'read' || operation.path === '/api/auth/sign-in') statuses.add(429);
  statuses.add(503);
  return [...statuses].sort((a, b) => a - b);
}

const SECURITY: Record<Operation['access'], Record<string, string[]>[]> = {
  public: [],
  webhook: [],
  session: [{ session: [] }],
  read: [{ session: [] }, { apiToken: [] }],
};

const pathParameterNames = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);

function parameters(operation: Operation): JsonSchema[] {
  const inPath = pathParameterNames(operation.path).map((name) => ({
    name,
    in: 'path',
    required: true,
    description: operation.params?.[name] ?? name,
    schema: { type: 'string' },
  }));
  const inHeader = Object.entries(operation.rawBody?.headers ?? {}).map(([name, description]) => ({
    name,
    in: 'header',
    required: false,
    description,
    schema: { type: 'string' },
  }));
  if (!operation.query) return [...inPath, ...inHeader];
  const query = without(jsonSchemaOf(operation.query.schema), operation.query.omit ?? []);
  const required = new Set((query.required as string[] | undefined) ?? []);
  const inQuery = Object.entries((query.properties ?? {}) as Record<string, JsonSchema>).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema,
  }));
  return [...inPath, ...inHeader, ...inQuery];
}

function requestBody(operation: Operation): JsonSchema | undefined {
  const { body, rawBody } = operation;
  if (rawBody) {
    const content = rawBody.contentTypes.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]);
    return { required: true, description: rawBody.description, content: Object.fromEntries(content) };
  }
  if (!body) return undefined;
  const schema = without(jsonSchemaOf(body.schema), Object.keys(body.fromPath ?? {}));
  if (body.form) {
    const properties = {
      file: { type: 'string', contentMediaType: 'application/octet-stream' },
      ...(schema.properties as object),
    };
    return {
      required: true,
      content: {
        'multipart/form-data': {
          schema: { type: 'object', properties, required: ['file'] },
          example: body.example,
        },
      },
    };
  }
  return { required: true, content: { 'application/json': { schema, example: body.example } } };
}

function success(operation: Operation): JsonSchema {
  const { success } = operation;
  if (success.status === 204) return { description: success.description };
  const contentType = success.contentType ?? 'application/json';
  const schema = success.schema
    ? jsonSchemaOf(success.schema, 'output')
    : contentType === 'application/json'
      ? {}
      : { type: 'string' };
  return {
    description: success.description,
    content: { [contentType]: { schema, ...(success.example !== undefined && { example: success.example }) } },
  };
}

const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before asking again.', schema: { type: 'integer' } },
};

/** The OpenAPI 3.1 document of every route under app/api, built from the schemas the routes parse. */
export function openApiDocument(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of OPERATIONS) {
    const body = requestBody(operation);
    const parameterList = parameters(operation);
    (paths[operation.path] ??= {})[operation.method] = {
      operationId: `${operation.method}${operation.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, next: string | undefined) => next?.toUpperCase() ?? '')}`,
      tags: [operation.tag],
      summary: operation.summary,
      security: SECURITY[operation.access],
      ...(parameterList.length > 0 && { parameters: parameterList }),
      ...(body && { requestBody: body }),
      responses: {
        [String(operation.success.status)]: success(operation),
        ...Object.fromEntries(
          refusals(operation).map((status) => [String(status), { $ref: `#/components/responses/${ERRORS[status]}` }]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Posko API',
      version,
      description: [
        "Posko's HTTP API: the same routes the pages use. Other agencies' systems (BPBD, Kemensos) read with",
        `an API token an admin issues at /admin/token-api: \`Authorization: Bearer posko_…\`, scoped to one province,`,
        `valid for at most ${API_TOKEN_MAX_DAYS} days, read-only (every change is refused with 403), and limited per`,
        'minute (429 with Retry-After). A token reads what a leader (pimpinan) of its province reads.',
        'Messages in answers are in Bahasa Indonesia.',
      ].join(' '),
    },
    servers: [{ url: '/' }],
    tags: [...new Set(OPERATIONS.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'The session cookie set by POST /api/auth/sign-in.',
        },
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A read-only API token for one province (GET only), issued by an admin.',
        },
      },
      schemas: { Error: jsonSchemaOf(ApiError, 'output') },
      responses: Object.fromEntries(
        Object.entries(ERRORS).map(([status, name]) => [
          name,
          {
            description: ERROR_DESCRIPTIONS[Number(status)],
            ...((status === '429' || status === '503') && { headers: retryAfter }),
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
  };
}
