/**
 * What a patient may type to pick one of a question's choices, worked out once for
 * each list of choices: the words of its labels, in every language, never the
 * payloads that flows name choices by.
 *
 * A payload is a name for code and for buttons (`bn`, `hi`, `not_tested`). Typed, it
 * would read chat as choices: "hi" is a greeting, not Hindi. So a typed payload counts
 * only where it is itself a word of its choice's label ("oxygen" of "Oxygen bed",
 * "positive" of "Yes – positive"); a button's payload comes back exactly and is read
 * before any of this (interpreter.ts).
 *
 * ```ts
 * const words = choiceWords(options, formsOf, isNoWord, requestOf);
 * words.byForm('oxygen bed');  // 'oxygen': a whole label, in any language, or an alias
 * words.byKeyWord('পজিটিভ');   // 'positive': "হ্যাঁ – পজিটিভ" less the "হ্যাঁ" its siblings share
 * words.byKeyWord('হ্যাঁ');     // undefined: in two labels, so it names neither
 * words.byRequest('ask question'); // 'faq' at the main menu: "I want to ask a question" less "I want to a"
 * ```
 */
import type { ChoiceOption } from '../engine/flow';
import { toAsciiDigits } from './digits';
import { looseText } from './normalize';
import type { RequestReader } from './request-words';

export interface ChoiceWords {
  /** The value of the choice a loose text is a whole label form of; null when it is one of several. */
  byForm(loose: string): string | null | undefined;
  /** The value of the choice a loose one-word text is the key word of. */
  byKeyWord(loose: string): string | undefined;
  /**
   * The value of the choice a request asks for (request-words.ts: "ask question" of "I want to
   * ask a question"): a label form less its own request words ("Ask a question about COVID" is
   * "ask question about covid"); null when it is one of several.
   */
  byRequest(asked: string): string | null | undefined;
}

/**
 * `formsOf(label)`: the loose forms a label is written in (every language, aliases).
 * `yesNoOf(word)`: true / false for a yes or no word, undefined otherwise.
 * `requestOf(form)`: what a loose text asks for, less its request words (request-words.ts).
 */
export function choiceWords(
  options: readonly ChoiceOption[],
  formsOf: (label: string) => ReadonlySet<string>,
  yesNoOf: (word: string) => boolean | undefined,
  requestOf: RequestReader,
): ChoiceWords {
  const formsByOption = options.map((o) => ({ value: o.value, forms: [...formsOf(o.label)] }));

  // Which choices each word of any label form belongs to.
  const owners = new Map<string, Set<string>>();
  for (const { value, forms } of formsByOption) {
    for (const form of forms) {
      for (const w of form.split(' ')) {
        const set = owners.get(w) ?? new Set<string>();
        set.add(value);
        owners.set(w, set);
      }
    }
  }
  const shared = (w: string): boolean => (owners.get(w)?.size ?? 0) > 1;

  const byForm = new Map<string, string | null>();
  for (const { value, forms } of formsByOption) for (const form of forms) claim(byForm, form, value);
  for (const { value } of formsByOption) {
    const typed = looseText(value);
    if (typed !== '' && owners.get(typed)?.has(value)) claim(byForm, typed, value);
  }

  const byKeyWord = new Map<string, string | null>();
  for (const { value, forms } of formsByOption) {
    for (const form of forms) {
      const key = keyWordOf(form.split(' '), shared, yesNoOf);
      if (key !== null) claim(byKeyWord, key, value);
    }
  }

  const byRequest = new Map<string, string | null>();
  for (const { value, forms } of formsByOption) {
    for (const form of forms) {
      const asked = requestOf(form);
      if (asked !== '') claim(byRequest, asked, value);
    }
  }

  return {
    byForm: (loose) => byForm.get(loose),
    byKeyWord: (loose) => byKeyWord.get(loose) ?? undefined,
    byRequest: (asked) => byRequest.get(asked),
  };
}

/**
 * The one word of a label form that its sibling labels do not also have: "পজিটিভ" of
 * "হ্যাঁ – পজিটিভ" beside "হ্যাঁ – নেগেটিভ", "oxygen" of "Oxygen bed" beside "ICU bed".
 * None when more than one word is the label's own ("Waiting for the result": "the" or
 * "result" alone is not an answer; "tested" alone would read "Not tested" backwards),
 * when the word is a yes or no or a lone letter or number, or when a "no" is among the
 * shared words dropped ("জানি না" beside "না": "জানি" alone means "I know").
 */
function keyWordOf(
  ws: readonly string[],
  shared: (w: string) => boolean,
  yesNoOf: (word: string) => boolean | undefined,
): string | null {
  if (ws.length < 2) return null;
  const own = ws.filter((w) => !shared(w));
  const key = own[0];
  if (own.length !== 1 || key === undefined || isWeak(key, yesNoOf)) return null;
  if (ws.some((w) => shared(w) && yesNoOf(w) === false)) return null;
  return key;
}

function isWeak(w: string, yesNoOf: (word: string) => boolean | undefined): boolean {
  return yesNoOf(w) !== undefined || /^\d+$/.test(toAsciiDigits(w)) || /^\p{L}\p{M}*$/u.test(w);
}

/** The value a text names; null once two different choices claim it. */
function claim(map: Map<string, string | null>, text: string, value: string): void {
  const seen = map.get(text);
  if (seen === undefined) map.set(text, value);
  else if (seen !== value) map.set(text, null);
}
