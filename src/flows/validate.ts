/**
 * The rules a flow must pass before it may run (DESIGN.md, "Flows are data"):
 * every target exists, every state is reachable, every `do:` names a registered
 * action and gives it the `with:` arguments it declares, every message key exists
 * in bn, hi and en and gets its {{placeholders}}, no loop without an `ask` (in one
 * flow or through several), no branch list that can fall off its end. Checked over
 * a set of flows, since `call` and `goto_flow` point from one to another.
 *
 * Expects definitions that passed the schema (load.ts); it checks what the schema
 * cannot see: other states, other flows, the locales and the action registry.
 */
import { LANGUAGES, type Comparison, type Condition, type FlowDef, type Language, type StateDef } from '../engine/flow';
import type { ActionArgs } from '../engine/action-args';
import { checkActionArgs } from './action-args-check';
import { sortFlowErrors, type FlowError } from './flow-error';
import { placeOf, type FlowPath, type Locator } from './locate';
import { loopsWithoutAsk, type LoopStep } from './loops';
import { COMPARISON_OPS, isComparisonOp, isVarPath, VAR_PATH_HINT } from './names';
import { flowRefs, messageKeys, stateOf, stateTargets, type MessageUse } from './state-refs';
import { closest } from './suggest';

/** A definition and where it came from: `locate` (from load.ts) gives errors their line. */
export interface FlowToValidate {
  file: string;
  flow: FlowDef;
  locate?: Locator;
}

export interface ValidateContext {
  /** Whether the message key exists in that language's locale files. */
  hasKey(key: string, lng: Language): boolean;
  /**
   * The {{placeholders}} of the key's string in that language: a state that says
   * the key must give each in `params`, or the patient reads "{{ambulance}}".
   */
  placeholders(key: string, lng: Language): readonly string[];
  /** Names of the registered actions (`do:`). */
  actions: ReadonlySet<string>;
  /** The `with:` arguments of the registered actions that declare them (src/engine/action-args.ts). */
  actionArgs: ReadonlyMap<string, ActionArgs>;
  /** Flows that exist outside the set being checked (`call`/`goto_flow` may name them). */
  extraFlowIds?: ReadonlySet<string>;
  /**
   * The readings a number question may ask for (`expect: { number: { reading } }`): the names
   * words.json gives numbers by (`number_labels`, `number_units`). Unset: not checked.
   */
  readings?: ReadonlySet<string>;
}

export function validateFlows(flows: readonly FlowToValidate[], ctx: ValidateContext): FlowError[] {
  const errors: FlowError[] = [];
  const byId = new Map<string, FlowToValidate>();
  for (const f of flows) {
    const first = byId.get(f.flow.id);
    if (first) report(errors, f)(['id'], `flow id "${f.flow.id}" is also defined in ${first.file}`);
    else byId.set(f.flow.id, f);
  }
  const knownFlows = new Set([...byId.keys(), ...(ctx.extraFlowIds ?? [])]);
  for (const f of flows) checkFlow(f, ctx, knownFlows, report(errors, f));
  // A loop may pass through several flows (`call`, `goto_flow`): it is reported once, at its first state.
  for (const loop of loopsWithoutAsk([...byId.values()].map((f) => f.flow))) {
    const [first] = loop;
    const f = first && byId.get(first.flow);
    if (f) report(errors, f)(['states', first.state, first.via], `loop without an ask: ${describeLoop(loop)} would repeat forever in one turn`);
  }
  return sortFlowErrors(errors);
}

type Report = (path: FlowPath, message: string) => void;

function report(errors: FlowError[], f: FlowToValidate): Report {
  return (path, message) => {
    const line = f.locate?.(path);
    errors.push({ file: f.file, flow: f.flow.id, ...placeOf(path), ...(line !== undefined ? { line } : {}), message });
  };
}

