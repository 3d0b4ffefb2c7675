/**
 * One action run on its own, as the engine runs it (src/engine/engine.ts): a context whose `set`
 * writes the session copying what it shares, and records the engine's `var_changed` event, so a
 * test reads what the action wrote and said without a flow around it.
 */
import type { Event } from '../../src/engine/events';
import type { Input } from '../../src/engine/input';
import { setPathCopying } from '../../src/engine/paths';
import type { Action, ActionContext, Interpreter, Services } from '../../src/engine/services';
import type { Session } from '../../src/engine/session';

export interface ActionRun {
  session: Session;
  interpret: Interpreter;
  actions: Services['actions'];
  input?: Input | null;
  args?: Record<string, unknown>;
  now?: number;
}

/** Runs `action` on `run.session` (changed in place, as the engine's turn changes its own) and returns the events. */
export async function runAction(action: Action, run: ActionRun): Promise<Event[]> {
  const { session } = run;
  const owned = new Set<object>();
  const events: Event[] = [];
  const services: Services = { now: () => run.now ?? 0, flows: { get: () => undefined }, interpret: run.interpret, actions: run.actions };
  const ctx: ActionContext = {
    session,
    input: run.input ?? null,
    args: run.args ?? {},
    services,
    set: (path, value) => {
      session.vars = setPathCopying(session.vars, path, value, owned);
      events.push({ type: 'var_changed', path, value });
    },
    emit: (e) => events.push(e),
    setLanguage: () => undefined,
  };
  await action(ctx);
  return events;
}
