/**
 * What a limit per client address counts by: an IPv4 address, or an IPv6 address's /64 (a
 * subscriber gets a whole /64, so counting single IPv6 addresses would let one client spread
 * over billions of keys). The web chat's limits (src/channels/webchat/limits.ts) and the
 * console's sign-in throttle (src/console/throttle.ts) both count by it.
 */
import { isIPv4, isIPv6 } from 'node:net';

export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  const plain = address.split('%')[0]!;
  if (!isIPv6(plain)) return address;
  const groups = ipv6Groups(plain);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
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
