/**
 * How the engine goes on from a state without waiting for the patient, read from
 * the definition in the order engine.ts `enterState` tries the fields: ask, do,
 * call, goto_flow, then end or next. The loop check (loops.ts) and the check of
 * which flows can end without asking (returning-flows.ts) must agree with the
 * engine on this, or a loop slips through.
 */
import type { Next, StateDef } from '../engine/flow';
import { stateTargets, type Ref } from './state-refs';

export type Continuation =
  /** Waits for an answer: the turn stops here. */
  | { kind: 'ask' }
  /** Enters `flow`; once it ends, goes on as `then`. */
  | { kind: 'call'; flow: string; then: Onward }
  /** Leaves every running flow for `flow`, for good. */
  | { kind: 'goto_flow'; flow: string }
  /** Goes on in the same flow (after its action, if it has one). */
  | { kind: 'onward'; onward: Onward };

export interface Onward {
  /** States of the same flow it may go to (`next` and its branches). */
  next: Ref[];
  /** Whether the flow may end here (`end: true`, no `next`, or branches that may all fail). */
  ends: boolean;
}

export function continuation(state: StateDef): Continuation {
  if (state.ask !== undefined) return { kind: 'ask' };
  if (state.do !== undefined) return { kind: 'onward', onward: follow(state) };
  if (state.call !== undefined) return { kind: 'call', flow: state.call, then: follow(state) };
  if (state.goto_flow !== undefined) return { kind: 'goto_flow', flow: state.goto_flow };
  if (state.end === true) return { kind: 'onward', onward: { next: [], ends: true } };
  return { kind: 'onward', onward: follow(state) };
}

/** Where `next` leads (engine.ts `follow`): `fallback` is only for asking states. */
function follow(state: StateDef): Onward {
  return { next: stateTargets(state).filter((r) => r.path[0] === 'next'), ends: mayEnd(state.next) };
}

function mayEnd(next: Next | undefined): boolean {
  if (next === undefined) return true;
  if (typeof next === 'string') return false;
  return next.length === 0 || next[next.length - 1]?.when !== undefined;
}
