/**
 * Waiting for what lands just after the call that caused it (a socket's message, a
 * poller's update, a stored mark), without a fixed sleep that is either slow or flaky.
 */

/** Resolves once `check` holds, asking every 10 ms; throws after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
