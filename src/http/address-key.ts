/**
 * What a limit per client address counts by: an IPv4 address, or an IPv6 address's /64 (a
 * subscriber gets a whole /64, so counting single IPv6 addresses would let one client spread
 * over billions of keys). The web chat's limits (src/channels/webchat/limits.ts) and the
 * console's sign-in throttle (src/console/throttle.ts) both count by it; the audit log's IP
 * hash (src/console/ip-hash.ts) unwraps ::ffff:a.b.c.d with mappedIPv4 as it does.
 */
import { isIPv4, isIPv6 } from 'node:net';

export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = mappedIPv4(address);
  if (mapped) return mapped;
  const plain = address.split('%')[0]!;
  if (!isIPv6(plain)) return address;
  const groups = ipv6Groups(plain);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/**
 * The IPv4 address of an IPv4 client on a dual-stack socket, which shows up as ::ffff:a.b.c.d
 * (any case): the same client either way. Undefined for any other address.
 */
export function mappedIPv4(address: string): string | undefined {
  if (address.slice(0, 7).toLowerCase() !== '::ffff:') return undefined;
  const v4 = address.slice(7);
  return isIPv4(v4) ? v4 : undefined;
}

/** The eight 16-bit groups of an IPv6 address, as lowercase hex without leading zeros. */
function ipv6Groups(address: string): string[] | undefined {
  const [head = '', tail, extra] = address.split('::');
  if (extra !== undefined) return undefined;
  const part = (s: string) => (s === '' ? [] : s.split(':')).flatMap((g) => (g.includes('.') ? v4Groups(g) : [g]));
  const front = part(head);
  const back = tail === undefined ? [] : part(tail);
  const all = tail === undefined ? front : [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  if (all.length !== 8) return undefined;
  return all.map((g) => parseInt(g, 16).toString(16));
}

function v4Groups(v4: string): string[] {
  const [a = 0, b = 0, c = 0, d = 0] = v4.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
