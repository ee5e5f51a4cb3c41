import { DomainError, type DomainErrorCode } from './errors';

const STATUS: Record<DomainErrorCode, number> = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

/** The one place where domain failures become HTTP answers; unknown failures never show their message. */
export function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    return Response.json(
      { error: error.message, code: error.code, ...(error.details && { details: error.details }) },
      { status: STATUS[error.code] },
    );
  }
  console.error('Request failed:', error);
  return Response.json({ error: 'Terjadi kesalahan di server. Coba lagi.', code: 'INTERNAL' }, { status: 500 });
}

/** Runs a route handler body, mapping every failure through errorResponse. */
export async function respond(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    return errorResponse(error);
  }
}

/** The request's JSON body; a body that is not JSON is the client's mistake, not a 500. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new DomainError('INVALID', 'Isi permintaan harus JSON yang valid.');
  }
}
