/**
 * PUT /api/hospitals/:id/beds: a hospital desk updates its own counts with its token,
 * over a real HTTP server on 127.0.0.1 (the app's JSON parser and error handler included).
 */
import { hashDeskToken } from '../../src/beds/desk-token';
import { AIIMS, deskServerForEachFile, NOW } from './desk-server';

const OTHER = 'chhattisgarh.raipur.medical-college-raipur';
const desk = deskServerForEachFile({ maxFailuresPerMinute: 6 });

const put = (id: string, body: unknown, auth?: string) =>
  fetch(`${desk.base}/api/hospitals/${encodeURIComponent(id)}/beds`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
    body: JSON.stringify(body),
  });

describe('desk tokens', () => {
  it('are random, shown once, and stored only as a hash', async () => {
    expect(desk.token).toMatch(/^sahay_desk_[A-Za-z0-9_-]{43}$/);
    expect((await desk.store.hospitals.deskToken(AIIMS))?.hash).toBe(hashDeskToken(desk.token));
    expect(JSON.stringify(await desk.store.hospitals.get(AIIMS))).not.toContain(desk.token);
  });
});

describe('PUT /api/hospitals/:id/beds', () => {
  it('updates the counts with the hospital\'s token: stored with time and source, searchable at once, audited', async () => {
    const res = await put(AIIMS, { beds: { oxygen: { vacant: 7, total: 120 }, icu: { vacant: 0 } } }, `Bearer ${desk.token}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { hospital: { id: string; beds: Record<string, unknown> } };
    expect(body.hospital.id).toBe(AIIMS);
    const stored = (await desk.store.hospitals.get(AIIMS))!;
    expect(stored.beds.oxygen).toEqual({ total: 120, vacant: 7, updatedAt: NOW, source: 'desk' });
    // No total given for icu: the stored total stays.
    expect(stored.beds.icu).toMatchObject({ vacant: 0, updatedAt: NOW, source: 'desk' });
    expect(stored.beds.icu?.total).not.toBeNull();
    const found = desk.beds.finder.find({ target: { by: 'district', place: 'raipur' }, kind: 'oxygen' });
    expect(found.results.find((r) => r.id === AIIMS)).toMatchObject({ vacant: 7, updatedAt: NOW });
    const audit = await desk.store.audit.list({ limit: 10, action: 'hospital.beds_updated' });
    expect(audit[0]).toMatchObject({ targetType: 'hospital', targetId: AIIMS, actorId: null, details: { source: 'desk', kinds: 'oxygen,icu' } });
  });

  it('takes male/female splits and a time the counts were true', async () => {
    const res = await put(AIIMS, { beds: { general: { vacant: 5, total: 50, male: { vacant: 2, total: 25 }, female: { vacant: 3, total: 25 } } }, updatedAt: '2021-05-01T14:00:00+05:30' }, `Bearer ${desk.token}`);
    expect(res.status).toBe(200);
    expect((await desk.store.hospitals.get(AIIMS))?.beds.general).toEqual({ total: 50, vacant: 5, male: { vacant: 2, total: 25 }, female: { vacant: 3, total: 25 }, updatedAt: Date.UTC(2021, 4, 1, 8, 30), source: 'desk' });
  });

  it.each([
    ['more vacant than total', { beds: { oxygen: { vacant: 9, total: 4 } } }, 'beds.oxygen.vacant'],
    ['more vacant than total in a ward', { beds: { general: { vacant: 9, total: 40, male: { vacant: 9, total: 4 } } } }, 'beds.general.male.vacant'],
    ['an unknown kind', { beds: { oxygn: { vacant: 1 } } }, 'beds'],
    ['a negative count', { beds: { icu: { vacant: -1 } } }, 'beds.icu.vacant'],
    ['no kinds', { beds: {} }, 'beds'],
    ['a stray field', { beds: { icu: { vacant: 1 } }, note: 'x' }, '(body)'],
    ['a time in the future', { beds: { icu: { vacant: 1 } }, updatedAt: '2021-05-02T10:00:00Z' }, 'updatedAt'],
  ])('refuses %s with 400 naming the field', async (_what, body, path) => {
    const res = await put(AIIMS, body, `Bearer ${desk.token}`);
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { code: string; details: Array<{ path: string }> } };
    expect(err.error.code).toBe('bad_request');
    expect(err.error.details.map((d) => d.path)).toContain(path);
  });

  it('checks vacant against the total that will be stored when the body leaves the total out', async () => {
    expect((await put(AIIMS, { beds: { icu: { vacant: 1, total: 20 }, general: { vacant: 5, total: 50, male: { vacant: 2, total: 25 } } } }, `Bearer ${desk.token}`)).status).toBe(200);
    const before = (await desk.store.hospitals.get(AIIMS))!.beds;
    for (const [body, path] of [
      [{ beds: { icu: { vacant: 500 } } }, 'beds.icu.vacant'],
      [{ beds: { general: { vacant: 5, male: { vacant: 30 } } } }, 'beds.general.male.vacant'],
    ] as const) {
      const res = await put(AIIMS, body, `Bearer ${desk.token}`);
      expect(res.status).toBe(400);
      const err = (await res.json()) as { error: { message: string; details: Array<{ path: string; message: string }> } };
      expect(err.error.details).toEqual([{ path, message: expect.stringMatching(/more than the total/) }]);
      expect(err.error.message).toContain(path);
    }
    expect((await desk.store.hospitals.get(AIIMS))!.beds).toEqual(before);
    // Within the stored total: taken, and the total stays.
    expect((await put(AIIMS, { beds: { icu: { vacant: 20 } } }, `Bearer ${desk.token}`)).status).toBe(200);
    expect((await desk.store.hospitals.get(AIIMS))!.beds.icu).toMatchObject({ total: 20, vacant: 20 });
  });

  it('refuses a missing token, a wrong one, another hospital\'s, and an unknown hospital alike (401)', async () => {
    const before = (await desk.store.hospitals.get(OTHER))!.beds;
    for (const [id, auth] of [
      [OTHER, undefined],
      [OTHER, 'Bearer nope'],
      [OTHER, `Bearer ${desk.token}`],
      ['no.such.hospital', `Bearer ${desk.token}`],
    ] as const) {
      const res = await put(id, { beds: { oxygen: { vacant: 1 } } }, auth);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    expect((await desk.store.hospitals.get(OTHER))!.beds).toEqual(before);
  });

  it('after too many failures from one address, answers 429 even to the right token', async () => {
    for (let i = 0; i < 3; i++) await put(OTHER, { beds: { oxygen: { vacant: 1 } } }, 'Bearer wrong');
    const res = await put(AIIMS, { beds: { oxygen: { vacant: 1 } } }, `Bearer ${desk.token}`);
    expect(res.status).toBe(429);
  });
});

describe('revoking', () => {
  it('a revoked token no longer works; a new one does', async () => {
    const fresh = (await desk.beds.issueDeskToken(OTHER))!;
    expect(await desk.beds.deskTokenValid(OTHER, fresh)).toBe(true);
    expect(await desk.beds.revokeDeskToken(OTHER)).toBe(true);
    expect(await desk.beds.deskTokenValid(OTHER, fresh)).toBe(false);
    expect(await desk.store.hospitals.deskToken(OTHER)).toBeUndefined();
    expect(await desk.beds.revokeDeskToken('no.such.hospital')).toBe(false);
    expect(await desk.beds.issueDeskToken('no.such.hospital')).toBeUndefined();
    const again = (await desk.beds.issueDeskToken(AIIMS))!;
    expect(await desk.beds.deskTokenValid(AIIMS, desk.token)).toBe(false);
    expect(await desk.beds.deskTokenValid(AIIMS, again)).toBe(true);
  });
});
