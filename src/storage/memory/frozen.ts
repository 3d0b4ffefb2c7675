/**
 * How the memory store keeps sessions: deep-frozen, sharing what did not change.
 *
 * A turn's session shares with the stored one every value under `vars` that the
 * turn did not write (src/engine/engine.ts). Copying it whole on each commit and
 * again on each read copied those unchanged values twice a turn; frozen, they are
 * shared instead: a commit copies only the objects that are not frozen yet (what the
 * turn wrote, and the few objects a read hands out), and a read copies only the
 * objects a caller is given to change (storedSession, ownSession).
 */
import { cloneJson } from './clone-json';
import type { Session } from '../../engine/session';

/**
 * A deep-frozen copy of plain JSON data. A frozen object is shared, not copied: it is
 * taken to be deep-frozen, as everything frozen here is (and as config.ts and the flow
 * registry freeze theirs).
 */
export function frozenCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  const proto: unknown = Object.getPrototypeOf(value);
  // Not JSON (never stored as such): copied as cloneJson copies it, and not frozen.
  if (proto !== Object.prototype && proto !== null) return cloneJson(value);
  const out: Record<string, unknown> = {};
  // for-in, not Object.keys: no array of keys per object, every commit (a plain object has no
  // enumerable inherited keys, so both see the same ones). bench/README.md, "What moved the figures".
  for (const key in value) out[key] = frozenCopy((value as Record<string, unknown>)[key]);
  return Object.freeze(out) as T;
}

/**
 * A session as the store keeps it: its stack and every value under `vars` deep-frozen
 * (frozenCopy), shared with the sessions handed out; the session object itself and its
 * `vars` object not frozen, since they are never handed out (ownSession copies both).
 * Left unfrozen, they are copied on V8's fast path: a spread of a frozen object takes its
 * slow one, about ten times the cost (390 ns against 45 for a frame of four fields, 750
 * against 76 for an object of eighteen: bench/experiments/frozen-spread.js), and every read
 * spreads these two. Their freezing at each commit is saved too.
 */
export function storedSession(session: Session): Session {
  const out: Record<string, unknown> = {};
  // for-in, as frozenCopy: the session's own fields, whatever they are, in their order.
  for (const key in session) {
    const value = (session as unknown as Record<string, unknown>)[key];
    out[key] = key === 'vars' && isPlainObject(value) ? storedVars(value) : frozenCopy(value);
  }
  return out as unknown as Session;
}

/** `vars`, not frozen, with each value deep-frozen. */
function storedVars(vars: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in vars) out[key] = frozenCopy(vars[key]);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A stored session as a caller gets it: the session object and its `vars` object are
 * the caller's own, to change as it likes. The stack and the values under `vars` stay
 * shared and frozen: a turn never changes them in place (the engine copies the frames
 * and whatever it writes under), and nothing else may change them.
 */
export function ownSession(stored: Session): Session {
  return { ...stored, vars: { ...stored.vars } };
}
