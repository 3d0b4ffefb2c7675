/**
 * How long the event loop stood still while some work ran: a probe re-queued with
 * setImmediate notes the longest gap between two of its turns. That gap is how long a
 * patient's message arriving meanwhile would have waited before anything read it.
 */

/** Times `work`, and the longest gap between two turns of the event loop while it ran. */
export async function timedWithStops(work: () => Promise<unknown>): Promise<{ ms: number; longestStopMs: number }> {
  let last = performance.now();
  let longest = 0;
  let probing = true;
  const probe = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (probing) setImmediate(probe);
  };
  setImmediate(probe);
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  probing = false;
  longest = Math.max(longest, performance.now() - last);
  return { ms, longestStopMs: longest };
}
