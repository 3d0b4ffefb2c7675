/**
 * The hospital desk API: a desk updates its own free-bed counts with the bearer
 * token an admin issued for that hospital (`sahay beds token issue <id>`).
 *
 * ```sh
 * curl -X PUT localhost:3000/api/hospitals/chhattisgarh.raipur.aiims-raipur/beds \
 *   -H "Authorization: Bearer sahay_desk_..." -H 'content-type: application/json' \
 *   -d '{"beds": {"oxygen": {"vacant": 4, "total": 120}, "icu": {"vacant": 0}}}'
 * # → 200 {"hospital": {"id": ..., "name": ..., "beds": {...}}}
 * ```
 *
 * - Body (zod): `beds` maps kinds (kinds.yaml, or `all`) to `{ vacant, total?, male?, female? }`;
 *   a total left out keeps the stored one; `updatedAt` (ISO 8601 with a zone) when the counts
 *   were true, default now. The service then refuses a time in the future and more vacant beds
 *   than the total to be stored (count-update-problems.ts: the same rules as the console's edit).
 * - 401 for a missing or wrong token — and for an unknown hospital, so that the API does not
 *   tell which ids exist; 429 with Retry-After after too many failures from one address (an
 *   IPv4 address or an IPv6 /64: addressKey, as the other per-address limits count); 400 for a
 *   bad body. An attempt takes its point before its token is checked (takePoint) and a right
 *   token gives it back: a failure counted only after the check (a store read) would let a
 *   burst of guesses sent together all be checked.
 * - GET on the same path returns the stored counts (same token), for a desk's own screen.
 */
import { Router, type Request, type Response } from 'express';
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { z } from 'zod';
import { addressKey } from '../http/address-key';
import { AppError } from '../http/errors';
import { parseRequest } from '../http/validate';
import { takePoint } from '../limits/take-point';
import type { Logger } from '../log';
import type { Hospital } from '../storage/repositories';
import { ALL } from './config';
import type { BedsService } from './service';

const MAX_BEDS = 100_000;

const beds = z.number().int().min(0).max(MAX_BEDS);
// Vacant against total is checked by the service, against the total that will be stored.
const split = z.strictObject({ vacant: beds.nullable(), total: beds.nullable().optional() });

export function deskBodySchema(kinds: readonly string[]) {
  const count = z.strictObject({ vacant: beds, total: beds.nullable().optional(), male: split.optional(), female: split.optional() });
  return z.strictObject({
    beds: z
      .record(z.string(), count)
      .refine((b) => Object.keys(b).length > 0, 'give at least one kind')
      .refine((b) => Object.keys(b).every((k) => k === ALL || kinds.includes(k)), `kinds are ${[...kinds, ALL].join(', ')}`),
    updatedAt: z.iso.datetime({ offset: true }).optional(),
  });
}

export function deskRoutes(deps: { beds: BedsService; log: Logger; now: () => number; maxFailuresPerMinute?: number }): Router {
  const router = Router();
  const schema = deskBodySchema(deps.beds.config.kinds.map((k) => k.id));
  const failures = new RateLimiterMemory({ points: deps.maxFailuresPerMinute ?? 20, duration: 60 });

  /**
   * The hospital id when the bearer token is its desk's; throws 401/429 otherwise. Each attempt
   * is counted before its token is checked; a right token gives its point back, so only
   * failures stay counted. Once the address's points are spent even the right token is refused.
   */
  async function authorize(req: Request, res: Response): Promise<string> {
    const id = String(req.params.id ?? '');
    const key = addressKey(req.ip);
    const wait = await takePoint(failures, key);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new AppError('too_many_requests');
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    let valid: boolean;
    try {
      valid = match !== null && (await deps.beds.deskTokenValid(id, match[1]!));
    } catch (err) {
      // An error of ours (the store), not a failure of the desk's.
      await giveBack(failures, key);
      throw err;
    }
    if (valid) {
      await giveBack(failures, key);
      return id;
    }
    throw new AppError('unauthorized', 'A valid desk token for this hospital is required (Authorization: Bearer <token>).');
  }

  router.get('/api/hospitals/:id/beds', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const id = await authorize(req, res);
    const h = deps.beds.directory.index.get(id)?.hospital ?? (await deps.beds.requireStore().hospitals.get(id));
    if (!h) throw new AppError('not_found', 'No such hospital.');
    res.json({ hospital: publicView(h) });
  });

  router.put('/api/hospitals/:id/beds', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const id = await authorize(req, res);
    const body = parseRequest(schema, req.body);
    const at = body.updatedAt ? Date.parse(body.updatedAt) : deps.now();
    const updated = await deps.beds.updateBeds(id, body.beds, { source: 'desk', at });
    if (!updated) throw new AppError('not_found', 'No such hospital.');
    deps.log.info({ hospital: id, kinds: Object.keys(body.beds) }, 'desk updated bed counts');
    res.json({ hospital: publicView(updated) });
  });

  return router;
}

/** A point back, unless the window ended meanwhile (a point given to a new window would be one extra). */
async function giveBack(limiter: RateLimiterAbstract, key: string): Promise<void> {
  const now = await limiter.get(key);
  if (now && now.consumedPoints > 0) await limiter.reward(key, 1);
}

/** What a desk sees of its hospital: no token hash, nothing but the registry fields. */
function publicView(h: Hospital) {
  return { id: h.id, name: h.name, district: h.district, beds: h.beds, updatedAt: h.updatedAt };
}
