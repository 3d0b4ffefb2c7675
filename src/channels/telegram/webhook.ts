/**
 * The webhook route on our express app. Telegram posts each update with the
 * secret given to setWebhook in `X-Telegram-Bot-Api-Secret-Token`:
 *
 * - no or wrong secret → 401, and nothing is read or changed;
 * - channel not running (starting, stopping) → 503: Telegram keeps the update and sends it again;
 * - otherwise → 200 at once, then the update is processed. Telegram re-sends an
 *   update it got no answer to (slow turn, lost connection); the router drops
 *   those repeats by platform message id, so acknowledging first is safe.
 *
 * The secrets are compared as SHA-256 digests with timingSafeEqual: equal-length
 * buffers whatever was sent, and no early exit that would tell a caller how much
 * of a guess was right.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Express } from 'express';
import { z } from 'zod';
import { AppError } from '../../http/errors';
import { parseRequest } from '../../http/validate';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Only what makes a body an update; the rest is read (and, if odd, ignored) after the acknowledgement. */
const envelope = z.looseObject({ update_id: z.number().int().nonnegative() });

export interface WebhookRouteOptions {
  path: string;
  secret: string;
  /** Hands the update on (after the response is sent). Must not throw. */
  receive: (update: unknown) => void;
  /** Checked before the body is used, so that a stopped channel answers 503 rather than dropping the update. */
  accepting: () => boolean;
}

export function mountWebhookRoute(app: Express, opts: WebhookRouteOptions): void {
  const expected = digest(opts.secret);
  app.post(opts.path, (req, res) => {
    const given = req.get(SECRET_HEADER);
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      throw new AppError('unauthorized', 'Missing or wrong secret token.');
    }
    if (!opts.accepting()) throw new AppError('unavailable', 'The Telegram channel is not running.');
    const update = parseRequest(envelope, req.body);
    res.status(200).end();
    opts.receive(update);
  });
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
