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
 * The layout is the uuid package's `v7()` (48-bit milliseconds, then a 32-bit
 * sequence that starts at random each millisecond and counts up within it, then 42
 * random bits), made here because a turn makes four or five ids and `v7()` took about
 * a twentieth of a turn's CPU in the in-memory bench (a fresh 16-byte array, sixteen
 * concatenations and a case conversion per id: ~0.5 µs, here ~0.15). Random bytes come from a
 * pool refilled a few thousand at a time, and the hex digits are written into one
 * buffer (the time part once per millisecond) and read out as a single flat string:
 * one made by concatenation would be a tree of a dozen pieces, kept that way by every
 * stored message and outbox row that holds it.
 */
import { randomFillSync } from 'node:crypto';

/** ASCII codes of the two hex digits of each byte: byte b at 2b and 2b + 1. */
const HEX = Buffer.from(Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0')).join(''), 'latin1');

const pool = new Uint8Array(4096);
let next = pool.length;

/** The next random byte. */
function random(): number {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  return pool[next++]!;
}

/** The id being written: "tttttttt-tttt-7sss-vsss-ssrrrrrrrrrr". */
const text = Buffer.from('00000000-0000-7000-8000-000000000000', 'latin1');

function put(at: number, byte: number): void {
  text[at] = HEX[2 * byte]!;
  text[at + 1] = HEX[2 * byte + 1]!;
}

/** The milliseconds of the last id and its sequence. */
let msecs = -Infinity;
let seq = 0;

export function newRecordId(): string {
  const now = Date.now();
  if (now > msecs) {
    msecs = now;
    // 31 random bits: room to count up within the millisecond.
    seq = (random() << 23) | (random() << 16) | (random() << 8) | random();
    putTime(msecs);
  } else {
    // The same millisecond (or the clock went back): count up, so that ids still sort in order.
    seq = (seq + 1) | 0;
    if (seq === 0) putTime(++msecs);
  }
  put(14, 0x70 | ((seq >>> 28) & 0x0f));
  put(16, (seq >>> 20) & 0xff);
  put(19, 0x80 | ((seq >>> 14) & 0x3f));
  put(21, (seq >>> 6) & 0xff);
  put(24, ((seq << 2) & 0xff) | (random() & 0x03));
  for (let at = 26; at < 36; at += 2) put(at, random());
  return text.toString('latin1');
}

/** 48 bits of milliseconds, as the first twelve hex digits. */
function putTime(ms: number): void {
  const hex = ms.toString(16).padStart(12, '0');
  text.write(hex.slice(0, 8), 0, 'latin1');
  text.write(hex.slice(8, 12), 9, 'latin1');
}
