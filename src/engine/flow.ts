/**
 * A flow definition as the engine sees it: already parsed and validated
 * (src/flows/ does that). Flows are data: an admin may edit them, so nothing
 * here is ever evaluated as code.
 *
 * ```yaml
 * id: helplines
 * spec: 1
 * start: region
 * states:
 *   region:
 *     ask: helplines.ask.region
 *     expect: { choice: [ { value: in_wb, label: region.in_wb }, { value: bd, label: region.bd } ] }
 *     save: profile.region
 *     next: show
 *   show:
 *     do: helplines.show
 *     next: done
 *   done:
 *     say: helplines.menu_hint
 *     end: true
 * ```
 */

export type Language = 'bn' | 'hi' | 'en';
export const LANGUAGES: readonly Language[] = ['bn', 'hi', 'en'];

/** A translated message: a key in locales/<lng>/*.json and its interpolation values. */
export interface MessageRef {
  key: string;
  /** Values for {{placeholders}}. In a flow file, a string starting with `$` is read from the session. */
  params?: Record<string, ParamValue>;
}

/**
 * An interpolation value. Actions may pass other messages (translated first) or a
 * list of messages (translated and joined with line breaks), e.g. a list of helplines.
 */
export type ParamValue = string | number | boolean | null | MessageRef | MessageRef[];

/**
 * A message reference that nothing can change, for one an action makes once and says at many
 * turns: its parameters frozen with it (a parameter that is a message or a list must be frozen
 * already), so the router may keep its text (src/router/render.ts).
 */
export function frozenRef(key: string, params?: Record<string, ParamValue>): MessageRef {
  return Object.freeze(params ? { key, params: Object.freeze(params) } : { key });
}

export interface ChoiceOption {
  value: string;
  /** Message key of the label; matched against the patient's answer in every language. */
  label: string;
  /**
   * Offered only when this holds on the session (an FAQ entry's other languages: only those it
   * has). An option not offered is not numbered and is not an answer.
   */
  when?: Condition;
}

export type Expectation =
  | 'yes_no'
  | 'text'
  | 'location'
  /** `reading`: what the question asks for (words.json `number_labels` / `number_units`: spo2, days, age...). */
  /**
   * `several`: when the answer gives several values of the reading ("was 98, now 92", "30 to
   * 35"), the one that counts, the worse for the patient: `lowest` (SpO2) or `highest`
   * (breathing, temperature). Without it, the first.
   */
  | { number: { min?: number; max?: number; integer?: boolean; reading?: string; several?: 'lowest' | 'highest' } }
  | { choice: ChoiceOption[] };

/** A comparison on one session path. A bare value means equality; null means "unset". */
export type Comparison =
  | string
  | number
  | boolean
  | null
  | { eq?: unknown; ne?: unknown; lt?: number; lte?: number; gt?: number; gte?: number; in?: unknown[]; exists?: boolean };

/** Every path must satisfy its comparison (logical AND). */
export type Condition = Record<string, Comparison>;

export interface Branch {
  when?: Condition;
  goto: string;
}

/** Where to go after a state: one state name, or the first branch whose condition holds. */
export type Next = string | Branch[];

export interface StateDef {
  /** Messages said on entering the state, before anything else it does. */
  say?: string | MessageRef | Array<string | MessageRef>;
  /** Ask a question and wait for the answer. */
  ask?: string | MessageRef;
  expect?: Expectation;
  /** Session path where the parsed answer is stored (`lang` sets the conversation language). */
  save?: string;
  /** Message key of an extra choice that leaves the answer unknown (saved as null). */
  skip?: string;
  /** How many invalid answers are re-asked before `fallback` (default from engine options). */
  retries?: number;
  /** Message key said when an answer is not understood (default `common.invalid.<kind>`). */
  invalid?: string;
  /** State to go to after too many invalid answers (default: the engine's fallback flow). */
  fallback?: string;
  /** Run a registered action. */
  do?: string;
  /** Arguments for the action; strings starting with `$` are read from the session. */
  with?: Record<string, unknown>;
  /** Enter another flow; when it ends, continue with `next`. */
  call?: string;
  /** Leave this flow for another one, for good (the call stack is cleared). */
  goto_flow?: string;
  next?: Next;
  /** This state ends the flow (returning to the caller, if any). */
  end?: boolean;
}

export interface FlowDef {
  id: string;
  spec: 1;
  /** Content hash or store version: a running conversation keeps the version it started on. */
  version: string;
  start: string;
  states: Record<string, StateDef>;
}
