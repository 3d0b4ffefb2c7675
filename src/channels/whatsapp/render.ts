/**
 * An OutboundMessage as WhatsApp text. WhatsApp Web has no reliable buttons, so
 * choices become a numbered list, with a one-line hint in the message's own
 * language (in italics: WhatsApp shows _text_ slanted):
 *
 *   How can I help you?
 *
 *   1. Helplines and ambulance
 *   2. Change language
 *   3. About Sahay and privacy
 *
 *   _Reply with the number of your choice._
 *
 * The patient answers "1", "১" or "१" (or the option's words); the interpreter
 * reads all of them.
 */
import type { Language } from '../../engine/flow';
import type { OutboundMessage } from '../../router/message';

/** `common.choose_hint` in each language. */
export type ChooseHints = Readonly<Record<Language, string>>;

export function renderForWhatsApp(message: Pick<OutboundMessage, 'text' | 'choices'>, hints?: ChooseHints): string {
  const choices = message.choices ?? [];
  if (choices.length === 0) return message.text;
  const list = choices.map((c, i) => `${i + 1}. ${c.title}`).join('\n');
  // A lone option is an escape next to a typed answer ("I don't have an oximeter" under
  // "send your SpO2 reading"): "reply with the number of your choice" would mislead there.
  const hint = hints && choices.length > 1 ? hintFor(message.text, hints) : '';
  return [message.text, list, ...(hint ? [hint] : [])].join('\n\n');
}

const SCRIPT_OF: ReadonlyArray<[Language, RegExp]> = [
  ['bn', /\p{Script=Bengali}/u],
  ['hi', /\p{Script=Devanagari}/u],
  ['en', /\p{Script=Latin}/u],
];

/**
 * The hint in the language(s) the question is written in. The router translated
 * the question into the patient's language, so its script tells which: Bengali
 * script → bn, Devanagari → hi, Latin → en. A question written in several (the
 * first "which language?") gets the hint in each of them, in the same order.
 */
export function hintFor(text: string, hints: ChooseHints): string {
  const counts = new Map<Language, { letters: number; first: number }>();
  let total = 0;
  let index = 0;
  for (const ch of text) {
    index++;
    const lang = SCRIPT_OF.find(([, re]) => re.test(ch))?.[0];
    if (!lang || !/\p{L}|\p{M}/u.test(ch)) continue;
    total++;
    const c = counts.get(lang) ?? { letters: 0, first: index };
    c.letters++;
    counts.set(lang, c);
  }
  // A few Latin letters in a Bengali sentence ("SpO2", "COVID") do not make it English.
  const langs = [...counts.entries()]
    .filter(([, c]) => c.letters >= total * 0.2)
    .sort((a, b) => a[1].first - b[1].first)
    .map(([lang]) => lang);
  const chosen = langs.length ? langs : (['en'] as Language[]);
  return `_${chosen.map((l) => hints[l]).join(' / ')}_`;
}
