/**
 * The flow engine: pure. `start` and `resume` take a session and the patient's
 * input and return the next session and the events of the turn. No I/O, no
 * clock, no ids, no translation: those come in as `Services`. The session that
 * goes in is never changed, so a caller may keep or replay it. A turn does not
 * copy it whole, though: the session that comes out shares with it every value
 * under `vars` that the turn did not write (paths.ts, setPathCopying). Treat
 * both as read-only: copy before changing either.
 *
 * ```ts
 * const engine = new Engine(services, options);
 * let { session, events } = await engine.start(newSession(), { kind: 'text', text: 'আমার জ্বর' });
 * ({ session, events } = await engine.resume(session, { kind: 'text', text: '১' }));
 * ```
 */
import { builtinActions, LANGUAGE_KNOWN, NOT_UNDERSTOOD_ACTION } from './builtin-actions';
import { holds } from './conditions';
import { EngineError } from './errors';
import type { Event } from './events';
import { choicesOf, invalidMessage, readAnswer, type Rejected } from './expectations';
import { LANGUAGES, type FlowDef, type Language, type MessageRef, type Next, type ParamValue, type StateDef } from './flow';
import { isBlank, isLaterAlbumItem, textOf, type Input } from './input';
import { getPath, setPathCopying } from './paths';
import type { Session } from './session';
import type { Action, ActionContext, EngineOptions, Services, TurnResult } from './services';

/**
 * The most states one turn may enter. A turn's steps call each other (a step returns
 * only once the turn is done, unless an action awaits something), so the limit also
 * bounds the depth of the call stack: a runaway loop must meet the step limit, which
 * becomes a failure event, long before Node's stack runs out (which would not). A loop
 * with an action in every state overflowed near 2,500 steps.
 */
export const MAX_STEPS_LIMIT = 1000;

export const DEFAULT_ENGINE_OPTIONS: Omit<EngineOptions, 'entryFlow' | 'homeFlow' | 'fallbackFlow' | 'commands'> = {
  retries: 2,
  maxSteps: 100,
};

export class Engine {
  private readonly actions: ReadonlyMap<string, Action>;

  constructor(
    private readonly services: Services,
    private readonly options: EngineOptions,
  ) {
    for (const id of [options.entryFlow, options.homeFlow, options.fallbackFlow]) {
      if (!services.flows.get(id)) throw new EngineError('unknown_entry_flow', `flow "${id}" named in the engine options does not exist`);
    }
    if (options.retries < 0 || options.maxSteps < 1 || options.maxSteps > MAX_STEPS_LIMIT) {
      throw new EngineError('invalid_options', `retries must be >= 0 and maxSteps from 1 to ${MAX_STEPS_LIMIT}`);
    }
    this.actions = new Map([...builtinActions, ...services.actions]);
  }

  /** Begin a conversation: run the entry flow with the first message as its trigger. */
  async start(session: Session, input: Input | null): Promise<TurnResult> {
    const loading = this.loadMissing(session);
    if (loading) await loading;
    const turn = new Turn(this.services, this.options, this.actions, session, input);
    await turn.enterFlow(this.options.entryFlow);
    return turn.result();
  }

  /**
   * A turn the bot begins without a message (a scheduled follow-up check-in): sets
   * `vars`, leaves whatever flow was running and starts `flowId`.
   */
  async startFlow(session: Session, flowId: string, vars: Record<string, unknown> = {}): Promise<TurnResult> {
    const turn = new Turn(this.services, this.options, this.actions, session, null);
    await turn.switchTo(flowId, vars);
    return turn.result();
  }

  /**
   * Continue a conversation with the patient's next message. Another photo of an album
   * already read, without a caption, is no turn: the session comes back as it was, with
   * no events (input.ts, isLaterAlbumItem).
   */
  async resume(session: Session, input: Input): Promise<TurnResult> {
    if (isLaterAlbumItem(session.album, input)) return { session, events: [] };
    const loading = this.loadMissing(session);
    if (loading) await loading;
    const turn = new Turn(this.services, this.options, this.actions, session, input);
    await turn.handle(input);
    return turn.result();
  }

