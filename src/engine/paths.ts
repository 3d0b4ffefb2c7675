/**
 * Dotted paths into a session ("vitals.spo2"). `lang` names the conversation
 * language; every other path lives in `vars`.
 */
import { remembered } from '../remembered';
import type { Session } from './session';

/**
 * The parts of a path, kept: the same few paths (named in flows and by actions) are read
 * and written many times a turn, and splitting each anew took about 3% of a turn's CPU in
 * the in-memory bench (profiled with BENCH_CPU_PROFILE, bench/README.md).
 */
const partsOf: (path: string) => readonly string[] = remembered((path) => path.split('.'), { max: 2000 });

export function getPath(session: Session, path: string): unknown {
  if (path === 'lang') return session.lang;
  let node: unknown = session.vars;
  for (const part of partsOf(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Set a value in `vars`, creating objects on the way (`lang` is set by the engine, not
 * here), changing no object it was not given to change: each object on the path that
 * is not in `owned` (`vars` itself included) is replaced by a shallow copy, which joins
 * `owned`, before anything is written into it. A turn that starts from a stored session
 * therefore copies only the few objects it writes under, never the whole session, and
 * the session it started from stays as it was.
 * Returns the vars to keep: `vars` when it was owned, else its copy.
 */
export function setPathCopying(vars: Record<string, unknown>, path: string, value: unknown, owned: Set<object>): Record<string, unknown> {
  const parts = partsOf(path);
  const root = writable(vars, owned);
  let node = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]!;
    const next = node[part];
    const into = writable(next, owned);
    if (into !== next) node[part] = into;
    node = into;
  }
  node[parts[parts.length - 1]!] = value;
  return root;
}

/** `node` when it is an object this write may change; otherwise a new object (a copy of `node` when it is one), now owned. */
function writable(node: unknown, owned: Set<object>): Record<string, unknown> {
  const isObject = node !== null && typeof node === 'object' && !Array.isArray(node);
  if (isObject && owned.has(node)) return node as Record<string, unknown>;
  const fresh = isObject ? { ...(node as Record<string, unknown>) } : {};
  owned.add(fresh);
  return fresh;
}
