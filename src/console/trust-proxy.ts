/**
 * TRUST_PROXY → express's 'trust proxy' setting, which decides whether
 * X-Forwarded-For / X-Forwarded-Proto are believed (req.ip for login throttling
 * and the audit log, req.secure for the Secure cookie). Believing them from a
 * client that is not a proxy lets anyone pick their own IP, so the default is false.
 *
 *   false | true | <hops, e.g. 1> | loopback, linklocal, uniquelocal, 10.0.0.0/8, 192.168.1.5 (comma-separated)
 */
import { isIP } from 'node:net';
import { z } from 'zod';

export type TrustProxy = boolean | number | string[];

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(v: string): boolean {
  if (NAMED.has(v)) return true;
  const [addr, bits, extra] = v.split('/');
  if (extra !== undefined || !addr || !isIP(addr)) return false;
  if (bits === undefined) return true;
  const max = isIP(addr) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

export const trustProxySchema = z
  .string()
  .trim()
  .transform((raw, ctx): TrustProxy => {
    const v = raw.toLowerCase();
    if (v === 'false' || v === '0' || v === 'no' || v === 'off') return false;
    if (v === 'true' || v === 'yes' || v === 'on') return true;
    if (/^\d{1,2}$/.test(v)) return Number(v);
    const parts = v.split(',').map((p) => p.trim()).filter(Boolean);
    const bad = parts.filter((p) => !isAddressOrSubnet(p));
    if (parts.length === 0 || bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: 'expected false, true, a number of proxy hops, or a comma-separated list of addresses, subnets, loopback, linklocal, uniquelocal' });
      return z.NEVER;
    }
    return parts;
  });
