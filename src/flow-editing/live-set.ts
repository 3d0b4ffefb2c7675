/**
 * Which published flow definitions can go live together. Published flows may
 * depend on each other (an edited main_menu calls a flow made in the console),
 * so they are checked as one set with the shipped flows — never one at a time
 * against a half-built registry, which would refuse a caller whose callee just
 * had not been added yet.
 *
 * A published definition that fails is dropped (its flow falls back to the
 * shipped file), and the set is checked again: dropping one may break another
 * that called it. The shipped flows alone pass (start-up refuses them
 * otherwise), so this ends, at worst with every publication dropped.
 *
 * ```ts
 * const { dropped } = settleLiveSet({ published, shipped, ctx });
 * // `published` keeps only the definitions that go live; dropped: flow id → why
 * ```
 */
import type { FlowDef } from '../engine/flow';
import type { FlowError } from '../flows/flow-error';
import { flowRefs } from '../flows/state-refs';
import { validateFlows, type FlowToValidate, type ValidateContext } from '../flows/validate';

export interface LiveSetInput {
  /** The newest publication's definition of each published flow; failing ones are removed from it. */
  published: Map<string, FlowToValidate>;
  /** What each flow runs when nothing published replaces it (the shipped files). */
  shipped: ReadonlyMap<string, FlowToValidate>;
  ctx: ValidateContext;
}

/** Drops from `published` what cannot go live with the rest; answers why each was dropped. */
export function settleLiveSet({ published, shipped, ctx }: LiveSetInput): { dropped: Map<string, FlowError[]> } {
  const dropped = new Map<string, FlowError[]>();
  while (published.size > 0) {
    const set = [...new Set([...shipped.keys(), ...published.keys()])].flatMap((id) => {
      const f = published.get(id) ?? shipped.get(id);
      return f ? [f] : [];
    });
    const errors = validateFlows(set, ctx);
    if (errors.length === 0) break;
    for (const [id, why] of culprits(errors, published, new Map(set.map((f) => [f.flow.id, f.flow])))) {
      dropped.set(id, why);
      published.delete(id);
    }
  }
  return { dropped };
}

/**
 * The published definitions to drop this round, with the errors to show for
 * each. A published flow with errors of its own is the culprit. When only
 * flows that were not published fail, a published flow they call changed under
 * them (it stopped asking, so their loop no longer waits): the published flows
 * they call are dropped, or, if they call none, every published one.
 */
function culprits(errors: readonly FlowError[], published: ReadonlyMap<string, unknown>, checked: ReadonlyMap<string, FlowDef>): Map<string, FlowError[]> {
  const byFlow = new Map<string, FlowError[]>();
  for (const e of errors) {
    const id = e.flow ?? e.file;
    byFlow.set(id, [...(byFlow.get(id) ?? []), e]);
  }
  const own = new Map([...byFlow].filter(([id]) => published.has(id)));
  if (own.size > 0) return own;
  const blamed = new Map<string, FlowError[]>();
  for (const [caller, why] of byFlow) {
    for (const callee of callees(checked.get(caller))) {
      if (published.has(callee)) blamed.set(callee, [...(blamed.get(callee) ?? []), ...why]);
    }
  }
  return blamed.size > 0 ? blamed : new Map([...published.keys()].map((id) => [id, [...errors]]));
}

/** The flows a flow enters (`call`, `goto_flow`). */
function callees(flow: FlowDef | undefined): Set<string> {
  return new Set(Object.values(flow?.states ?? {}).flatMap((s) => flowRefs(s).map((r) => r.name)));
}
