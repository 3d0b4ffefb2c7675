/**
 * Ids for stored records (conversations, messages, outbox items, tickets, ...).
 *
 * Time-ordered UUIDs (version 7, RFC 9562): a new id sorts after the ids made
 * before it, so every insert lands at the right-hand edge of a primary-key
 * index, on pages that are already in cache and already dirty in the current
 * group commit. Random (version 4) ids scatter each insert to a page of its own
 * — one more WAL frame written per row. Measured on the turn's commit
 * (bench/README.md): about a sixth less CPU per turn than with version 4.
 * The ids reveal when a record was made, to the millisecond; that is already
 * stored next to every record, and none of these ids is a secret (session and
 * desk tokens are made in src/console/tokens.ts and src/beds/desk-token.ts).
 *
 * The random bits come from a pool of our own, refilled 4 KB at a time: uuid's
 * own pool is 256 bytes, so every 16th id paid for a call into the crypto
 * library, which a profile of the message path charged about 5 µs per message
 * (bench/README.md, "What moved the figures"). With our own random bits uuid
 * keeps no state, so the counter that orders ids made in one millisecond is
 * kept here (RFC 9562 §6.2, method 1: a 32-bit counter seeded at random each
 * millisecond, as uuid does it).
 *
 * uuid lays out the bytes (into one buffer of ours, reused); the string is written here, in one
 * allocation: uuid's own stringify joins twenty pieces with `+` and lower-cases the result, about
 * 700 bytes of intermediate strings an id and half an id's time (bench/experiments/record-ids.js).
 */
import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
/** The pool's 16-byte views, made once: an id takes the next one (no view made per id). */
const views = Array.from({ length: POOL_BYTES / 16 }, (_, i) => pool.subarray(16 * i, 16 * (i + 1)));
let viewAt = views.length;

/** 16 random bytes, a view into the pool: v7 reads them at once and keeps nothing. */
function randomBytes16(): Uint8Array {
  if (viewAt === views.length) {
    randomFillSync(pool);
    viewAt = 0;
  }
  return views[viewAt++]!;
}

/** The id's 16 bytes, as uuid's v7 writes them: read into the string at once, so one buffer serves every id. */
const bytes = new Uint8Array(16);

/** Each byte's two lower-case hex digits, as character codes: byte b at 2b and 2b + 1. */
const HEX_DIGITS = new Uint8Array(512);
for (let b = 0; b < 256; b++) {
  const hex = b.toString(16).padStart(2, '0');
  HEX_DIGITS[2 * b] = hex.charCodeAt(0);
  HEX_DIGITS[2 * b + 1] = hex.charCodeAt(1);
}
const DASH = 0x2d;

/** The byte at `i` of `bytes` as its first (hi) and second (lo) hex digit's character code. */
const hi = (i: number): number => HEX_DIGITS[2 * bytes[i]!]!;
const lo = (i: number): number => HEX_DIGITS[2 * bytes[i]! + 1]!;

/** The millisecond and the counter of the last id made. */
let lastMsecs = -Infinity;
let seq = 0;

export function newRecordId(): string {
  const random = randomBytes16();
  const now = Date.now();
  if (now > lastMsecs) {
    // A new millisecond: the counter starts at random (31 bits, so it has room to count up).
    seq = (random[6]! << 23) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    lastMsecs = now;
  } else {
    // The same millisecond, or the clock went back: count on, and past the counter's end
    // borrow the next millisecond, so that ids still sort in the order they were made.
    seq = (seq + 1) | 0;
    if (seq === 0) lastMsecs++;
  }
  v7({ random, msecs: lastMsecs, seq }, bytes);
  // 8-4-4-4-12 hex digits, as uuid's stringify writes them; one call makes one flat string.
  // prettier-ignore
  return String.fromCharCode(
    hi(0), lo(0), hi(1), lo(1), hi(2), lo(2), hi(3), lo(3), DASH,
    hi(4), lo(4), hi(5), lo(5), DASH,
    hi(6), lo(6), hi(7), lo(7), DASH,
    hi(8), lo(8), hi(9), lo(9), DASH,
    hi(10), lo(10), hi(11), lo(11), hi(12), lo(12), hi(13), lo(13), hi(14), lo(14), hi(15), lo(15),
  );
}
