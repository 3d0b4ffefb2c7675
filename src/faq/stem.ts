/**
 * Light stemmers: strip the inflections that make one question look like
 * another word list ("জ্বরের"/"জ্বর", "टीकों"/"टीका", "masks"/"mask"). Light on
 * purpose — a stemmer that cuts too deep merges words that mean different
 * things, and fuzzy matching already absorbs small differences. Every word goes
 * through the same stemmer at indexing and at search, so the stems only need to
 * be consistent.
 */

/**
 * Bengali case endings, plural and classifier suffixes, longest first. Stripped
 * repeatedly ("শিশুদেরকে" → "শিশুদের" → "শিশু") while at least two letters remain.
 * য় is an ending only after a vowel sign ("গর্ভাবস্থায়" → "গর্ভাবস্থা").
 */
const BENGALI_SUFFIXES = ['গুলোকে', 'গুলির', 'গুলোর', 'দেরকে', 'গুলো', 'গুলি', 'দের', 'খানা', 'টাকে', 'টির', 'টার', 'কে', 'তে', 'রা', 'টা', 'টি', 'টো', 'ের', 'েই', 'ও', 'ে'];
const BENGALI_VOWEL_SIGN = /[\u09be-\u09cc]$/;

/**
 * Hindi endings after Ramanathan & Rao, "A Lightweight Stemmer for Hindi" (2003):
 * one pass, the longest ending, while at least two letters remain.
 */
const HINDI_SUFFIXES = [
  'ाएंगी', 'ाएंगे', 'ाऊंगी', 'ाऊंगा', 'ाइयाँ', 'ाइयों', 'ाइयां',
  'ाएगी', 'ाएगा', 'ाओगी', 'ाओगे', 'एंगी', 'ेंगी', 'एंगे', 'ेंगे', 'ूंगी', 'ूंगा', 'ातीं', 'नाओं', 'नाएं', 'ताओं', 'ताएं', 'ियाँ', 'ियों', 'ियां',
  'ाकर', 'ाइए', 'ाईं', 'ाया', 'ेगी', 'ेगा', 'ोगी', 'ोगे', 'ाने', 'ाना', 'ाते', 'ाती', 'ाता', 'तीं', 'ाओं', 'ाएं', 'ुओं', 'ुएं', 'ुआं',
  'कर', 'ाओ', 'िए', 'ाई', 'ाए', 'ने', 'नी', 'ना', 'ते', 'ीं', 'ती', 'ता', 'ाँ', 'ां', 'ों', 'ें',
  'ो', 'े', 'ू', 'ु', 'ी', 'ि', 'ा',
];

export function stemBengali(word: string): string {
  let w = word;
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of BENGALI_SUFFIXES) {
      if (w.endsWith(suffix) && [...w].length - [...suffix].length >= 2) {
        w = w.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
    // "গর্ভাবস্থায়" is a vowel sign plus য়: strip the ending, keep the vowel. (The genitive
    // র is left alone: "টিকার" could as well be "শরীর"; fuzzy matching joins টিকার and টিকা.)
    for (const ending of ['য়', '\u09df']) {
      const before = w.slice(0, -ending.length);
      if (w.endsWith(ending) && BENGALI_VOWEL_SIGN.test(before) && [...before].length >= 2) {
        w = before;
        changed = true;
      }
    }
  }
  return w;
}

/**
 * Other stems a Bengali word may have: a final র after a vowel sign is the
 * genitive of a word ending in a vowel ("করোনার", "টিকার", "মশার") or part of the
 * word ("শরীর"); both readings are kept, and either may match.
 */
export function bengaliAlternates(stem: string): string[] {
  const without = stem.slice(0, -1);
  return stem.endsWith('র') && BENGALI_VOWEL_SIGN.test(without) && [...without].length >= 2 ? [without] : [];
}

export function stemHindi(word: string): string {
  for (const suffix of HINDI_SUFFIXES) {
    if (word.endsWith(suffix) && [...word].length - [...suffix].length >= 2) return word.slice(0, -suffix.length);
  }
  return word;
}

/**
 * English: plurals, -ing, -ed, and the -ation/-ate family ("vaccination",
 * "vaccinated", "vaccine" → "vaccin"; "isolation", "isolating" → "isol").
 * Romanized Hindi and Bengali words go through it too (they are Latin letters
 * of unknown language); consistency is all that matters.
 */
export function stemEnglish(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);
  for (const suffix of ['ations', 'ation', 'ating', 'ated', 'ates', 'ate', 'ing', 'ed']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}
