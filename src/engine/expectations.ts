/**
 * Reading an answer against what a state expects, and the choices a question offers.
 */
import { holds } from './conditions';
import type { ChoiceOption, Expectation, MessageRef, StateDef } from './flow';
import { textOf, type Input } from './input';
import type { Interpreter } from './services';
import type { Session } from './session';

export type Answer =
  | { ok: true; value: unknown }
  /** `dont_know`: the patient said they do not know ("pata nahi", "জানি না"), which answers neither yes nor a number. */
  | { ok: false; reason: 'not_understood' | 'dont_know' | 'out_of_range' | 'unsupported_media'; params?: Record<string, number> };

/** The payload of the extra choice that leaves an answer unknown. */
export const SKIP_VALUE = 'skip';

const YES_NO: ChoiceOption[] = [
  { value: 'yes', label: 'common.yes' },
  { value: 'no', label: 'common.no' },
];

export function expectationKind(expect: Expectation): 'yes_no' | 'text' | 'location' | 'number' | 'choice' {
  return typeof expect === 'string' ? expect : 'number' in expect ? 'number' : 'choice';
}

/**
 * The options a question offers as buttons or a numbered list (empty for free answers). With a
 * session, only the options whose `when` holds on it; without one (the flow checker, the
 * choice-word tests), every option the state lists.
 */
export function optionsOf(state: StateDef, session?: Session): ChoiceOption[] {
  const base = listedOptions(state);
  // The same array when no option has a condition: the interpreter keeps its reading of a list by its contents.
  if (session && base.some((o) => o.when)) {
    const offered = base.filter((o) => !o.when || holds(o.when, session));
    return state.skip ? [...offered, { value: SKIP_VALUE, label: state.skip }] : offered;
  }
  if (!state.skip) return base;
  // With its skip, made once per state: a state never changes once its flow is loaded.
  let options = withSkip.get(state);
  if (!options) {
    options = [...base, { value: SKIP_VALUE, label: state.skip }];
    withSkip.set(state, options);
  }
  return options;
}

/** The options a state lists, every one, conditions or not. */
function listedOptions(state: StateDef): ChoiceOption[] {
  const expect = state.expect;
  return expect === 'yes_no' ? YES_NO : expect && typeof expect === 'object' && 'choice' in expect ? expect.choice : [];
}

/** A state's options with its skip, for the states whose options have no condition. */
const withSkip = new WeakMap<StateDef, ChoiceOption[]>();

type Choices = ReadonlyArray<{ readonly value: string; readonly label: MessageRef }>;
/** A question's choices, made once per state when no option has a condition (most questions), frozen: shared by every turn that asks it. */
const choicesBy = new WeakMap<StateDef, Choices | undefined>();

export function choicesOf(state: StateDef, session: Session): Choices | undefined {
  if (choicesBy.has(state)) return choicesBy.get(state);
  const made = choicesFrom(optionsOf(state, session));
  if (!listedOptions(state).some((o) => o.when)) choicesBy.set(state, made);
  return made;
}

function choicesFrom(options: readonly ChoiceOption[]): Choices | undefined {
  return options.length ? Object.freeze(options.map((o) => Object.freeze({ value: o.value, label: Object.freeze({ key: o.label }) }))) : undefined;
}

/**
 * The answer to `state` in `input`. The options are those offered when the question was asked:
 * its conditions read the same session, which nothing changes between the question and its answer
 * (without a session: every option the state lists, as optionsOf).
 */
export function readAnswer(state: StateDef, input: Input, interpret: Interpreter, session?: Session): Answer {
  const expect = state.expect as Expectation;
  if (expect === 'location') {
    if (input.kind === 'location') return { ok: true, value: { lat: input.lat, lng: input.lng } };
    const text = textOf(input);
    if (state.skip) {
      const skipped =
        input.kind === 'choice' ? input.payload === SKIP_VALUE : text !== null && (interpret.choice(text, [{ value: SKIP_VALUE, label: state.skip }]) !== null || declines(text, interpret));
      if (skipped) return { ok: true, value: null };
    }
    return { ok: false, reason: text === null ? 'unsupported_media' : 'not_understood' };
  }
  const text = textOf(input);
  if (text === null) return { ok: false, reason: 'unsupported_media' };

  // Buttons and numbered answers first: "1" is the first option, not the number one. A button
  // comes back with its payload exactly (Telegram's callback data, the web chat's quick reply);
  // typed text is read by the interpreter, which never takes a code like `hi` for Hindi.
  const options = optionsOf(state, session);
  const pressed = input.kind === 'choice' ? options.find((o) => o.value === input.payload)?.value : undefined;
  const picked = pressed ?? (options.length ? interpret.choice(text, options) : null);
  if (picked === SKIP_VALUE && state.skip) return { ok: true, value: null };

  if (expect === 'yes_no') {
    if (picked !== null) return { ok: true, value: picked === 'yes' };
    const yes = interpret.yesNo(text);
    return yes === null ? { ok: false, reason: unread(text, interpret) } : { ok: true, value: yes };
  }
  if (expect === 'text') {
    const trimmed = text.trim();
    return trimmed ? { ok: true, value: trimmed } : { ok: false, reason: 'not_understood' };
  }
  if ('choice' in expect) return picked === null ? { ok: false, reason: unread(text, interpret) } : { ok: true, value: picked };

  const { min, max, integer, reading, several } = expect.number;
  const n = interpret.number(text, reading, several && { pick: several, min, max });
  if (n === null && state.skip && declines(text, interpret)) return { ok: true, value: null };
  if (n === null) return { ok: false, reason: unread(text, interpret) };
  if (integer && !Number.isInteger(n)) return { ok: false, reason: 'not_understood' };
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
    return { ok: false, reason: 'out_of_range', params: { min: min ?? -Infinity, max: max ?? Infinity } };
  }
  return { ok: true, value: n };
}

/**
 * A plain "no" ("na", "নেই", "नहीं") or a "don't know" ("pata nahi", "জানি না") to a question
 * that may be left unanswered: asked for a reading or a location, the patient says they have
 * none (no oximeter, cannot count, will not share it), so the answer is the skip, not a word to
 * reject three times.
 */
function declines(text: string, interpret: Interpreter): boolean {
  return interpret.yesNo(text) === false || interpret.dontKnow(text);
}

/** Why typed text that answers nothing was not taken: a "don't know" (the engine may go on without it) or unclear. */
function unread(text: string, interpret: Interpreter): 'dont_know' | 'not_understood' {
  return interpret.dontKnow(text) ? 'dont_know' : 'not_understood';
}

/** What to say when an answer is not accepted. */
/** An answer a question did not accept. */
export type Rejected = Extract<Answer, { ok: false }>;

export function invalidMessage(state: StateDef, answer: Rejected): MessageRef {
  if (answer.reason === 'unsupported_media') return { key: 'common.unsupported_media' };
  if (state.invalid) return { key: state.invalid };
  if (answer.reason === 'out_of_range') return { key: 'common.invalid.out_of_range', params: answer.params };
  return { key: `common.invalid.${expectationKind(state.expect as Expectation)}` };
}
