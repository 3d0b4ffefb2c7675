/**
 * The desk API's limit on failed tokens counts per client address as the other per-address
 * limits do (src/http/address-key.ts): an IPv4 address whether or not it comes as ::ffff:a.b.c.d,
 * and an IPv6 address by its /64; and it counts an attempt before its token is checked, so a
 * burst of guesses sent together cannot all be checked.
 */
import { AIIMS, deskServerForEachFile } from './desk-server';

const MAX = 3;
const desk = deskServerForEachFile({ maxFailuresPerMinute: MAX, trustProxy: true });

const get = (from: string, auth: string) =>
  fetch(`${desk.base}/api/hospitals/${encodeURIComponent(AIIMS)}/beds`, { headers: { authorization: auth, 'x-forwarded-for': from } });

afterEach(() => jest.restoreAllMocks());

describe('desk API failures per address', () => {
  it('an IPv6 client counts by its /64: other addresses of the same /64 are refused, another /64 is not', async () => {
    for (let i = 1; i <= MAX; i++) expect((await get(`2001:db8:1:1::${i}`, 'Bearer wrong')).status).toBe(401);
    const next = await get('2001:db8:1:1:ffff::77', `Bearer ${desk.token}`);
    expect(next.status).toBe(429);
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await get('2001:db8:1:2::1', `Bearer ${desk.token}`)).status).toBe(200);
  });

  it('an IPv4 client counts the same whether its address comes as a.b.c.d or ::ffff:a.b.c.d', async () => {
    for (let i = 0; i < MAX; i++) expect((await get(i % 2 ? '::ffff:198.51.100.7' : '198.51.100.7', 'Bearer wrong')).status).toBe(401);
    expect((await get('::FFFF:198.51.100.7', `Bearer ${desk.token}`)).status).toBe(429);
    expect((await get('198.51.100.7', `Bearer ${desk.token}`)).status).toBe(429);
    expect((await get('198.51.100.8', `Bearer ${desk.token}`)).status).toBe(200);
  });

  it('a burst of wrong tokens sent at once: no more are checked than the limit allows', async () => {
    // A token check that takes a while, as a database read does: the burst is all in flight at once.
    const check = desk.beds.deskTokenValid.bind(desk.beds);
    const spy = jest.spyOn(desk.beds, 'deskTokenValid').mockImplementation(async (id, t) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return check(id, t);
    });
    const statuses = await Promise.all(Array.from({ length: 10 }, () => get('203.0.113.9', 'Bearer wrong').then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10 - MAX);
    expect(spy).toHaveBeenCalledTimes(MAX);
  });

  it('right tokens are not failures: a desk may update as often as it needs', async () => {
    for (let i = 0; i < MAX * 3; i++) expect((await get('192.0.2.44', `Bearer ${desk.token}`)).status).toBe(200);
    expect((await get('192.0.2.44', 'Bearer wrong')).status).toBe(401);
  });
});