  /**
   * The flow versions the session's stack names that are not in memory, fetched
   * before the turn begins (FlowSource.load): a conversation started on a version
   * another process published, whose message reached this process before it saw
   * the publication, goes on on that version rather than on this process's latest
   * (DESIGN: a conversation keeps the version it started on). Undefined, at no more
   * cost than a look-up per frame, when every version is held: nothing to wait for.
   * `startFlow` needs none: it leaves every running flow before it reads one.
   */
  private loadMissing(session: Session): Promise<unknown> | undefined {
    const flows = this.services.flows;
    if (!flows.load) return undefined;
    let loads: Array<Promise<boolean>> | undefined;
    for (let i = 0; i < session.stack.length; i++) {
      const frame = session.stack[i]!;
      if (flows.get(frame.flow, frame.version) === undefined) (loads ??= []).push(flows.load(frame.flow, frame.version));
    }
    return loads && Promise.all(loads);
  }
}

/** Raised inside a turn to stop it; turned into a failure event, never thrown out of the engine. */
class StopTurn extends Error {
  constructor(readonly failure: Extract<Event, { type: 'failure' }>) {
    super(failure.detail);
  }
}

/**
 * What a step of a turn returns: nothing once it is done, or a promise while an action
 * it ran is still at work. Most turns run no asynchronous action (reading an answer,
 * assessing, saying things), and as plain calls their steps cost less than as a chain
 * of async functions, each with its promise and its trip through the microtask queue
 * (measured on the bench's conversations: about a tenth of the engine's time).
 */
type Step = void | Promise<void>;

/** `run`, with `recover` in its place when it stops the turn, whether it throws at once or later. */
function onStop(run: () => Step, recover: (stop: StopTurn) => Step): Step {
  const caught = (err: unknown): Step => {
    if (err instanceof StopTurn) return recover(err);
    throw err;
  };
  let step: Step;
  try {
    step = run();
  } catch (err) {
    return caught(err);
  }
  return step instanceof Promise ? step.then(undefined, caught) : step;
}

/** One turn's working state: its own session (copied on write) and the events so far. */
class Turn {
  private readonly session: Session;
  /**
   * The objects under `session.vars` this turn made, and so may change in place. Made at the
   * first write, as `saved` is: many turns write nothing (a question asked again, a menu shown).
   */
  private owned: Set<object> | undefined;
  private readonly events: Event[] = [];
  /** The paths this turn saved (answers and actions' `set`), `lang` included. */
  private saved: Set<string> | undefined;
  private steps = 0;
  /** The question whose `fallback` this turn took, with the answer it could not read (notUnderstood). */
  private fellBack: { flow: string; depth: number; state: string; answer: Rejected; retries: number } | undefined;

  constructor(
    private readonly services: Services,
    private readonly options: EngineOptions,
    private readonly actions: ReadonlyMap<string, Action>,
    session: Session,
    private readonly input: Input | null,
  ) {
    // The top and the stack are the turn's own (a frame is a few fields, changed on most
    // turns); `vars` is shared with the session given until the turn writes under it.
    this.session = { ...session, stack: session.stack.map((frame) => ({ ...frame })), turns: session.turns + 1 };
    // The album this photo belongs to has had its turn: its other photos are only stored.
    if (input?.kind === 'media' && input.album !== undefined) this.session.album = input.album;
  }

  result(): TurnResult {
    return { session: this.session, events: this.events };
  }

  handle(input: Input): Step {
    return this.guard(() => {
      // A caption is read as the same words typed: a red flag in it is the emergency word.
      const text = textOf(input);
      const command = text === null ? null : this.services.interpret.command(text);
      if (command && this.options.commands[command]) {
        if (text !== null) this.languageOfWord(text);
        return this.runCommand(command);
      }

      const frame = this.session.stack.at(-1);
      if (!frame) return this.enterFlow(this.options.homeFlow);
      const state = this.stateOf(frame.flow, frame.version, frame.state);
      if (!frame.waiting || !state.ask) return this.enterState(frame.state);
      return this.answer(state, input);
    });
  }

  /** Leave every running flow for `flowId`, with `vars` saved first (Engine.startFlow). */
  switchTo(flowId: string, vars: Record<string, unknown>): Step {
    return this.guard(() => {
      for (const [path, value] of Object.entries(vars)) this.save(path, value);
      this.leaveAll();
      return this.pushFlow(flowId);
    });
  }

  /** Run the first flow of a conversation (or any flow from scratch). */
  enterFlow(flowId: string): Step {
    return this.guard(() => this.pushFlow(flowId));
  }

