/**
 * Placeholders an FAQ answer may hold, filled for each patient when the answer is sent:
 *
 * - `{{emergency}}`: the ambulance and emergency numbers of the patient's region, or every
 *   country's while it is not known (src/helplines/emergency-numbers.ts), from
 *   config/helplines.yaml: "call an ambulance ({{emergency}}) at once" reads "call an ambulance
 *   (998 (ambulance) or 999) at once" in Dubai. Typed numbers ("108 in India, 999 in Bangladesh,
 *   997 in Saudi Arabia") told a worker in Kuwait numbers that do not work there, and a new region
 *   would have left every answer behind.
 *
 * Answers are admin content: any other placeholder is refused when the entry is saved, imported
 * or seeded (src/faq/content.ts), naming it, rather than reaching a patient as "{{emergncy}}".
 */
import type { MessageRef, ParamValue } from '../engine/flow';

export const ANSWER_PLACEHOLDERS = ['emergency'] as const;
export type AnswerPlaceholder = (typeof ANSWER_PLACEHOLDERS)[number];

/** `{{name}}`, spaces inside allowed; `name` is anything up to the closing braces, so that a misspelt one is caught too. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders of `text` that answers may not use, each once, in order. */
export function unknownPlaceholders(text: string): string[] {
  const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
  return [...new Set(names.filter((n) => !(ANSWER_PLACEHOLDERS as readonly string[]).includes(n)))];
}

/** Whether the answer needs any placeholder filled (most do not: they go out as written). */
export function hasPlaceholders(text: string): boolean {
  return new RegExp(PLACEHOLDER.source).test(text);
}

/**
 * The answer as the `answer` parameter of `faq.answer`: as written when it has no placeholder;
 * else its text around each placeholder, with the placeholder's message between, for the router
 * to render (`emergency.in_text`: "{{before}}{{numbers}}{{after}}"). Admin text is never a
 * message key or template itself: it only ever goes in as a parameter's value.
 */
export function filledAnswer(answer: string, fill: Readonly<Record<AnswerPlaceholder, MessageRef>>): ParamValue {
  const parts = answer.split(new RegExp(PLACEHOLDER.source));
  // split with one group: text, name, text, name, ..., text
  let out: ParamValue = parts.at(-1) ?? '';
  for (let i = parts.length - 2; i >= 1; i -= 2) {
    const name = parts[i] as AnswerPlaceholder;
    const numbers: ParamValue = fill[name] ?? `{{${name}}}`;
    out = { key: 'emergency.in_text', params: { before: parts[i - 1] ?? '', numbers, after: out } };
  }
  return out;
}
