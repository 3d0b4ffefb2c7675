/**
 * Local time in a patient's zone, without a library: Intl gives the zone's offset at an
 * instant; the zones we serve (Asia/Kolkata, Asia/Dhaka, Asia/Riyadh) have no DST, and the
 * two-pass correction below stays right for zones that do.
 */
const DAY = 86_400_000;

function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** Minutes after local midnight at `at`. */
export function localMinutes(at: number, timeZone: string): number {
  const local = at + offsetMs(at, timeZone);
  return Math.floor((((local % DAY) + DAY) % DAY) / 60_000);
}

/** The patient's local calendar day at `at`, as a day number (days since 1970-01-01 on their clock): differences count days. */
export function localDay(at: number, timeZone: string): number {
  return Math.floor((at + offsetMs(at, timeZone)) / DAY);
}

/** The instant of `minutes` after local midnight on the local day `dayOffset` days after the day of `at`. */
export function atLocal(at: number, timeZone: string, dayOffset: number, minutes: number): number {
  const local = at + offsetMs(at, timeZone);
  const midnight = local - (((local % DAY) + DAY) % DAY);
  const wallClock = midnight + dayOffset * DAY + minutes * 60_000;
  let guess = wallClock - offsetMs(wallClock, timeZone);
  guess = wallClock - offsetMs(guess, timeZone);
  return guess;
}

/** `days` daily times at `minutes` local, the first strictly after `from`. */
export function dailyTimes(from: number, timeZone: string, minutes: number, days: number): number[] {
  const first = atLocal(from, timeZone, 0, minutes) > from ? 0 : 1;
  return Array.from({ length: days }, (_, i) => atLocal(from, timeZone, first + i, minutes));
}

export function withinWakingHours(at: number, timeZone: string, waking: { from: number; to: number }): boolean {
  const m = localMinutes(at, timeZone);
  return m >= waking.from && m < waking.to;
}
