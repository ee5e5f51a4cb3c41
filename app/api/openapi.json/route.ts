import packageJson from '@/package.json';
import { openApiDocument } from '@/server/openapi/document';

/** Public: the OpenAPI 3.1 description of every route; it describes the API, not anyone's data. */
export function GET(): Response {
  return Response.json(openApiDocument(packageJson.version), { headers: { 'cache-control': 'public, max-age=300' } });
}
