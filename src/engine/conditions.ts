/**
 * Conditions are data, never code: `{ "triage.level": "emergency" }`,
 * `{ "vitals.spo2": { lt: 90 } }`, `{ "profile.region": null }` (unset).
 * Every path in a condition must hold (AND); a branch list gives OR.
 */
import type { Comparison, Condition } from './flow';
import { getPath } from './paths';
import type { Session } from './session';

export function holds(condition: Condition, session: Session): boolean {
  // for-in, not Object.entries: no array per path at every branch a turn weighs (a condition is plain data from a flow).
  for (const path in condition) {
    if (!compare(getPath(session, path), condition[path] as Comparison)) return false;
  }
  return true;
}

function compare(value: unknown, cmp: Comparison): boolean {
  if (cmp === null) return value === null || value === undefined;
  if (typeof cmp !== 'object') return value === cmp;
  if (cmp.exists !== undefined && (value !== null && value !== undefined) !== cmp.exists) return false;
  if ('eq' in cmp && value !== cmp.eq) return false;
  if ('ne' in cmp && value === cmp.ne) return false;
  if (cmp.in !== undefined && !cmp.in.includes(value)) return false;
  if (cmp.lt !== undefined || cmp.lte !== undefined || cmp.gt !== undefined || cmp.gte !== undefined) {
    if (typeof value !== 'number') return false;
    if (cmp.lt !== undefined && !(value < cmp.lt)) return false;
    if (cmp.lte !== undefined && !(value <= cmp.lte)) return false;
    if (cmp.gt !== undefined && !(value > cmp.gt)) return false;
    if (cmp.gte !== undefined && !(value >= cmp.gte)) return false;
  }
  return true;
}
