/**
 * A small, fixed world for engine unit tests: flows written inline, a literal
 * interpreter (English words and ASCII digits only — the real one is tested in
 * test/i18n), and a fixed clock. The session is written to JSON and read back
 * before every resume, as the store does, to prove nothing is lost.
 */
import { Engine } from '../../src/engine/engine';
import type { Event } from '../../src/engine/events';
import type { FlowDef, StateDef } from '../../src/engine/flow';
import type { Input } from '../../src/engine/input';
import { newSession, type Session } from '../../src/engine/session';
import type { Action, EngineOptions, Interpreter, Services } from '../../src/engine/services';

export const literalInterpreter: Interpreter = {
  command: (text) => (['menu', 'help', 'language', 'stop'].includes(text.trim().toLowerCase()) ? text.trim().toLowerCase() : null),
  yesNo: (text) => (/^(yes|y)$/i.test(text.trim()) ? true : /^(no|n)$/i.test(text.trim()) ? false : null),
  number: (text) => {
    const m = /-?\d+(\.\d+)?/.exec(text);
    return m ? Number(m[0]) : null;
  },
  choice: (text, options) => {
    const t = text.trim().toLowerCase();
    const n = Number(t);
    if (Number.isInteger(n) && n >= 1 && n <= options.length) return options[n - 1]!.value;
    return options.find((o) => o.value === t || o.label.split('.').at(-1) === t)?.value ?? null;
  },
  detectLanguage: (text) => (/[\u0980-\u09ff]/.test(text) ? { lang: 'bn', confident: true } : /[\u0900-\u097f]/.test(text) ? { lang: 'hi', confident: true } : { lang: 'en', confident: false }),
  isQuestion: (text) => /\?|^(what|how|when|where|why)\b/i.test(text.trim()),
  dontKnow: (text) => /^(i )?(don't|do not) know$/i.test(text.trim()),
  courtesy: (text) => /^(ok|thanks|thank you)$/i.test(text.trim()),
};

export function flow(id: string, states: Record<string, StateDef>, start = Object.keys(states)[0]!, version = 'v1'): FlowDef {
  return { id, spec: 1, version, start, states };
}

export function makeEngine(flows: FlowDef[], opts: Partial<EngineOptions> = {}, actions: Record<string, Action> = {}) {
  const byId = new Map<string, FlowDef[]>();
  for (const f of flows) byId.set(f.id, [...(byId.get(f.id) ?? []), f]);
  const services: Services = {
    now: () => Date.UTC(2021, 4, 1, 10, 0, 0),
    flows: { get: (id, version) => (version ? byId.get(id)?.find((f) => f.version === version) : byId.get(id)?.at(-1)) },
    interpret: literalInterpreter,
    actions: new Map(Object.entries(actions)),
  };
  const options: EngineOptions = {
    entryFlow: flows[0]!.id,
    homeFlow: flows[0]!.id,
    fallbackFlow: flows[0]!.id,
    commands: {},
    retries: 2,
    maxSteps: 100,
    ...opts,
  };
  return { engine: new Engine(services, options), services, byId };
}

/** Keys said, in order (choices as "key[value,value]"). */
export function said(events: Event[]): string[] {
  return events.flatMap((e) => (e.type === 'msg_created' ? [e.choices ? `${e.msg.key}[${e.choices.map((c) => c.value).join(',')}]` : e.msg.key] : []));
}

export const text = (t: string): Input => ({ kind: 'text', text: t });

/** Run a conversation: the first input starts it, every later one resumes, with a JSON round trip between turns. */
export async function converse(engine: Engine, inputs: Input[], session: Session = newSession()) {
  const turns: Array<{ events: Event[]; session: Session }> = [];
  let current = session;
  for (const [i, input] of inputs.entries()) {
    const stored: Session = JSON.parse(JSON.stringify(current));
    const result = i === 0 && current.turns === 0 ? await engine.start(stored, input) : await engine.resume(stored, input);
    turns.push(result);
    current = result.session;
  }
  return { turns, session: current };
}
