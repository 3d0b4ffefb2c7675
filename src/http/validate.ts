/**
 * zod at the HTTP edge: parse a request part or throw a `bad_request` AppError
 * whose details name each failing field. The error never quotes the input.
 *
 * @example
 *   const body = parseRequest(webhookBodySchema, req.body);
 */
import type { z } from 'zod';
import { AppError } from './errors';

export interface FieldProblem {
  path: string;
  message: string;
}

export function parseRequest<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
  const summary = problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ');
  throw new AppError('bad_request', `Invalid request: ${summary}`, problems);
}
