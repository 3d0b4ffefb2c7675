/**
 * Turning a patient's message into clauses of comparable words, the form the
 * phrase matcher works on. On top of the shared normalisation
 * (src/i18n/normalize.ts: NFC, invisibles, case, punctuation) it folds what
 * keyboards and spellers vary and meaning does not:
 *
 * - nukta and chandrabindu: "तकलीफ़" = "तकलीफ", "साँस" = "सांस", "ঠোঁট" = "ঠোট";
 * - English contractions: "can't" → "can not", "don’t" → "do not", with any apostrophe
 *   a keyboard or autocorrect gives ("can‘t", "can`t", "can´t", "canʼt");
 * - chat spellings from config/triage.yaml `spelling`: "jwor" → "jor",
 *   "nahin" → "nahi", "pacchina" → "pacchi na", "ব্যাথা" → "ব্যথা".
 *
 * Clauses end at punctuation (, ; : ! ? । and a full stop that is not a decimal
 * point) and at words such as "but", "kintu", "lekin": a negator never reaches
 * across them ("no fever, but chest pain").
 */
import { toAsciiDigits } from '../i18n/digits';
import { words as looseWords } from '../i18n/normalize';

const CLAUSE_END = /[,;:!?\u0964\u0965\n\r]+|\.(?!\d)/;

/** Nukta (Devanagari, Bengali) and Bengali chandrabindu go; Devanagari chandrabindu becomes anusvara. */
export function fold(word: string): string {
  return word.replace(/[\u093c\u09bc\u0981]/g, '').replace(/\u0901/g, '\u0902');
}

/**
 * The marks phones and keyboards put in a contraction: ASCII ', the right and left single
 * quotes ’ ‘, the backtick and acute accent ` ´, the modifier letter ʼ and the prime ′.
 */
const APOSTROPHE = "['’‘`´ʼ′]";
const CANT = new RegExp(`\\bcan${APOSTROPHE}t\\b`, 'g');
const WONT = new RegExp(`\\bwon${APOSTROPHE}t\\b`, 'g');
const NT = new RegExp(`n${APOSTROPHE}t\\b`, 'g');

/** English contractions written out, so that "can't", "can‘t", "cant" and "cannot" meet as "can not". */
function expandContractions(s: string): string {
  return s.replace(CANT, 'can not').replace(WONT, 'will not').replace(NT, ' not');
}

/** The spelling table: one variant word → its canonical word(s). */
export type Spelling = ReadonlyMap<string, readonly string[]>;

export function buildSpelling(table: Readonly<Record<string, readonly string[]>>): Spelling {
  const out = new Map<string, string[]>();
  for (const [canonical, variants] of Object.entries(table)) {
    const target = plainWords(canonical);
    if (target.length === 0) throw new Error(`spelling: "${canonical}" has no words`);
    for (const variant of variants) {
      const v = plainWords(variant);
      if (v.length !== 1) throw new Error(`spelling: the variant "${variant}" of "${canonical}" must be one word`);
      const key = v[0]!;
      const seen = out.get(key);
      if (seen && seen.join(' ') !== target.join(' ')) throw new Error(`spelling: "${variant}" is listed for both "${seen.join(' ')}" and "${canonical}"`);
      if (key !== target.join(' ')) out.set(key, target);
    }
  }
  return out;
}

/** Words of a short text with folding and contractions but no spelling table (for the tables themselves). */
export function plainWords(text: string): string[] {
  return looseWords(expandContractions(toAsciiDigits(text.normalize('NFC').toLowerCase()))).map(fold);
}

/** Words with spelling variants replaced by their canonical form. */
export function spelledWords(text: string, spelling: Spelling): string[] {
  return plainWords(text).flatMap((w) => spelling.get(w) ?? [w]);
}

/**
 * The clauses of a message, each a list of canonical words. `breaks` are words
 * that start a new clause; they are dropped.
 */
export function clauses(text: string, spelling: Spelling, breaks: ReadonlySet<string>): string[][] {
  const out: string[][] = [];
  for (const piece of toAsciiDigits(text.normalize('NFC')).split(CLAUSE_END)) {
    let clause: string[] = [];
    for (const w of spelledWords(piece, spelling)) {
      if (breaks.has(w)) {
        if (clause.length) out.push(clause);
        clause = [];
      } else clause.push(w);
    }
    if (clause.length) out.push(clause);
  }
  return out;
}
