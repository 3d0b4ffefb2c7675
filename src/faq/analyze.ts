/**
 * From a question or an answer to the terms the FAQ index stores and searches.
 * Each word is treated by its own script, since patients mix them ("আমার
 * oxygen level কত?", "vaccine lene ke baad bukhar"):
 * - Bengali and Devanagari: normalised (src/i18n/normalize.ts), light-stemmed;
 * - Latin: light-stemmed, then reduced to a phonetic key, whether the word is
 *   English or romanized Hindi/Bengali (the same key on both sides is what lets
 *   "jwor" meet "jor");
 * - digits in any script become ASCII ("১৪" and "14" are one term).
 * Stop words are dropped before stemming.
 *
 * ```ts
 * analyze('আমার জ্বরের সাথে কাশি')  // ['জ্বর', 'সাথ', 'কাশি']
 * analyzeWords('করোনার টিকা')        // [['করোনার', 'করোনা'], ['টিকা']]
 * analyze('Do I need masks?')       // ['ned', 'mask']
 * romanizedTerms('জ্বর হলে কী করব')  // the keys of 'jwor', 'hol', 'korb': what a Latin query of these words yields
 * ```
 */
import { toAsciiDigits } from '../i18n/digits';
import { looseText } from '../i18n/normalize';
import { remembered } from '../remembered';
import { phoneticKey } from './phonetic';
import { romanize } from './romanize';
import { bengaliAlternates, stemBengali, stemEnglish, stemHindi } from './stem';
import { STOPWORDS } from './stopwords';

const BENGALI = /^[\u0980-\u09ff]/;
const DEVANAGARI = /^[\u0900-\u097f]/;
const LATIN = /^[a-z]/;

function words(text: string): string[] {
  const loose = looseText(toAsciiDigits(text));
  if (loose === '') return [];
  // Letters glued to digits in other scripts ("কোভিড19") are two words.
  return loose.split(' ').flatMap((w) => w.split(/(?<=\p{L}|\p{M})(?=\d)|(?<=\d)(?=\p{L})/u)).filter((w) => w !== '' && !STOPWORDS.has(w));
}

/** The Latin pipeline: English light stem, then the phonetic key. */
function latinTerm(word: string): string {
  return phoneticKey(stemEnglish(word));
}

/**
 * Words repeat across entries and questions, and rebuilding the index after an
 * edit analyses them all again: each word's result is remembered (a bounded
 * cache; a word's analysis never changes). Words longer than any a question or
 * entry needs are analysed but not kept: a patient's message may be a thousand
 * characters of one "word", and 50,000 of those would hold tens of megabytes.
 */
const memo = <T>(fn: (word: string) => T) => remembered(fn, { max: 50_000, longest: 64 });

/** One word's index term, or null for a word that carries nothing (a lone Latin letter). */
export const termOf = memo(termOfWord);

function termOfWord(word: string): string | null {
  if (BENGALI.test(word)) return stemBengali(word);
  if (DEVANAGARI.test(word)) return stemHindi(word);
  if (LATIN.test(word)) {
    const t = latinTerm(word);
    return t.length >= 2 ? t : null;
  }
  return word;
}

export function analyze(text: string): string[] {
  return analyzeWords(text).flat();
}

/**
 * The terms of each word: its main term first, then other readings of it
 * ("করোনার" → করোনার, করোনা). A question is matched word by word: a word counts
 * as found when any of its terms is.
 */
export function analyzeWords(text: string): string[][] {
  return termsOf(words(text));
}

function termsOf(ws: readonly string[]): string[][] {
  return ws.flatMap((w) => {
    const t = termOf(w);
    if (t === null) return [];
    return [BENGALI.test(w) ? [t, ...bengaliAlternates(t)] : [t]];
  });
}

/**
 * analyzeWords and romanizedTerms of one text, which is split into words once: the
 * index reads every example question both ways.
 */
export function analyzeBoth(text: string): { words: string[][]; romanized: string[] } {
  const ws = words(text);
  return { words: termsOf(ws), romanized: romanizedOf(ws) };
}

/**
 * The terms a Latin-letter query of these native words would produce: every
 * Bengali or Devanagari word romanized as written and as stemmed ("खांसी" is
 * typed "khansi", "জ্বরের" as "jworer" or "jwor"), each put through the Latin
 * pipeline. Latin words and digits are left out (analyze() has them already).
 */
export function romanizedTerms(text: string): string[] {
  return romanizedOf(words(text));
}

const romanizedOf = (ws: readonly string[]): string[] => [...new Set(ws.flatMap(romanizedWord))];

const romanizedWord = memo((w: string): string[] => {
  if (!BENGALI.test(w) && !DEVANAGARI.test(w)) return [];
  const stem = BENGALI.test(w) ? stemBengali(w) : stemHindi(w);
  return [latinTerm(romanize(w)), latinTerm(romanize(stem))].filter((t) => t.length >= 2);
});
