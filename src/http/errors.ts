/**
 * The one catalogue of application errors that reach HTTP. Every error a client
 * sees has a stable `code` (clients and tests match on it, never on the message)
 * and the HTTP status it maps to. Throw an AppError anywhere in a route; the
 * error middleware (error-handler.ts) turns it into
 * `{ "error": { "code": "...", "message": "...", "details"?: ... } }`.
 *
 * @example
 *   throw new AppError('not_found', 'No such hospital');
 */

export const ERROR_CATALOGUE = {
  bad_request: { status: 400, message: 'The request is not valid.' },
  bad_json: { status: 400, message: 'The request body is not a valid JSON object or array.' },
  unauthorized: { status: 401, message: 'Authentication is required.' },
  forbidden: { status: 403, message: 'You may not do this.' },
  not_found: { status: 404, message: 'Not found.' },
  conflict: { status: 409, message: 'The request conflicts with the current state.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, message: 'The request body has an unsupported encoding.' },
  too_many_requests: { status: 429, message: 'Too many requests; try again later.' },
  internal: { status: 500, message: 'Something went wrong on our side.' },
  not_implemented: { status: 501, message: 'This is not supported here.' },
  bad_gateway: { status: 502, message: 'Another service did not answer as expected.' },
  unavailable: { status: 503, message: 'The service is not available right now.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CATALOGUE[code].message,
    /** Safe, client-facing detail (e.g. which fields failed validation). Never request content. */
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
    this.status = ERROR_CATALOGUE[code].status;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

/** The catalogue entry for a bare HTTP status (used for errors thrown by express and body-parser). */
export function codeForStatus(status: number): ErrorCode {
  const found = (Object.keys(ERROR_CATALOGUE) as ErrorCode[]).find((code) => code !== 'bad_json' && ERROR_CATALOGUE[code].status === status);
  if (found) return found;
  return status >= 500 ? 'internal' : 'bad_request';
}
