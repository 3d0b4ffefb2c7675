/**
 * A flow as a Mermaid state diagram, for the console: an admin editing a flow
 * sees where every state leads before saving it.
 *
 * ```text
 * stateDiagram-v2
 *   [*] --> region
 *   region : ask helplines.ask.region
 *   region --> show
 *   show : do helplines.show
 *   show --> bd_extra : profile.region = bd
 *   show --> done : otherwise
 *   done --> [*]
 * ```
 */
import type { Comparison, Condition, FlowDef, StateDef } from '../engine/flow';

/** Words Mermaid reads as syntax; states with these names get an alias. */
const RESERVED = new Set(['end', 'state', 'note', 'direction', 'class', 'classdef', 'click', 'style', 'as', 'fork', 'join', 'choice']);

export function toMermaid(flow: FlowDef): string {
  const id = (name: string) => (RESERVED.has(name.toLowerCase()) ? `s_${name}` : name);
  const lines = ['stateDiagram-v2'];
  for (const name of Object.keys(flow.states)) if (id(name) !== name) lines.push(`  state "${name}" as ${id(name)}`);
  lines.push(`  [*] --> ${id(flow.start)}`);

  for (const [name, state] of Object.entries(flow.states)) {
    const from = id(name);
    const what = describe(state);
    if (what) lines.push(`  ${from} : ${what}`);
    if (typeof state.next === 'string') {
      lines.push(`  ${from} --> ${id(state.next)}${state.call !== undefined ? ` : after ${state.call}` : ''}`);
    } else if (state.next) {
      for (const b of state.next) lines.push(`  ${from} --> ${id(b.goto)} : ${b.when ? condition(b.when) : 'otherwise'}`);
    }
    if (state.fallback !== undefined) lines.push(`  ${from} --> ${id(state.fallback)} : too many invalid answers`);
    if (state.goto_flow !== undefined) lines.push(`  ${from} --> [*] : to ${state.goto_flow}`);
    if (state.end) lines.push(`  ${from} --> [*]`);
  }
  return lines.join('\n') + '\n';
}

/** What the state does, in a few words: `ask triage.ask.spo2`, `do triage.assess`, `call triage`. */
function describe(state: StateDef): string {
  if (state.ask !== undefined) return `ask ${typeof state.ask === 'string' ? state.ask : state.ask.key}`;
  if (state.do !== undefined) return `do ${state.do}`;
  if (state.call !== undefined) return `call ${state.call}`;
  const say = state.say === undefined ? [] : Array.isArray(state.say) ? state.say : [state.say];
  const first = say[0];
  if (first !== undefined) return `say ${typeof first === 'string' ? first : first.key}${say.length > 1 ? ' …' : ''}`;
  return '';
}

function condition(when: Condition): string {
  return Object.entries(when)
    .map(([path, c]) => comparison(path, c))
    .join(' and ');
}

function comparison(path: string, c: Comparison): string {
  if (c === null) return `${path} unset`;
  if (typeof c !== 'object') return `${path} = ${text(c)}`;
  const ops: Record<string, string> = { eq: '=', ne: '≠', lt: '<', lte: '≤', gt: '>', gte: '≥' };
  return Object.entries(c)
    .map(([op, v]) => {
      if (op === 'in') return `${path} in ${Array.isArray(v) ? v.map(text).join(', ') : text(v)}`;
      if (op === 'exists') return v ? `${path} set` : `${path} unset`;
      return `${path} ${ops[op] ?? op} ${text(v)}`;
    })
    .join(' and ');
}

/** Values are admin content: keep them on one line and clear of Mermaid's own separators. */
function text(v: unknown): string {
  return String(typeof v === 'object' && v !== null ? JSON.stringify(v) : v).replace(/[:;#\n\r]/g, ' ');
}
