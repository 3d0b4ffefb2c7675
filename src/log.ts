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
