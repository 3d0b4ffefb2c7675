/**
 * How a tick walks its due check-ins (src/followup/each-by-enrolment.ts): different patients
 * at once, so that their writes share the store's group commits, and one enrolment's
 * check-ins one after the other, in the order given (they update the same enrolment).
 */
import { eachByEnrolment } from '../../src/followup/each-by-enrolment';
import type { Checkin } from '../../src/storage/repositories';

const checkin = (id: string, enrolmentId: string): Checkin => ({
  id, enrolmentId, conversationId: `c-${enrolmentId}`, dueAt: 0, state: 'scheduled', version: 0, claimedAt: null, reading: null, updatedAt: 0,
});

describe('eachByEnrolment', () => {
  it("handles different enrolments at once, up to the limit, and one enrolment's check-ins in order, never two at once", async () => {
    const list = [checkin('a1', 'a'), checkin('b1', 'b'), checkin('a2', 'a'), checkin('c1', 'c'), checkin('a3', 'a'), checkin('d1', 'd'), checkin('e1', 'e')];
    const running = new Set<string>();
    let most = 0;
    const started: string[] = [];
    await eachByEnrolment(
      list,
      async (c) => {
        for (const other of running) expect(other.startsWith(c.enrolmentId)).toBe(false);
        running.add(c.id);
        most = Math.max(most, running.size);
        started.push(c.id);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running.delete(c.id);
      },
      3,
    );
    expect([...started].sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'c1', 'd1', 'e1']);
    expect(most).toBe(3);
    // Enrolment a's three, in the order given, though b, c, d and e came between them.
    expect(started.filter((id) => id.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
  });

  it('does nothing for no check-ins', async () => {
    const handle = jest.fn(async () => undefined);
    await eachByEnrolment([], handle);
    expect(handle).not.toHaveBeenCalled();
  });
});
