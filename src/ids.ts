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
 * Laid out as the `uuid` package's v7 lays them out (RFC 9562 section 6.2,
 * method 1): the millisecond, then a 32-bit counter seeded at random in each new
 * millisecond and counting up within it, then random bits. Made here rather than
 * by `uuid`, which drew 16 fresh random bytes and built a byte array for every
 * id: a turn makes three to four ids, and they cost about 3% of an in-memory
 * turn (bench/README.md). Here the random bits are drawn once per millisecond
 * (the counter's seed and the tail, from a pool of crypto-random bytes), and
 * the text of the millisecond and of the tail is kept for the ids that follow.
 * Two processes making ids in the same millisecond still differ in 31 + 42
 * random bits.
 */
import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Crypto-random bytes, drawn 4 KB at a time: 16 for each millisecond in which ids are made. */
const pool = new Uint8Array(4096);
let poolAt = pool.length;
function randomBytes16(): Uint8Array {
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += 16;
  return pool.subarray(poolAt - 16, poolAt);
}

/** The millisecond ids are being made in, and what was drawn for it. */
let msecs = -Infinity;
let seq = 0;
/** "tttttttt-tttt-": the millisecond's 48 bits, as text. */
let head = '';
/** The two random low bits of byte 10. */
let lowBits = 0;
/** Bytes 11 to 15, random, as text. */
let tail = '';

function enter(ms: number): void {
  const r = randomBytes16();
  msecs = ms;
  // 31 bits: room to count up within the millisecond before the counter wraps.
  seq = ((r[0]! & 0x7f) << 24) | (r[1]! << 16) | (r[2]! << 8) | r[3]!;
  lowBits = r[4]! & 0x03;
  tail = HEX[r[5]!]! + HEX[r[6]!]! + HEX[r[7]!]! + HEX[r[8]!]! + HEX[r[9]!]!;
  const hex = ms.toString(16).padStart(12, '0');
  head = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-`;
}

export function newRecordId(): string {
  const now = Date.now();
  if (now > msecs) enter(now);
  else {
    // The same millisecond, or the clock went back: count up, never back in time.
    seq = (seq + 1) | 0;
    // Wrapped (2^31 ids in one millisecond): on to the next millisecond, as uuid does.
    if (seq < 0) enter(msecs + 1);
  }
  return (
    head +
    HEX[0x70 | ((seq >>> 28) & 0x0f)]! +
    HEX[(seq >>> 20) & 0xff]! +
    '-' +
    HEX[0x80 | ((seq >>> 14) & 0x3f)]! +
    HEX[(seq >>> 6) & 0xff]! +
    '-' +
    HEX[((seq << 2) & 0xff) | lowBits]! +
    tail
  );
}
