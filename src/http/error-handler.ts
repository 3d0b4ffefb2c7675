/**
 * The last two middlewares of the app: a JSON 404 for unknown API routes and the
 * single place where thrown errors become HTTP responses. Clients always get
 * `{ "error": { "code", "message" } }`, never an HTML page or a stack trace.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { safeStack, type Logger } from '../log';
import { AppError, codeForStatus, ERROR_CATALOGUE } from './errors';

/** For `app.use('/api', notFoundApi)` after every API route. */
export const notFoundApi: RequestHandler = (_req, _res, next) => {
  next(new AppError('not_found', 'No such API route.'));
};

/** body-parser (express.json) marks its errors with a `type` and an HTTP status. */
interface HttpishError {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
}

/** Turn anything thrown into an AppError; undefined means "an internal error". */
export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as HttpishError;
  // The parser's own messages can quote the body back; ours never do.
  if (e.type === 'entity.parse.failed') return new AppError('bad_json');
  if (e.type === 'entity.too.large') return new AppError('payload_too_large');
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status !== undefined && status >= 400 && status < 500 && e.expose !== false) {
    const code = codeForStatus(status);
    return new AppError(code, ERROR_CATALOGUE[code].message);
  }
  return undefined;
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    // Too late to answer with JSON: let express close the connection.
    if (res.headersSent) return next(err);
    const known = toAppError(err);
    const appError = known ?? new AppError('internal');
    if (!known || appError.status >= 500) {
      // The route pattern, not the URL: URLs can carry ids. Never the body.
      const route = (req.route as { path?: unknown } | undefined)?.path;
      log.error({ err: summarise(err), method: req.method, route: typeof route === 'string' ? route : undefined }, 'request failed');
    }
    res.status(appError.status).json(appError.toBody());
  };
}

/**
 * Name, code and the stack with its message masked: error objects may carry
 * request data in other properties, and the stack's first line repeats the raw message.
 */
function summarise(err: unknown): Record<string, unknown> {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    // (No `message` key: pino would then serialize this as an error object.)
    return { type: err.name, code: typeof code === 'string' ? code : undefined, stack: safeStack(err) };
  }
  return { type: typeof err };
}