  /**
   * A global word typed while the language is only a guess (the welcome's language question after
   * "hello"): a danger sign ("saans nahi aa rahi", "শ্বাস নিতে পারছি না") is answered in the language
   * its words point to, as it is when it is the first message (`language.detect`): certain from
   * Bengali or Devanagari script, else a better guess, still asked after.
   */
  private languageOfWord(text: string): void {
    if (this.session.vars[LANGUAGE_KNOWN] !== false || !/\p{L}/u.test(text)) return;
    const detected = this.services.interpret.detectLanguage(text);
    if (detected.confident) {
      this.setLanguage(detected.lang, 'detected');
      this.save(LANGUAGE_KNOWN, true);
    } else if (detected.byWords) this.setLanguage(detected.lang, 'detected');
  }

  private runCommand(command: string): Step {
    this.emit({ type: 'command_received', command });
    const target = this.options.commands[command]!;
    if ('call' in target) {
      // The word names the flow already running on top (the language word at the language
      // question): start that flow again rather than stack a second copy of it, whose end
      // would ask the first one's question once more.
      if (this.session.stack.at(-1)?.flow === target.call) this.leaveTop();
      return this.pushFlow(target.call);
    }
    this.leaveAll();
    return this.pushFlow(target.goto_flow);
  }

  private answer(state: StateDef, input: Input): Step {
    const frame = this.top();
    // An empty message answers nothing: the question is asked again, and the try is not counted
    // (three stray sends went on without the days of fever).
    if (isBlank(input)) return this.retry(state, { ok: false, reason: 'not_understood' }, frame.waiting?.retries ?? 0);
    const answer = readAnswer(state, input, this.services.interpret, this.session);
    if (answer.ok) {
      delete frame.waiting;
      if (state.save) this.save(state.save, answer.value);
      return this.follow(state.next);
    }
    const retries = (frame.waiting?.retries ?? 0) + 1;
    this.emit({ type: 'input_rejected', state: frame.state, reason: answer.reason, retries });
    // "Don't know" to a question with a way on without its answer (`fallback`: "going on
    // without"): taken at once. Asking again would only get the same answer, and reading it as
    // a "no" (as "nahi pata" once was) would store a wrong one.
    if (retries > (state.retries ?? this.options.retries) || (answer.reason === 'dont_know' && state.fallback)) {
      delete frame.waiting;
      if (state.fallback) {
        // Kept for `answer.not_understood`, should the fallback's path give the answer back.
        this.fellBack = { flow: frame.flow, depth: this.session.stack.length, state: frame.state, answer, retries };
        return this.enterState(state.fallback);
      }
      return this.giveUp(state);
    }
    return this.retry(state, answer, retries);
  }

  /** Say why the answer was not accepted and ask again, with `retries` unclear answers so far. */
  private retry(state: StateDef, answer: Rejected, retries: number): void {
    this.top().waiting = { retries };
    this.say(invalidMessage(state, answer));
    this.ask(state);
  }

  /** A question's retries ran out (and it has no fallback to try). */
  private giveUp(state: StateDef): Step {
    // A question that may be left unanswered (it offers `skip`) is left so, as if the patient
    // had pressed it, rather than the whole flow: a symptom check stopped at its breathing-rate
    // question for three misread answers gave the patient no advice at all.
    if (state.skip) {
      this.say({ key: 'common.going_on_without' });
      if (state.save) this.save(state.save, null);
      return this.follow(state.next);
    }
    this.say({ key: 'common.not_understood' });
    this.leaveAll();
    return this.pushFlow(this.options.fallbackFlow);
  }

  /**
   * `do: answer.not_understood` (NOT_UNDERSTOOD_ACTION): the answer a question's `fallback` was
   * tried on is not understood after all. The question counts it as it counts its other
   * unclear answers — against the engine's `retries`, since its own `retries` (usually 0) only
   * says when the fallback is tried — and says why and asks again, or, once they have run out,
   * does what a question without a fallback does then.
   */
  private notUnderstood(): Step {
    const from = this.fellBack;
    const frame = this.top();
    if (!from || from.flow !== frame.flow || from.depth !== this.session.stack.length) {
      throw this.fail('action_failed', `action "${NOT_UNDERSTOOD_ACTION}" runs only on the way a question's fallback takes, in the turn of the answer, in the question's flow`);
    }
    this.fellBack = undefined;
    frame.state = from.state;
    const question = this.stateOf(frame.flow, frame.version, from.state);
    if (from.retries > this.options.retries) return this.giveUp(question);
    return this.retry(question, from.answer, from.retries);
  }

