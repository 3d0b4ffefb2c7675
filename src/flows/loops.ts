/**
 * Loops that no question interrupts. The engine runs states until one waits for
 * an answer; a cycle of states that never ask would run until the step limit,
 * every turn. Found as strongly connected components (Tarjan) of the graph of
 * states that do not stop the turn.
 */
import type { FlowDef, StateDef } from '../engine/flow';
import { stateOf, stateTargets } from './state-refs';

/**
 * Each loop as the list of states around it, starting (and ending) at the loop's
 * first state in file order: `['a', 'b', 'a']`. `stops` says whether a state ends
 * the turn (it asks, or calls a flow that asks).
 */
export function loopsWithoutAsk(flow: FlowDef, stops: (state: StateDef) => boolean): string[][] {
  const order = Object.keys(flow.states);
  const runs = (name: string): boolean => {
    const s = stateOf(flow, name);
    return s !== undefined && !stops(s);
  };
  // Only `next` and branches: `fallback` belongs to asking states, which stop the turn anyway.
  const edges = new Map<string, string[]>();
  for (const name of order.filter(runs)) {
    const s = stateOf(flow, name) as StateDef;
    edges.set(name, stateTargets(s).filter((r) => r.path[0] === 'next' && runs(r.name)).map((r) => r.name));
  }

  return components(order.filter(runs), edges)
    .filter((c) => c.length > 1 || (edges.get(c[0] ?? '') ?? []).includes(c[0] ?? ''))
    .map((c) => {
      const members = new Set(c);
      const first = order.find((n) => members.has(n)) as string;
      return shortestCycle(first, members, edges);
    })
    .sort((a, b) => order.indexOf(a[0] ?? '') - order.indexOf(b[0] ?? ''));
}

function components(nodes: readonly string[], edges: ReadonlyMap<string, string[]>): string[][] {
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
    for (const w of edges.get(v) ?? []) {
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

/** Breadth-first from `start` back to itself inside one component: the loop an author can read. */
function shortestCycle(start: string, members: ReadonlySet<string>, edges: ReadonlyMap<string, string[]>): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift() as string;
    for (const w of edges.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u: string | undefined = v; u !== undefined && u !== start; u = parent.get(u)) path.unshift(u);
        return [start, ...path];
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}
