/**
 * Which of a question's choices a longer message names somewhere in it: "महिला वार्ड में
 * ऑक्सीजन बेड" names the oxygen bed, "I need an ICU bed urgently" the ICU bed. `choice` reads a
 * whole answer; a sentence is read here a few words at a time (each span as `choice` would read
 * it typed alone), for a question whose answer is often said in passing, or said already in the
 * message that led to it.
 *
 * Numbers and list places are not read ("2 din se", "second son"): they answer a list only as
 * the whole message. Nor is a message with a "no" in it ("no oxygen, any bed"): what it names
 * may be what the patient does not want.
 *
 * ```ts
 * choicesNamed('महिला वार्ड में ऑक्सीजन बेड', kinds, interpret) // Set { 'oxygen' }
 * ```
 */
import type { ChoiceOption } from '../engine/flow';
import type { Interpreter } from '../engine/services';

/** The longest span of words tried as one answer ("oxygen wala bed"). */
const LONGEST_SPAN = 3;

export function choicesNamed(text: string, options: readonly ChoiceOption[], interpret: Interpreter): Set<string> {
  const named = new Set<string>();
  const ws = text.split(/[\s\p{P}\p{S}]+/u).filter((w) => w !== '');
  if (ws.some((w) => interpret.yesNo(w) === false)) return named;
  for (let from = 0; from < ws.length; from++) {
    for (let n = Math.min(LONGEST_SPAN, ws.length - from); n >= 1; n--) {
      const span = ws.slice(from, from + n).join(' ');
      if (!/\p{L}/u.test(span) || interpret.listPick?.(span, options.length) != null) continue;
      const value = interpret.choice(span, options);
      if (value !== null) {
        named.add(value);
        break;
      }
    }
  }
  return named;
}
