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
 */
import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let poolAt = POOL_BYTES;

/** 16 random bytes, a view into the pool: v7 reads them at once and keeps nothing. */
function randomBytes16(): Uint8Array {
  if (poolAt + 16 > POOL_BYTES) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += 16;
  return pool.subarray(poolAt - 16, poolAt);
}

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
  return v7({ random, msecs: lastMsecs, seq });
}
