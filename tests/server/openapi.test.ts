import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../server/openapi/document';
import { OPERATIONS } from '../../server/openapi/operations';
import { discoverEntryPoints } from '../support/routes';

/**
 * The OpenAPI document against the route files: every route and method under app/api is described, every
 * described one exists, and every example passes the schema the route parses.
 */

const document = openApiDocument('test') as {
  openapi: string;
  paths: Record<string, Record<string, { security: object[]; parameters?: { name: string; in: string }[] }>>;
  components: { securitySchemes: Record<string, unknown>; responses: Record<string, unknown> };
};

/** `GET /api/incidents/[id]` as the document names it: `get /api/incidents/{id}`. */
const asDocumented = (entry: string) => {
  const [method, route] = entry.split(' ') as [string, string];
  return `${method.toLowerCase()} ${route.replace(/\[(\w+)\]/g, '{$1}')}`;
};

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1', () => {
    expect(document.openapi).toBe('3.1.0');
  });

  it('describes every route and method under app/api, and no route that does not exist', () => {
    const routes = discoverEntryPoints()
      .filter((entry) => entry.includes(' /api/'))
      .map(asDocumented)
      .sort();
    const documented = Object.entries(document.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`))
      .sort();
    expect(documented).toEqual(routes);
  });

  it('declares each path parameter, and only those', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(methods)) {
        const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared, `${method} ${path}`).toEqual(names);
      }
    }
  });

  it('names only security schemes and responses it defines', () => {
    const text = JSON.stringify(document.paths);
    for (const [, name] of text.matchAll(/"#\/components\/responses\/(\w+)"/g)) {
      expect(document.components.responses, name).toHaveProperty(name!);
    }
    for (const methods of Object.values(document.paths)) {
      for (const operation of Object.values(methods)) {
        for (const requirement of operation.security) {
          for (const scheme of Object.keys(requirement))
            expect(document.components.securitySchemes).toHaveProperty(scheme);
        }
      }
    }
  });

  it('lets API tokens only read', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const token = operation.security.some((requirement) => 'apiToken' in requirement);
        if (token) expect(method, path).toBe('get');
      }
    }
  });

  for (const operation of OPERATIONS) {
    const name = `${operation.method.toUpperCase()} ${operation.path}`;
    if (operation.body) {
      it(`${name}: its request example passes the schema the route parses`, () => {
        const { schema, fromPath = {}, example } = operation.body!;
        // The route adds the path's ids (or a province's code) to the body before its verb parses it.
        const ids = Object.fromEntries(
          Object.entries(fromPath).map(([field, param]) => [
            field,
            param === 'code' ? '62' : '3f1c2a9e-7b4d-4e5f-9a01-2b3c4d5e6f70',
          ]),
        );
        const result = schema.safeParse({ ...example, ...ids });
        expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
      });
    }
    if (operation.success.schema && operation.success.example !== undefined) {
      it(`${name}: its answer example passes the answer's schema`, () => {
        const result = operation.success.schema!.safeParse(operation.success.example);
        expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
      });
    }
  }
});
