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
 *
 * Patients often ask for someone else: "bed for my father please", "papa ke liye bed chahiye",
 * "বাবার জন্য একটা বেড লাগবে", "amar babar jonno bed lagbe". Who it is for is no part of what is
 * asked, so that phrase is left out too (words.json `request_for`), but only as a whole: a family
 * word with its tie ("for my father", "meri maa ke liye", "আমার বাবার জন্য"). A family word alone
 * stays ("bed father" names nothing), and so does every other word: "bed nahi chahiye papa ke
 * liye" keeps its no, "is oxygen bed safe for my father?" stays a question ("is oxygen bed safe").
 * A pronoun with its tie is the person as well ("bed for her", "uske liye bed chahiye", "তার জন্য
 * একটা বেড লাগবে"): the patient named them a message before, or to the person beside them.
 */

import { looseText } from './normalize';
import type { Translator } from './translator';

/** The loose text (normalize.ts `looseText`) less its request words, in order; '' when nothing else is left. */
export type RequestReader = (loose: string) => string;

/**
 * Who a request is for, as words.json `request_for` lists it, in loose form: the ties ("for",
 * "ke liye", "জন্য", "er jonno"), each as its words; words that may stand before the family word
 * ("my", "meri", "আমার", "the"); and the family words themselves, with the form a tie after them
 * takes ("father", "maa", "বাবার", "babar", "पति", "patient"); and the pronouns that stand for
 * the person, in the form a tie after them takes ("her", "uske", "তার", "ওনার"). A pronoun is a
 * list of its own, not a family word: a possessive before it means nothing ("for my her"), and
 * "her", "uske", "তার" are possessives too ("for her son", "uske papa ke liye").
 */
export interface ForWhomWords {
  readonly ties: readonly (readonly string[])[];
  readonly possessive: ReadonlySet<string>;
  readonly kin: ReadonlySet<string>;
  readonly pronoun: ReadonlySet<string>;
}

/** The `request_for` words of every language: a patient writes a tie of one with words of another ("papa ke liye", "for my baba"). */
export function forWhomWords(translator: Translator): ForWhomWords {
  const listOf = (part: string): string[] =>
    translator.languages.flatMap((lng) => translator.words(`words.request_for.${part}`, lng).map(looseText)).filter((w) => w !== '');
  // Longest first, so "er jonno" is taken whole before "jonno".
  const ties = listOf('tie')
    .map((w) => w.split(' '))
    .sort((a, b) => b.length - a.length);
  return { ties, possessive: new Set(listOf('possessive')), kin: new Set(listOf('kin')), pronoun: new Set(listOf('pronoun')) };
}

export function requestReader(requestWords: ReadonlySet<string>, forWhom: ForWhomWords): RequestReader {
  return (loose) =>
    withoutForWhom(loose.split(' '), forWhom)
      .filter((w) => w !== '' && !requestWords.has(w))
      .join(' ');
}

/** How many words of `ws` from `at` on are one of `phrases`; 0 when none is. */
function phraseAt(ws: readonly string[], at: number, phrases: ForWhomWords['ties']): number {
  for (const p of phrases) if (p.every((w, i) => ws[at + i] === w)) return p.length;
  return 0;
}

/**
 * The words less each whole "for whom" phrase: a tie, then possessives, then a family word ("for
 * my father"); or possessives, a family word, then a tie ("meri maa ke liye", "আমার বাবার জন্য");
 * or a pronoun on either side of a tie ("for her", "uske liye", "ওনার জন্য").
 * Either order in every language: which side a tie stands on is English's or Hindi's and
 * Bengali's grammar, and a patient mixes them ("for my baba", "father ke liye"). Possessives
 * without the tie stay for the request words to judge. Also the interpreter's, for a first message
 * that asks for someone else (interpreter.ts `commandForSomeoneElse`).
 */
export function withoutForWhom(ws: readonly string[], forWhom: ForWhomWords): string[] {
  const out: string[] = [];
  let i = 0;
  /** Where the family word after `from`'s possessives is, or -1. */
  const kinAfterPossessives = (from: number): number => {
    let j = from;
    while (j < ws.length && forWhom.possessive.has(ws[j]!)) j++;
    return j < ws.length && forWhom.kin.has(ws[j]!) ? j : -1;
  };
  while (i < ws.length) {
    const before = phraseAt(ws, i, forWhom.ties);
    const kinAfterTie = before > 0 ? kinAfterPossessives(i + before) : -1;
    if (kinAfterTie >= 0) {
      i = kinAfterTie + 1;
      continue;
    }
    if (before > 0 && forWhom.pronoun.has(ws[i + before] ?? '')) {
      i += before + 1;
      continue;
    }
    const kin = kinAfterPossessives(i);
    const after = kin >= 0 ? phraseAt(ws, kin + 1, forWhom.ties) : 0;
    if (after > 0) {
      i = kin + 1 + after;
      continue;
    }
    const afterPronoun = forWhom.pronoun.has(ws[i]!) ? phraseAt(ws, i + 1, forWhom.ties) : 0;
    if (afterPronoun > 0) {
      i += 1 + afterPronoun;
      continue;
    }
    out.push(ws[i]!);
    i++;
  }
  return out;
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

/**
 * What a request may say around it that changes nothing of what is asked: when ("raat e",
 * "aaj raat", "ekhon", "abhi", "tonight", "kal sakale": words.json `request_context.when`), and
 * where the patient lives or is ("ami Dubai te thaki", "main Riyadh mein hoon", "I am in Kuwait",
 * "আমি দুবাইতে থাকি": `request_context.where`, each a phrase around a `{place}`). A Gulf worker
 * writes "Ami Dubai te thaki, raat e doctor er sathe kotha bolte chai", which is the request
 * "doctor er sathe kotha bolte chai"; read as a whole it was none, and was lost behind the consent
 * question, or answered "please choose" at the menu. In loose form (normalize.ts `looseText`):
 * `when` as phrases, longest first; `where` as the words before and after its place.
 */
export interface RequestContext {
  readonly when: readonly (readonly string[])[];
  readonly where: readonly PlaceClause[];
  /** The "I" a `where` phrase may stand after (words.json `request_lead`: "ami", "main", "আমি"). */
  readonly lead: ReadonlySet<string>;
}

/** A `where` phrase: the words before its place and after it ("am in" · "", "" · "te thaki", "" · "में हूँ"). */
interface PlaceClause {
  readonly before: readonly string[];
  readonly after: readonly string[];
}

/** The marker of the place in a `where` phrase. */
const PLACE = '{place}';
/** The most words a place takes ("abu dhabi", "ras al khaimah"). */
const MAX_PLACE_WORDS = 3;

/** The `request_context` words of every language, and `request_lead`: a patient mixes them ("ami Dubai te thaki, doctor chahiye abhi"). */
export function requestContextWords(translator: Translator): RequestContext {
  const listOf = (key: string): string[] => translator.languages.flatMap((lng) => translator.words(key, lng));
  const wordsOf = (text: string): string[] => looseText(text).split(' ').filter((w) => w !== '');
  const when = listOf('words.request_context.when')
    .map(wordsOf)
    .filter((p) => p.length > 0)
    .sort((a, b) => b.length - a.length);
  const where = listOf('words.request_context.where').flatMap((phrase): PlaceClause[] => {
    const [before, after, ...more] = phrase.split(PLACE);
    if (before === undefined || after === undefined || more.length > 0) return [];
    const clause = { before: wordsOf(before), after: wordsOf(after) };
    return clause.before.length + clause.after.length > 0 ? [clause] : [];
  });
  return { when, where, lead: new Set(listOf('words.request_lead').map(looseText)) };
}

/**
 * The request the words may be less their context (see RequestContext): every `when` phrase left
 * out, then, as well, each way a `where` phrase (and the "I" before it) matches, with a place of one
 * to MAX_PLACE_WORDS words. Several readings, since where a place ends is known only by what is
 * left: "i am in abu dhabi i need a doctor" is read
 * with "abu", "abu dhabi" and "abu dhabi i" for its place, and the caller keeps the one whose rest is
 * a request. Empty when the words carry no context. Nothing else is left out: a no stays ("I don't
 * want a doctor tonight" is "i don t want a doctor"), and so does a question or a place said of
 * someone else ("can a doctor in Dubai see me", "my doctor in Dubai said rest": no `where`).
 */
export function withoutContext(ws: readonly string[], context: RequestContext): string[][] {
  const timeless = withoutPhrases(ws, context.when);
  const out: string[][] = [];
  for (let at = 0; at < timeless.length; at++) {
    for (const clause of context.where) {
      for (const start of context.lead.has(timeless[at]!) ? [at + 1, at] : [at]) {
        if (!wordsAt(timeless, start, clause.before)) continue;
        const placeFrom = start + clause.before.length;
        for (let n = 1; n <= MAX_PLACE_WORDS; n++) {
          const end = placeFrom + n;
          if (end > timeless.length || !wordsAt(timeless, end, clause.after)) continue;
          const rest = [...timeless.slice(0, at), ...timeless.slice(end + clause.after.length)];
          if (rest.length > 0) out.push(rest);
        }
      }
    }
  }
  if (timeless.length < ws.length && timeless.length > 0) out.push(timeless);
  return out;
}

/** Whether `phrase` stands in `ws` at `at` (an empty phrase stands anywhere). */
function wordsAt(ws: readonly string[], at: number, phrase: readonly string[]): boolean {
  return at + phrase.length <= ws.length && phrase.every((w, i) => ws[at + i] === w);
}

/** The words less each whole phrase of `phrases` (longest first, as they are sorted). */
function withoutPhrases(ws: readonly string[], phrases: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ws.length; ) {
    const hit = phrases.find((p) => wordsAt(ws, i, p));
    if (hit) i += hit.length;
    else out.push(ws[i++]!);
  }
  return out;
}