  private save(path: string, value: unknown): void {
    (this.saved ??= new Set()).add(path);
    if (path === 'lang') {
      if (typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)) {
        this.setLanguage(value as Language, 'chosen');
        // Chosen by the patient: known from now on, never replaced by a guess (language.detect).
        if (this.session.vars[LANGUAGE_KNOWN] !== true) this.save(LANGUAGE_KNOWN, true);
      }
      return;
    }
    this.session.vars = setPathCopying(this.session.vars, path, value, (this.owned ??= new Set()));
    this.emit({ type: 'var_changed', path, value });
  }

  private setLanguage(lang: Language, how: 'detected' | 'chosen'): void {
    if (this.session.lang === lang) return;
    this.session.lang = lang;
    this.emit({ type: 'language_changed', lang, how });
  }

  private pushFlow(flowId: string): Step {
    const flow = this.services.flows.get(flowId);
    if (!flow) throw this.fail('unknown_flow', `flow "${flowId}" does not exist`);
    this.session.stack.push({ flow: flow.id, version: flow.version, state: flow.start });
    this.emit({ type: 'flow_entered', flow: flow.id, version: flow.version });
    return this.enterState(flow.start);
  }

  /** Enter a state of the current flow and run on until a question waits or the flows end. */
  private enterState(name: string): Step {
    if (++this.steps > this.options.maxSteps) throw this.fail('step_limit', `more than ${this.options.maxSteps} steps in one turn`);
    const frame = this.top();
    frame.state = name;
    delete frame.waiting;
    const state = this.stateOf(frame.flow, frame.version, name);

    const said = sayList(state);
    for (let i = 0; i < said.length; i++) this.say(said[i]!);
    if (state.ask) {
      frame.waiting = { retries: 0 };
      return this.ask(state);
    }
    if (state.do === NOT_UNDERSTOOD_ACTION) return this.notUnderstood();
    if (state.do) {
      // No closure for the way on unless the action is asynchronous (few are).
      const acted = this.runAction(state);
      return acted instanceof Promise ? acted.then(() => this.follow(state.next)) : this.follow(state.next);
    }
    if (state.call) return this.pushFlow(state.call);
    if (state.goto_flow) {
      this.leaveAll();
      return this.pushFlow(state.goto_flow);
    }
    if (state.end || state.next === undefined) return this.endFlow();
    return this.follow(state.next);
  }

  /** The current flow ended: return to its caller, or leave the session idle. */
  private endFlow(): Step {
    const ended = this.session.stack.pop()!;
    this.emit({ type: 'flow_exited', flow: ended.flow, how: 'ended' });
    const caller = this.session.stack.at(-1);
    if (!caller) return;
    const state = this.stateOf(caller.flow, caller.version, caller.state);
    // Called by a state's `call:` → go on; interrupted by a global word while asking → ask again,
    // unless the flow the word called saved the question's answer (the language word at the
    // welcome's language question): then the question is answered, and the caller goes on.
    if (state.call) return this.follow(state.next);
    if (state.ask && !(state.save !== undefined && this.saved?.has(state.save) === true)) {
      caller.waiting = { retries: 0 };
      return this.ask(state);
    }
    delete caller.waiting;
    return this.follow(state.next);
  }

  private follow(next: Next | undefined): Step {
    if (next === undefined) return this.endFlow();
    if (typeof next === 'string') return this.enterState(next);
    // A loop, not `find`: no closure at every branching state.
    for (let i = 0; i < next.length; i++) {
      const branch = next[i]!;
      if (!branch.when || holds(branch.when, this.session)) return this.enterState(branch.goto);
    }
    return this.endFlow();
  }

  private runAction(state: StateDef): Step {
    const name = state.do as string;
    const action = this.actions.get(name);
    if (!action) throw this.fail('unknown_action', `action "${name}" is not registered`);
    const ctx: ActionContext = {
      session: this.session,
      input: this.input,
      args: state.with === undefined ? NO_ARGS : resolveArgs(state.with, this.session),
      services: this.services,
      set: (path, value) => this.save(path, value),
      emit: (event) => this.emit(event),
      setLanguage: (lang, how) => this.setLanguage(lang, how),
    };
    const failed = (err: unknown): never => {
      throw this.fail('action_failed', `action "${name}" failed: ${(err as Error).message}`);
    };
    let done: void | PromiseLike<void>;
    try {
      done = action(ctx);
    } catch (err) {
      return failed(err);
    }
    // An asynchronous action: the turn goes on when it has finished.
    return done && typeof done.then === 'function' ? Promise.resolve(done).then(undefined, failed) : undefined;
  }

  private ask(state: StateDef): void {
    const msg = this.resolve(typeof state.ask === 'string' ? { key: state.ask } : (state.ask as MessageRef));
    const choices = choicesOf(state, this.session);
    this.emit(choices ? { type: 'msg_created', msg, choices } : { type: 'msg_created', msg });
  }

  private say(msg: MessageRef): void {
    this.emit({ type: 'msg_created', msg: this.resolve(msg) });
  }

  /** Replace `$path` parameters with the session's values, so the router only translates. */
  private resolve(msg: MessageRef): MessageRef {
    if (!msg.params) return msg;
    const params: Record<string, ParamValue> = {};
    for (const k in msg.params) {
      const v = msg.params[k] as ParamValue;
      params[k] = typeof v === 'string' && v.startsWith('$') ? toParam(getPath(this.session, v.slice(1))) : v;
    }
    return { key: msg.key, params };
  }

  private leaveAll(): void {
    while (this.session.stack.length) this.leaveTop();
  }

  private leaveTop(): void {
    const frame = this.session.stack.pop()!;
    this.emit({ type: 'flow_exited', flow: frame.flow, how: 'left' });
  }

  private top() {
    const frame = this.session.stack.at(-1);
    if (!frame) throw this.fail('unknown_state', 'no flow is running');
    return frame;
  }

  private stateOf(flowId: string, version: string, name: string): StateDef {
    // The latest version only when the session's own is stored nowhere (Engine.loadMissing
    // fetched it otherwise; the flow source logs the miss): better than no flow at all.
    const flow: FlowDef | undefined = this.services.flows.get(flowId, version) ?? this.services.flows.get(flowId);
    if (!flow) throw this.fail('unknown_flow', `flow "${flowId}" version ${version} does not exist`);
    const state = flow.states[name];
    if (!state) throw this.fail('unknown_state', `flow "${flowId}" has no state "${name}"`);
    return state;
  }

  private fail(code: Extract<Event, { type: 'failure' }>['code'], detail: string): StopTurn {
    const frame = this.session.stack.at(-1);
    return new StopTurn({ type: 'failure', code, detail, ...(frame ? { flow: frame.flow, state: frame.state } : {}) });
  }

  /**
   * Content problems stop the turn with a failure event; the patient is told and
   * starts again from the fallback flow. If that flow is itself broken the
   * session is left idle rather than looping.
   */
  private guard(run: () => Step): Step {
    return onStop(run, (stop) => {
      this.emit(stop.failure);
      this.say({ key: 'common.error' });
      this.leaveAll();
      this.steps = 0;
      return onStop(
        () => this.pushFlow(this.options.fallbackFlow),
        (again) => {
          this.emit(again.failure);
          this.leaveAll();
        },
      );
    });
  }

  private emit(event: Event): void {
    this.events.push(event);
  }
}

