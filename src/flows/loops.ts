/**
 * Loops that no question interrupts, across the whole set of flows. The engine
 * runs states until one waits for an answer; a cycle of states that never ask
 * would run until the step limit, every turn, saying its messages each time
 * round (a flow that calls itself said its help text a hundred times). The
 * cycle may pass through other flows: `call` and `goto_flow` go on at the
 * called flow's start, and a `call` goes on at the caller's `next` when the
 * called flow can end without asking (returning-flows.ts).
 *
 * Found as strongly connected components (Tarjan) of the graph of every state
 * of every flow that does not ask. A flow outside the set is given the benefit
 * of the doubt: calling it counts as asking.
 */
import type { FlowDef } from '../engine/flow';
import { continuation } from './continuation';
import { flowsReturningWithoutAsking } from './returning-flows';

/** How a loop goes on from a state: the field that leads to the next state around it. */
export type LoopVia = 'next' | 'call' | 'goto_flow';

export interface LoopStep {
  flow: string;
  state: string;
  via: LoopVia;
}

/**
 * Each loop as the steps around it, from the loop's first state (in the order of
 * `flows`, then file order) back to it: the last step's `via` leads to the first.
 * One loop per set of states that can run forever together.
 */
export function loopsWithoutAsk(flows: readonly FlowDef[]): LoopStep[][] {
  const byId = new Map(flows.map((f) => [f.id, f]));
  const returning = flowsReturningWithoutAsking(byId);
  const order: string[] = [];
  const edges = new Map<string, Edge[]>();
  const place = new Map<string, Place>();

  for (const flow of byId.values()) {
    for (const [name, state] of Object.entries(flow.states)) {
      const c = continuation(state);
      if (c.kind === 'ask') continue;
      const from = nodeId(flow.id, name);
      order.push(from);
      place.set(from, { flow: flow.id, state: name });
      const out: Edge[] = [];
      const enter = (id: string, via: LoopVia) => {
        const callee = byId.get(id);
        if (callee) out.push({ to: nodeId(id, callee.start), via });
      };
      if (c.kind === 'goto_flow') enter(c.flow, 'goto_flow');
      if (c.kind === 'call') enter(c.flow, 'call');
      const onward = c.kind === 'onward' ? c.onward : c.kind === 'call' && returning.has(c.flow) ? c.then : undefined;
      for (const t of onward?.next ?? []) out.push({ to: nodeId(flow.id, t.name), via: 'next' });
      edges.set(from, out);
    }
  }
  // Targets that ask, or do not exist, end the path: only running states are nodes.
  for (const [from, out] of edges) edges.set(from, out.filter((e) => edges.has(e.to)));

  // Reported from the loop's first state, so that loops come out in the order of the set.
  const rank = new Map(order.map((n, i) => [n, i]));
  const firstOf = (c: readonly string[]) => Math.min(...c.map((n) => rank.get(n) ?? 0));
  return components(order, edges)
    .filter((c) => c.length > 1 || (edges.get(c[0] ?? '') ?? []).some((e) => e.to === c[0]))
    .sort((a, b) => firstOf(a) - firstOf(b))
    .map((c) => {
      const start = order[firstOf(c)] as string;
      return shortestCycle(start, new Set(c), edges).map(({ node, via }) => ({ ...(place.get(node) as Place), via }));
    });
}

type Place = Omit<LoopStep, 'via'>;

interface Edge {
  to: string;
  via: LoopVia;
}

/** Flow ids and state names never hold a NUL, so the pair is unambiguous. */
function nodeId(flow: string, state: string): string {
  return `${flow}\u0000${state}`;
}

function components(nodes: readonly string[], edges: ReadonlyMap<string, Edge[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;

  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const { to: w } of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      out.push(component);
    }
  };

  for (const v of nodes) if (!index.has(v)) visit(v);
  return out;
}

/**
 * Breadth-first from `start` back to itself inside one component: the loop an
 * author can read. Each node comes with the edge it leaves by.
 */
function shortestCycle(start: string, members: ReadonlySet<string>, edges: ReadonlyMap<string, Edge[]>): Array<{ node: string; via: LoopVia }> {
  const parent = new Map<string, { from: string; via: LoopVia }>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift() as string;
    for (const { to: w, via } of edges.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [{ node: v, via }];
        for (let u = v; u !== start; ) {
          const p = parent.get(u) as { from: string; via: LoopVia };
          path.unshift({ node: p.from, via: p.via });
          u = p.from;
        }
        return path;
      }
      if (!parent.has(w) && w !== start) {
        parent.set(w, { from: v, via });
        queue.push(w);
      }
    }
  }
  return [{ node: start, via: 'next' }];
}
