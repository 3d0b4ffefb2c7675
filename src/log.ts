/**
 * pino JSON logs. Patient data is health data: log conversation ids, channel
 * names, event types and sizes — never phone numbers, names, user ids or message text.
 * The redact list is a second line of defence for fields that should never be passed.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export const REDACTED_FIELDS = ['text', 'userId', 'phone', 'name', 'password', 'token', 'secret', 'authorization', 'cookie'];

export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const paths = REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`]);
  return pino(
    { level: opts.level ?? 'info', base: { service: 'sahay' }, redact: { paths, censor: '[redacted]' } },
    opts.destination,
  );
}

/** A logger that drops everything, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });

/**
 * An error message fit for a log line: platform errors can quote a phone number or a
 * chat id ("919800000001@c.us", "chat 123456789 not found"), so digit runs of six or
 * more and platform ids are masked, and the text is cut to one short line.
 */
export function safeErrorText(message: string): string {
  return message
    .split('\n', 1)[0]!
    .replace(/[\w.+-]*@(?:c|g|s)\.us\b|[\w.+-]*@(?:lid|broadcast|newsletter)\b/gi, '[id]')
    .replace(/\+?\d[\d\s-]{4,}\d/g, (m) => (m.replace(/\D/g, '').length >= 6 ? '[number]' : m))
    .slice(0, 200);
}

/**
 * An error's stack fit for a log line: its frames, after the first line masked as
 * safeErrorText masks it (the first line of `err.stack` repeats the raw message, which
 * may quote a user id, a phone number or a duplicate key's value).
 */
export function safeStack(err: Error): string {
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [`${err.name}: ${safeErrorText(err.message)}`, ...frames].join('\n');
}
