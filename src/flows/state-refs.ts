/**
 * What a state refers to — other states, other flows, message keys — each with
 * its path inside the state, so that a check can name the exact field. Shared by
 * the validator and the diagram, and by the console later.
 */
import type { MessageRef, StateDef } from '../engine/flow';
import type { FlowPath } from './locate';

export interface Ref {
  name: string;
  /** Path inside the state: `['next', 1, 'goto']`. */
  path: FlowPath;
}

/** States this state can go to in the same turn or after an answer: next, branches, fallback. */
export function stateTargets(state: StateDef): Ref[] {
  const refs: Ref[] = [];
  if (typeof state.next === 'string') refs.push({ name: state.next, path: ['next'] });
  else state.next?.forEach((b, i) => refs.push({ name: b.goto, path: ['next', i, 'goto'] }));
  if (state.fallback !== undefined) refs.push({ name: state.fallback, path: ['fallback'] });
  return refs;
}

/** Flows this state enters: `call` (and come back) or `goto_flow` (for good). */
export function flowRefs(state: StateDef): Ref[] {
  const refs: Ref[] = [];
  if (state.call !== undefined) refs.push({ name: state.call, path: ['call'] });
  if (state.goto_flow !== undefined) refs.push({ name: state.goto_flow, path: ['goto_flow'] });
  return refs;
}

/** A message key a state shows, with the names of the values the state gives it. */
export interface MessageUse extends Ref {
  /** Names in its `params` (a `$path` value is read from the session, so it counts as given). */
  params: readonly string[];
}

/**
 * Every message key the state can show: say, ask, skip, invalid and choice labels.
 * Only `say` and `ask` may give params: the engine shows the others as bare keys.
 */
export function messageKeys(state: StateDef): MessageUse[] {
  const refs: MessageUse[] = [];
  const add = (m: string | MessageRef, path: FlowPath) =>
    refs.push(typeof m === 'string' ? { name: m, path, params: [] } : { name: m.key, path: [...path, 'key'], params: Object.keys(m.params ?? {}) });
  if (Array.isArray(state.say)) state.say.forEach((m, i) => add(m, ['say', i]));
  else if (state.say !== undefined) add(state.say, ['say']);
  if (state.ask !== undefined) add(state.ask, ['ask']);
  if (state.skip !== undefined) add(state.skip, ['skip']);
  if (state.invalid !== undefined) add(state.invalid, ['invalid']);
  if (typeof state.expect === 'object' && 'choice' in state.expect) {
    state.expect.choice.forEach((o, i) => add(o.label, ['expect', 'choice', i, 'label']));
  }
  return refs;
}

/** The state of that name, own properties only: a target named `constructor` is not a state. */
export function stateOf(flow: { states: Record<string, StateDef> }, name: string): StateDef | undefined {
  return Object.hasOwn(flow.states, name) ? flow.states[name] : undefined;
}
