/**
 * Dotted paths into a session ("vitals.spo2"). `lang` names the conversation
 * language; every other path lives in `vars`.
 */
import type { Session } from './session';

export function getPath(session: Session, path: string): unknown {
  if (path === 'lang') return session.lang;
  let node: unknown = session.vars;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Set a value in `vars`, creating objects on the way. (`lang` is set by the engine, not here.) */
export function setPath(vars: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop() as string;
  let node = vars;
  for (const part of parts) {
    const next = node[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[last] = value;
}
