/**
 * An error as one short line for logs, the outbox and the admin console: the
 * first line only (puppeteer errors can carry a page's script), at most 200
 * characters, and nothing that looks like a phone number or a chat id.
 */
export function describeError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] ?? '').replace(/\+?\d{6,}(@[a-z.]+)?/gi, '[id]').slice(0, 200);
}
