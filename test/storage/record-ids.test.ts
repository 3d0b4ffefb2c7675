import { validate, version } from 'uuid';
import { newRecordId } from '../../src/ids';

// Later than any real clock, so that ids the module made before (at the real time) do not count.
const T0 = 4_000_000_000_000;

describe('record ids (src/ids.ts)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('are version 7 UUIDs: the RFC variant, lower-case hex, the time in the first 48 bits', () => {
    jest.spyOn(Date, 'now').mockReturnValue(T0);
    const id = newRecordId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(T0);
  });

  it('sort in the order they were made: within one millisecond, across milliseconds, and when the clock goes back', () => {
    const clock = jest.spyOn(Date, 'now');
    const times = [T0 + 10, T0 + 10, T0 + 10, T0 + 11, T0 + 5, T0 + 5, T0 + 12, ...Array<number>(5000).fill(T0 + 13)];
    const ids = times.map((t) => {
      clock.mockReturnValue(t);
      return newRecordId();
    });
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // A clock that went back does not move ids back in time.
    expect(ids[4]!.slice(0, 13)).toBe(ids[3]!.slice(0, 13));
  });

  it('differ in their random part from one millisecond to the next', () => {
    const clock = jest.spyOn(Date, 'now');
    const tails = Array.from({ length: 200 }, (_, i) => {
      clock.mockReturnValue(T0 + 1000 + i);
      return newRecordId().slice(14);
    });
    expect(new Set(tails).size).toBe(tails.length);
  });
});
