import type { ZodType, z } from 'zod';
import { AppError } from '../../errors';

/**
 * The text fields of a multipart body (multipartRoutes puts them in req.body) checked against the
 * endpoint's schema, with the first problem as a Chinese 400 like any JSON body's.
 */
export function parseFields<S extends ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('VALIDATION', issue.message, { field: issue.path.join('.') });
  }
  return parsed.data;
}
