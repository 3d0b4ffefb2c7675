import type { ActionArgs } from './action-args';
import type { Event } from './events';
import type { ChoiceOption, FlowDef, Language } from './flow';
import type { Input } from './input';
import type { Session } from './session';

/**
 * A number question's rule for an answer with several values of its reading: the lowest or the
 * highest of those within `min`..`max` counts (numbers out of range are something else: a
 * time, a count of litres).
 */
export interface SeveralValues {
  pick: 'lowest' | 'highest';
  min?: number | undefined;
  max?: number | undefined;
}

/**
 * Understanding what a patient typed. Implemented in src/i18n/ (normalisation,
 * digits in three scripts, romanized spellings); injected so the engine stays pure.
 */
export interface Interpreter {
  /** The global word the text is (menu, help, language, stop...), or null. */
  command(text: string): string | null;
  /** true / false / null when the text is neither a yes nor a no in any language. */
  yesNo(text: string): boolean | null;
  /**
   * The number in the text ("৯২", "९२", "92%", "SpO2 92"), or null. `reading` is what the
   * question asks for (a words.json `number_labels` / `number_units` name: spo2, days, age,
   * temperature...): a number named as that reading is the answer even after others ("temp 99
   * spo2 90" is 90 for spo2), one named only as another reading is not, and for `days` a number
   * of weeks or months is counted in days ("2 weeks" is 14).
   */
  number(text: string, reading?: string, several?: SeveralValues): number | null;
  /**
   * Every number a whole message names as a reading ("3 din se", "oxygen 96", "2 weeks"), in
   * order, for a symptom check that starts from a message and does not ask again what it stated.
   * Optional: an interpreter without it (a test's literal one) reads no readings there.
   */
  namedReadings?(text: string): NamedReading[];
  /**
   * The value of the option typed text names (by number, a label in any language or an alias, a
   * word only its label has, or its value where that is a word of its label), or null. A button's
   * payload is matched by the engine, not here: typed "hi" is a greeting, the button `hi` Hindi.
   */
  choice(text: string, options: readonly ChoiceOption[]): string | null;
  /**
   * The 1-based place typed text picks in a numbered list of `size` ("2", "number 2", "2nd",
   * "the second one", "দুই নম্বর", "doosra"), or null: a list that is no question's choices
   * (the FAQ's "did you mean" list) is read as `choice` reads its numbers. Optional: an
   * interpreter without it (a test's literal one) reads only `number`.
   */
  listPick?(text: string, size: number): number | null;
  /** The language of a message from its script; `confident` is false for Latin-script guesses. */
  detectLanguage(text: string): { lang: Language; confident: boolean; byWords?: boolean };
  /**
   * Whether the text reads as a question: a question mark, or a question word of any of the
   * languages ("how long…", "oxygen kitna…", "অক্সিজেন কত…"). Says nothing of what is asked.
   */
  isQuestion(text: string): boolean;
  /** Whether the text says the patient does not know ("জানি না", "pata nahi", "I don't know"). */
  dontKnow(text: string): boolean;
  /**
   * Whether the whole text is thanks or an acknowledgement and nothing more ("thank you",
   * "ok thanks", "ধন্যবাদ", "ঠিক আছে", "शुक्रिया", "theek hai"; words.json `courtesy`). Read only
   * where such words answer nothing (the menu): "ok" stays no "yes" where a question asks one.
   */
  courtesy(text: string): boolean;
}

/**
 * A number a message names as a reading, with how it was named: by a name before it (`name`:
 * "oxygen 96", "age 62") or by a unit after it (`unit`: "3 days", "62 saal"). Weeks and months
 * are counted in days (reading `days`, rounded).
 */
export interface NamedReading {
  reading: string;
  value: number;
  by: 'name' | 'unit';
}

/** Where flow definitions come from: a running conversation asks for the version it started on. */
export interface FlowSource {
  get(id: string, version?: string): FlowDef | undefined;
  /**
   * Fetch a version `get` does not find (another process on the same store made it), so
   * that `get(id, version)` finds it afterwards. Resolves false when it exists nowhere.
   * The engine calls it only for a version `get` misses, before the turn begins; a
   * source without it has every version it will ever have.
   */
  load?(id: string, version: string): Promise<boolean>;
}

/**
 * What an action sees: the turn's session, and the turn's input. The session is
 * for reading: it changes only through `set` and `setLanguage`, because the values
 * under `vars` are shared with the session the turn began from until the turn writes
 * under them (engine.ts), and that session must stay as it was.
 */
export interface ActionContext {
  session: Readonly<Session>;
  input: Input | null;
  args: Record<string, unknown>;
  services: Services;
  /** Set a session value and record a var_changed event. */
  set(path: string, value: unknown): void;
  /** Record an event (say something with `msg_created`, or a domain event). */
  emit(event: Event): void;
  /** Change the conversation language and record a language_changed event. */
  setLanguage(lang: Language, how: 'detected' | 'chosen'): void;
}

/** A registered action: the only code a flow can run, named by `do:`. */
export type Action = ((ctx: ActionContext) => void | Promise<void>) & {
  /** The `with:` arguments it takes, when it declares them (withArgs): checked with the flows. */
  readonly args?: ActionArgs;
};

export interface Services {
  /** ms since epoch; the engine has no clock of its own. */
  now(): number;
  flows: FlowSource;
  interpret: Interpreter;
  actions: ReadonlyMap<string, Action>;
}

/** How the engine behaves where a flow does not say. */
export interface EngineOptions {
  /** Flow for a brand-new conversation. */
  entryFlow: string;
  /** Flow started when a message arrives and no flow is running. */
  homeFlow: string;
  /** Flow entered after too many invalid answers when the state names no fallback. */
  fallbackFlow: string;
  /** Global words: command name → flow it starts. `call` returns to the question that was waiting. */
  commands: Record<string, { goto_flow: string } | { call: string }>;
  /** Invalid answers re-asked before falling back. */
  retries: number;
  /** States entered in one turn before the turn stops with a failure event. */
  maxSteps: number;
}

export interface TurnResult {
  session: Session;
  events: Event[];
}
