import type { Language } from '../engine/flow';
import { words } from './normalize';
import { ROMANIZED_WORDS } from './romanized-words';
import { detectScript, nativeScriptOf } from './script';

export interface DetectedLanguage {
  lang: Language;
  /** false for a guess from Latin letters: the flow should ask the patient to confirm. */
  confident: boolean;
  /**
   * For a guess from Latin letters: true when known words chose it ("amar jor hoyeche" is
   * Bengali), false when nothing did ("ok", "what", a tie) and English is only the default.
   */
  byWords?: boolean;
}

/** Each known romanized word and the language it points to (the lists are disjoint). */
const WORD_LANGUAGE: ReadonlyMap<string, Language> = new Map(
  (Object.entries(ROMANIZED_WORDS) as Array<[Language, readonly string[]]>).flatMap(([lang, list]) =>
    list.map((w) => [w, lang] as const),
  ),
);

/**
 * The language of a message. Bengali or Devanagari script decides at once: a
 * word in either, among Latin ones, decides too ("amar জ্বর and khashi hai" is
 * Bengali, though most of its letters are Latin and its romanized words tie);
 * with words in both, the script of most letters does. Latin text is a guess
 * from word lists: the language with the most known words, English on a tie
 * or when nothing is known (English is the language all three groups of
 * patients can at least read a menu in).
 */
export function detectLanguage(text: string): DetectedLanguage {
  const script = nativeScriptOf(text) ?? detectScript(text);
  if (script === 'bengali') return { lang: 'bn', confident: true };
  if (script === 'devanagari') return { lang: 'hi', confident: true };
  if (script !== 'latin') return { lang: 'en', confident: false };

  const score: Record<Language, number> = { bn: 0, hi: 0, en: 0 };
  for (const w of words(text)) {
    const lang = WORD_LANGUAGE.get(w);
    if (lang) score[lang]++;
  }
  const top = Math.max(score.bn, score.hi, score.en);
  const leaders = (['bn', 'hi', 'en'] as const).filter((l) => score[l] === top);
  const byWords = top > 0 && leaders.length === 1 && leaders[0] !== undefined;
  return { lang: byWords ? leaders[0]! : 'en', confident: false, byWords };
}
