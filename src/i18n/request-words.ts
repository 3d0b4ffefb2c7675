/**
 * What a request asks for, without the words that only make it a request. Patients ask for a
 * menu entry in a sentence, not by its label: "I want to ask a question", "mujhe ek sawal
 * poochna hai", "আমার একটা প্রশ্ন আছে", "bed chahiye", "I want to check my symptoms". Less the
 * words of words.json `request_words` ("I", "want", "to", "a", "mujhe", "ek", "hai", "chahiye",
 * "আমার", "একটা", "আছে", "লাগবে"...) these are "ask question", "sawal poochna", "প্রশ্ন",
 * "bed", "check symptoms": what a label or an alias of it says, less the same words.
 *
 * Only whole requests count: every other word stays, so "what is a question about covid?"
 * ("what is question about covid") and "I have fever" ("fever") name no entry, and a no is
 * never dropped ("I don't need a bed", "bed nahi chahiye", "বেড লাগবে না" keep their no).
 *
 * ```ts
 * const request = requestReader(new Set(['i', 'want', 'to', 'a']));
 * request('i want to ask a question')  // 'ask question'
 * request('i want')                    // '': nothing is asked for
 * ```
 */

/** The loose text (normalize.ts `looseText`) less its request words, in order; '' when nothing else is left. */
export type RequestReader = (loose: string) => string;

export function requestReader(requestWords: ReadonlySet<string>): RequestReader {
  return (loose) =>
    loose
      .split(' ')
      .filter((w) => w !== '' && !requestWords.has(w))
      .join(' ');
}

/**
 * A request less the place it names at its end ("need a bed in kolkata" → "need a bed"): from
 * the first words.json `place_lead` word ("in", "at", "near") after the first word on; else the
 * key as it was.
 */
export function withoutPlace(key: string, leads: ReadonlySet<string>): string {
  const ws = key.split(' ');
  for (let i = 1; i < ws.length - 1; i++) if (leads.has(ws[i]!)) return ws.slice(0, i).join(' ');
  return key;
}