function checkFlow(
  { flow }: FlowToValidate,
  ctx: ValidateContext,
  knownFlows: ReadonlySet<string>,
  fail: Report,
): void {
  const stateNames = Object.keys(flow.states);
  const unknownState = (name: string) => `unknown state "${name}"${hint(name, stateNames)}`;
  if (!stateOf(flow, flow.start)) fail(['start'], unknownState(flow.start));

  for (const [name, state] of Object.entries(flow.states)) {
    const at = (...path: FlowPath) => ['states', name, ...path];
    for (const t of stateTargets(state)) if (!stateOf(flow, t.name)) fail(at(...t.path), unknownState(t.name));
    for (const r of flowRefs(state)) {
      if (!knownFlows.has(r.name)) fail(at(...r.path), `unknown flow "${r.name}"${hint(r.name, [...knownFlows])}`);
    }
    if (state.do !== undefined && !ctx.actions.has(state.do)) {
      fail(at('do'), `unknown action "${state.do}"${hint(state.do, [...ctx.actions])}`);
    }
    const args = state.do !== undefined ? ctx.actionArgs.get(state.do) : undefined;
    if (state.do !== undefined && args) {
      for (const p of checkActionArgs(state.do, args, state.with ?? {})) fail(at('with', ...p.path), p.message);
    }
    for (const m of messageKeys(state)) {
      for (const lng of LANGUAGES) if (!ctx.hasKey(m.name, lng)) fail(at(...m.path), `message key "${m.name}" is missing in ${lng}`);
      for (const p of missingParams(m, ctx)) fail(at(...m.path), p);
    }
    checkBranches(state, (path, message) => fail(at(...path), message));
    // A reading no words.json names would make every named number ("SpO2 92") no answer to the question.
    const reading = state.expect !== undefined && typeof state.expect === 'object' && 'number' in state.expect ? state.expect.number.reading : undefined;
    if (reading !== undefined && ctx.readings && !ctx.readings.has(reading)) {
      fail(at('expect', 'number', 'reading'), `unknown reading "${reading}"${hint(reading, [...ctx.readings])}: one that words.json names numbers by (number_labels, number_units)`);
    }
  }

  if (stateOf(flow, flow.start)) {
    const reached = reachable(flow);
    for (const name of stateNames) {
      if (!reached.has(name)) fail(['states', name], `unreachable: no path leads here from start "${flow.start}"`);
    }
  }
}

/**
 * Placeholders of the message that the state's params leave unfilled, one problem
 * each, naming the languages whose string has it (the locale check keeps them the
 * same, but a flow check must not depend on that). Messages said by actions get
 * their values from code: only what the flow itself says is its concern.
 */
function missingParams(m: MessageUse, ctx: ValidateContext): string[] {
  const given = new Set(m.params);
  const needed = new Map<string, Language[]>();
  for (const lng of LANGUAGES) {
    for (const name of ctx.placeholders(m.name, lng)) if (!given.has(name)) needed.set(name, [...(needed.get(name) ?? []), lng]);
  }
  return [...needed].map(([name, langs]) => {
    const where = langs.length === LANGUAGES.length ? '' : ` in ${langs.join(', ')}`;
    return `message "${m.name}" needs {{${name}}}${where}: give it in params (a value, or a "$path" read from the session)`;
  });
}

function checkBranches(state: StateDef, fail: Report): void {
  if (typeof state.expect === 'object' && 'choice' in state.expect) {
    const options = state.expect.choice;
    options.forEach((o, i) => checkCondition(o.when, ['expect', 'choice', i, 'when'], fail));
    // Every option conditional: a session where none holds would ask a question with nothing to pick.
    if (options.length && options.every((o) => o.when)) fail(['expect', 'choice'], 'every option has a "when": leave at least one without, so the question always has an answer');
  }
  if (!Array.isArray(state.next)) return;
  const last = state.next.length - 1;
  state.next.forEach((b, i) => {
    if (b.when === undefined && i < last) fail(['next', i], `branch ${i + 1} has no "when", so the branches after it never run`);
    if (b.when !== undefined && i === last) {
      fail(['next', i], 'the last branch has a "when": end the list with a branch without "when", or the flow can fall off the end');
    }
    checkCondition(b.when, ['next', i, 'when'], fail);
  });
}

/** The paths and operators of a `when` (of a branch, or of a choice option). */
function checkCondition(when: Condition | undefined, at: ReadonlyArray<string | number>, fail: Report): void {
  for (const [path, comparison] of Object.entries(when ?? {})) {
    if (!isVarPath(path)) fail([...at, path], `"${path}" is not ${VAR_PATH_HINT}`);
    const bad = badOperator(comparison);
    if (bad !== undefined) fail([...at, path, bad], `unknown comparison "${bad}" (use ${COMPARISON_OPS.join(', ')})`);
  }
}

/** The schema already rejects these in files; definitions built elsewhere get the same rule. */
function badOperator(c: Comparison): string | undefined {
  if (c === null || typeof c !== 'object') return undefined;
  return Object.keys(c).find((k) => !isComparisonOp(k));
}

/** States reachable from `start` through next, branches and fallback. */
function reachable(flow: FlowDef): Set<string> {
  const seen = new Set([flow.start]);
  const todo = [flow.start];
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    const state = stateOf(flow, name);
    if (!state) continue;
    for (const t of stateTargets(state)) {
      if (!seen.has(t.name)) {
        seen.add(t.name);
        todo.push(t.name);
      }
    }
  }
  return seen;
}

/**
 * `check → wait → check`; where the loop enters another flow, the way it does so comes
 * first: `show → (call help) show`.
 */
function describeLoop(loop: readonly LoopStep[]): string {
  const names = [loop[0]?.state ?? ''];
  loop.forEach((step, i) => {
    const to = loop[(i + 1) % loop.length] as LoopStep;
    names.push(step.via === 'next' ? to.state : `(${step.via} ${to.flow}) ${to.state}`);
  });
  return names.join(' → ');
}

function hint(name: string, candidates: readonly string[]): string {
  const near = closest(name, candidates);
  return near !== undefined ? ` (did you mean "${near}"?)` : '';
}
