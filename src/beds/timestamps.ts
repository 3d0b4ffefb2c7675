/**
 * Reading the "last updated" times of bed feeds. A mapping lists the formats its
 * feed uses, tried in order; a time without a zone is in the mapping's time zone
 * (Asia/Kolkata unless it says otherwise: Indian dashboards write local time).
 *
 * Format tokens: YYYY, MMMM (January), MMM (Jan), MM/M (month number), DD/D (day),
 * HH/H (0-23), hh/h (1-12, with A), mm, ss, A (AM/PM, any case). Spaces match any run
 * of spaces; other characters match themselves. `iso` accepts ISO 8601 with a zone
 * ("2021-04-30T03:38:35Z", "2021-04-30T09:08:35+05:30") or without one.
 *
 * ```ts
 * parseTimestamp('2 May 2021, 500PM', ['D MMM YYYY, hmmA'], 'Asia/Kolkata') // 2021-05-02T11:30Z
 * parseTimestamp('01/05/2021 10:04', ['DD/MM/YYYY HH:mm'], 'Asia/Kolkata')  // 2021-05-01T04:34Z
 * ```
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = '(january|february|march|april|may|june|july|august|september|october|november|december|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)';

type Part = 'year' | 'month' | 'monthName' | 'day' | 'hour24' | 'hour12' | 'minute' | 'second' | 'ampm';

const TOKENS: Array<[string, string, Part]> = [
  ['YYYY', '(\\d{4})', 'year'],
  ['MMMM', MONTH_NAME, 'monthName'],
  ['MMM', MONTH_NAME, 'monthName'],
  ['MM', '(\\d{2})', 'month'],
  ['M', '(\\d{1,2})', 'month'],
  ['DD', '(\\d{2})', 'day'],
  ['D', '(\\d{1,2})', 'day'],
  ['HH', '(\\d{2})', 'hour24'],
  ['H', '(\\d{1,2})', 'hour24'],
  ['hh', '(\\d{2})', 'hour12'],
  ['h', '(\\d{1,2})', 'hour12'],
  ['mm', '(\\d{2})', 'minute'],
  ['ss', '(\\d{2})', 'second'],
  ['A', '(am|pm|a\\.m\\.|p\\.m\\.)', 'ampm'],
];

interface Compiled {
  re: RegExp;
  parts: Part[];
}

const cache = new Map<string, Compiled>();

function compile(format: string): Compiled {
  const found = cache.get(format);
  if (found) return found;
  let src = '';
  const parts: Part[] = [];
  let i = 0;
  outer: while (i < format.length) {
    for (const [token, re, part] of TOKENS) {
      if (format.startsWith(token, i)) {
        src += re;
        parts.push(part);
        i += token.length;
        continue outer;
      }
    }
    const c = format[i]!;
    src += c === ' ' ? '\\s*' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    i += 1;
  }
  const compiled = { re: new RegExp(`^\\s*${src}\\s*$`, 'i'), parts };
  cache.set(format, compiled);
  return compiled;
}

/** Is this a format string that parseTimestamp understands (for mapping validation)? */
export function isTimestampFormat(format: string): boolean {
  if (format === 'iso') return true;
  const { parts } = compile(format);
  return parts.includes('year') && (parts.includes('month') || parts.includes('monthName')) && parts.includes('day');
}

/** ms since epoch, or null when no format matches or the date does not exist (31/02). */
export function parseTimestamp(value: string, formats: readonly string[], timeZone: string): number | null {
  for (const format of formats) {
    const ms = format === 'iso' ? parseIso(value, timeZone) : parseWith(compile(format), value, timeZone);
    if (ms !== null) return ms;
  }
  return null;
}

const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i;

function parseIso(value: string, timeZone: string): number | null {
  const m = ISO.exec(value);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const fields = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s) };
  if (!valid(fields)) return null;
  if (zone === undefined) return fromLocal(fields, timeZone) + ms;
  const utc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, ms);
  if (zone.toUpperCase() === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

function parseWith({ re, parts }: Compiled, value: string, timeZone: string): number | null {
  const m = re.exec(value);
  if (!m) return null;
  const f = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let hour12: number | undefined;
  let pm: boolean | undefined;
  parts.forEach((part, k) => {
    const raw = m[k + 1] ?? '';
    if (part === 'monthName') f.month = MONTHS.indexOf(raw.slice(0, 3).toLowerCase()) + 1;
    else if (part === 'ampm') pm = raw.toLowerCase().startsWith('p');
    else if (part === 'hour12') hour12 = Number(raw);
    else if (part === 'hour24') f.hour = Number(raw);
    else f[part] = Number(raw);
  });
  if (hour12 !== undefined) {
    if (hour12 < 1 || hour12 > 12) return null;
    f.hour = (hour12 % 12) + (pm ? 12 : 0);
  }
  return valid(f) ? fromLocal(f, timeZone) : null;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function valid(f: Fields): boolean {
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.hour > 23 || f.minute > 59 || f.second > 59) return false;
  const days = new Date(Date.UTC(f.year, f.month, 0)).getUTCDate();
  return f.day <= days;
}

/** Wall-clock time in a zone → ms. Two passes, so that a zone with summer time is right on either side of a change. */
function fromLocal(f: Fields, timeZone: string): number {
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  let guess = asUtc - offsetMs(asUtc, timeZone);
  guess = asUtc - offsetMs(guess, timeZone);
  return guess;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC (ms) at an instant. */
export function offsetMs(at: number, timeZone: string): number {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, fmt);
  }
  const p = Object.fromEntries(fmt.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(at / 1000) * 1000;
}

/** Is this an IANA time zone this Node knows? */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
