import type { z } from 'zod';

export type DomainErrorCode = 'INVALID' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'CONFLICT' | 'RATE_LIMITED';

/** A failure a person can act on. Only these codes and messages ever reach a client. */
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, string[]>,
  ) {
    super(message);
  }
}

/** zod issues as `{ field: [messages] }`, for forms to show beside the field. */
export function issueDetails(error: z.ZodError): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '_';
    (details[field] ??= []).push(issue.message);
  }
  return details;
}

/** Parses a verb's input again at the domain boundary; bad input becomes an INVALID DomainError. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new DomainError('INVALID', 'Data yang dikirim tidak valid.', issueDetails(result.error));
  }
  return result.data;
}
