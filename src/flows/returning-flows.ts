/**
 * Flows that can end, and so hand the turn back to a caller, without asking
 * anything. A `call` to such a flow does not stop the turn: the caller goes on to
 * its `next` at once. Only a flow that asks on every path from its start to its
 * end (or never ends) breaks a loop in the caller.
 *
 * A flow's answer depends on the flows it calls, which may call it back, so it
 * is found as the least fixed point: a flow returns once some path from its start
 * reaches an end through states that do not ask, and through calls only to flows
 * already known to return. A flow that only ends through calling itself never
 * ends (the loop check reports the recursion).
 */
import type { FlowDef } from '../engine/flow';
import { continuation } from './continuation';
import { stateOf } from './state-refs';

/** Ids of the flows in `flows` that can end without asking. A flow not in `flows` is never one. */
export function flowsReturningWithoutAsking(flows: ReadonlyMap<string, FlowDef>): Set<string> {
  const returning = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, flow] of flows) {
      if (!returning.has(id) && canEndWithoutAsking(flow, returning)) {
        returning.add(id);
        grew = true;
      }
    }
  }
  return returning;
}

function canEndWithoutAsking(flow: FlowDef, returning: ReadonlySet<string>): boolean {
  const seen = new Set<string>();
  const todo = [flow.start];
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const state = stateOf(flow, name);
    if (!state) continue;
    const c = continuation(state);
    // A goto_flow leaves the caller's stack for good: it never returns to it.
    if (c.kind === 'ask' || c.kind === 'goto_flow') continue;
    if (c.kind === 'call' && !returning.has(c.flow)) continue;
    const onward = c.kind === 'call' ? c.then : c.onward;
    if (onward.ends) return true;
    for (const t of onward.next) todo.push(t.name);
  }
  return false;
}