const NOTHING_SAID: readonly MessageRef[] = Object.freeze([]);
/** A state's `say` as message references, made once per state (flows never change once loaded), not at every entry. */
const saidBy = new WeakMap<StateDef, readonly MessageRef[]>();

function sayList(state: StateDef): readonly MessageRef[] {
  const { say } = state;
  if (say === undefined) return NOTHING_SAID;
  let list = saidBy.get(state);
  if (!list) {
    list = Object.freeze((Array.isArray(say) ? say : [say]).map((m) => (typeof m === 'string' ? Object.freeze({ key: m }) : m)));
    saidBy.set(state, list);
  }
  return list;
}

function toParam(value: unknown): ParamValue {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** The arguments of a state without `with:`: frozen, as a flow's are. */
const NO_ARGS: Record<string, unknown> = Object.freeze({});

function resolveArgs(args: Record<string, unknown>, session: Session): Record<string, unknown> {
  // The flow's own, deep-frozen when it was loaded, when nothing in it is read from the session:
  // no copy at every action (most arguments name a list or a path to write, not a `$path`).
  if (Object.isFrozen(args) && !readsSession(args)) return args;
  const out: Record<string, unknown> = {};
  // for-in, not Object.entries: no array per argument, at every action (args are plain JSON from a flow).
  for (const k in args) {
    const v = args[k];
    out[k] = typeof v === 'string' && v.startsWith('$') ? getPath(session, v.slice(1)) : v;
  }
  return out;
}

function readsSession(args: Record<string, unknown>): boolean {
  for (const k in args) {
    const v = args[k];
    if (typeof v === 'string' && v.startsWith('$')) return true;
  }
  return false;
}
