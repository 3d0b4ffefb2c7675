/**
 * The FAQ's example questions as written, for a patient who types (or pastes) one of them.
 *
 * The confidence (faq-index.ts) reads a question by its informative words, and stop words
 * count for nothing: "What is COVID-19?" is the words "covid 19", which "What are the
 * symptoms of COVID-19?" covers as fully as "What is COVID-19?" does, so both scored 1.00 and
 * the patient who typed an entry's own question got a "did you mean" list. An entry whose
 * example question is exactly the patient's text (in the loose form: case, punctuation,
 * spacing, digits of any script) is the one meant — unless two entries have that question,
 * which is a real close call.
 *
 * The index keeps one (faq-index.ts), filled with each entry's `exact` forms as it is built:
 * they are worked out with the rest of the entry's analysis (entry-analysis.ts), which is
 * remembered across rebuilds.
 *
 * ```ts
 * const exact = new ExactQuestions();
 * exact.add('what-is-covid', ['What is COVID-19?', 'covid kya hai'].map(exactForm));
 * exact.entryOf('what is covid 19')   // 'what-is-covid'
 * exact.entryOf('covid')              // undefined: no entry asks just that
 * ```
 */
import { looseText, toAsciiDigits } from '../i18n/normalize';

/** A question in the form it is compared in (the form analyze.ts splits into words, too). */
export function exactForm(question: string): string {
  return looseText(toAsciiDigits(question));
}

export class ExactQuestions {
  /** An example question's exact form → the entries that have it. */
  private readonly entries = new Map<string, Set<string>>();

  /** An entry's example questions, in their exact forms. */
  add(id: string, forms: Iterable<string>): void {
    for (const form of forms) {
      if (form === '') continue;
      const ids = this.entries.get(form) ?? new Set<string>();
      ids.add(id);
      this.entries.set(form, ids);
    }
  }

  /** The one entry that has this text as an example question, if exactly one has. */
  entryOf(text: string): string | undefined {
    const ids = this.entries.get(exactForm(text));
    return ids?.size === 1 ? [...ids][0] : undefined;
  }
}
