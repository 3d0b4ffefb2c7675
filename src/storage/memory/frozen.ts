/**
 * How the memory store keeps sessions: deep-frozen, sharing what did not change.
 *
 * A turn's session shares with the stored one every value under `vars` that the
 * turn did not write (src/engine/engine.ts). Copying it whole on each commit and
 * again on each read copied those unchanged values twice a turn; frozen, they are
 * shared instead: a commit copies only the objects that are not frozen yet (what the
 * turn wrote, and the few objects a read hands out), and a read copies only the
 * objects a caller is given to change.
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
 * A stored session as a caller gets it: the session object and its `vars` object are
 * the caller's own, to change as it likes. The stack and the values under `vars` stay
 * shared and frozen: a turn never changes them in place (the engine copies the frames
 * and whatever it writes under), and nothing else may change them.
 */
export function ownSession(stored: Session): Session {
  return { ...stored, vars: { ...stored.vars } };
}
