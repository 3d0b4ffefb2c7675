/**
 * Bengali and Devanagari words in Latin letters the way patients type them in
 * chat ("জ্বর" → "jwor", "শ্বাসকষ্ট" → "shwaskoshto", "बुखार" → "bukhar",
 * "टीका" → "tika"), so that a romanized question can reach an answer written in
 * native script (the FAQ index keeps a romanized shadow of every question).
 *
 * Why not @indic-transliteration/sanscript: it writes scholarly schemes (ITRANS,
 * IAST) of Sanskrit pronunciation — Bengali ব comes out as "v", the inherent
 * vowel is kept at word ends ("bukhAra"), and nukta letters and ऑ are left
 * untransliterated — so its output is further from chat spelling than this
 * table is.
 *
 * Limits, by design (the phonetic key in phonetic.ts and fuzzy matching absorb
 * the rest):
 * - Schwa deletion only at the end of a word: "लगवाना" gives "lagavana" where
 *   people type "lagwana".
 * - Bengali inherent vowel is always "o" ("কর" → "kor"), though some words
 *   sound "a" or nothing in the middle, and it is dropped at the end of a word
 *   even after a conjunct ("কষ্ট" → "kosht", said "koshto").
 * - Conjuncts are letter by letter, with the common exceptions: ক্ষ "kkh"/"ksh",
 *   জ্ঞ "gy", ব-ফলা "w", য-ফলা "y".
 * - Other scripts and Latin letters pass through unchanged.
 */

type Table = Readonly<Record<string, string>>;

interface Script {
  /** Consonants without their inherent vowel. */
  consonants: Table;
  /** Consonant + nukta (NFC keeps nukta letters decomposed). */
  nukta: Table;
  vowels: Table;
  signs: Table;
  /** Marks after a vowel: anusvara, candrabindu, visarga. */
  marks: Table;
  virama: string;
  nuktaMark: string;
  inherent: string;
  /** Consonant after a virama that is written differently in a cluster (ব-ফলা, য-ফলা). */
  clusterSecond: Table;
  /** Whole clusters with their own chat spelling: "ক্ষ", "ज्ञ". */
  clusters: Table;
}

const BENGALI: Script = {
  consonants: {
    ক: 'k', খ: 'kh', গ: 'g', ঘ: 'gh', ঙ: 'ng', চ: 'ch', ছ: 'chh', জ: 'j', ঝ: 'jh', ঞ: 'n',
    ট: 't', ঠ: 'th', ড: 'd', ঢ: 'dh', ণ: 'n', ত: 't', থ: 'th', দ: 'd', ধ: 'dh', ন: 'n',
    প: 'p', ফ: 'ph', ব: 'b', ভ: 'bh', ম: 'm', য: 'j', র: 'r', ল: 'l', শ: 'sh', ষ: 'sh',
    স: 's', হ: 'h', ৎ: 't', ৰ: 'r', ৱ: 'w',
  },
  nukta: { ড: 'r', ঢ: 'rh', য: 'y' },
  vowels: { অ: 'o', আ: 'a', ই: 'i', ঈ: 'i', উ: 'u', ঊ: 'u', ঋ: 'ri', এ: 'e', ঐ: 'oi', ও: 'o', ঔ: 'ou' },
  signs: { 'া': 'a', 'ি': 'i', 'ী': 'i', 'ু': 'u', 'ূ': 'u', 'ৃ': 'ri', 'ে': 'e', 'ৈ': 'oi', 'ো': 'o', 'ৌ': 'ou' },
  marks: { 'ং': 'ng', 'ঁ': '', 'ঃ': 'h' },
  virama: '্',
  nuktaMark: '়',
  inherent: 'o',
  clusterSecond: { ব: 'w', য: 'y' },
  clusters: { 'ক্ষ': 'kkh', 'জ্ঞ': 'gy' },
};

const DEVANAGARI: Script = {
  consonants: {
    क: 'k', ख: 'kh', ग: 'g', घ: 'gh', ङ: 'n', च: 'ch', छ: 'chh', ज: 'j', झ: 'jh', ञ: 'n',
    ट: 't', ठ: 'th', ड: 'd', ढ: 'dh', ण: 'n', त: 't', थ: 'th', द: 'd', ध: 'dh', न: 'n',
    प: 'p', फ: 'ph', ब: 'b', भ: 'bh', म: 'm', य: 'y', र: 'r', ल: 'l', व: 'v', श: 'sh',
    ष: 'sh', स: 's', ह: 'h', ळ: 'l',
  },
  nukta: { क: 'k', ख: 'kh', ग: 'g', ज: 'z', ड: 'r', ढ: 'rh', फ: 'f', य: 'y' },
  vowels: { अ: 'a', आ: 'a', इ: 'i', ई: 'i', उ: 'u', ऊ: 'u', ऋ: 'ri', ए: 'e', ऐ: 'ai', ओ: 'o', औ: 'au', ऑ: 'o', ऍ: 'e' },
  signs: { 'ा': 'a', 'ि': 'i', 'ी': 'i', 'ु': 'u', 'ू': 'u', 'ृ': 'ri', 'े': 'e', 'ै': 'ai', 'ो': 'o', 'ौ': 'au', 'ॉ': 'o', 'ॅ': 'e' },
  marks: { 'ं': 'n', 'ँ': 'n', 'ः': 'h' },
  virama: '्',
  nuktaMark: '़',
  inherent: 'a',
  clusterSecond: {},
  clusters: { 'क्ष': 'ksh', 'ज्ञ': 'gy', 'त्र': 'tr' },
};

const BENGALI_RANGE = /[\u0980-\u09ff]/;
const DEVANAGARI_RANGE = /[\u0900-\u097f]/;

/** One word (or a whole text: spaces and other characters are kept) in chat Latin. */
export function romanize(text: string): string {
  return text
    .normalize('NFC')
    .split(/(\s+)/)
    .map((part) => {
      if (BENGALI_RANGE.test(part)) return romanizeWord(part, BENGALI);
      if (DEVANAGARI_RANGE.test(part)) return romanizeWord(part, DEVANAGARI);
      return part;
    })
    .join('');
}

function romanizeWord(word: string, s: Script): string {
  const chars = [...word];
  let out = '';
  /** A consonant was written and its vowel is not decided yet. */
  let pending = false;
  let afterVirama = false;
  const flush = (vowel: string) => {
    if (pending) out += vowel;
    pending = false;
  };

  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    const cluster = ch + (next ?? '') + (chars[i + 2] ?? '');
    if (s.clusters[cluster] !== undefined && !afterVirama) {
      flush(s.inherent);
      out += s.clusters[cluster];
      pending = true;
      i += 2;
      continue;
    }
    const consonant = s.consonants[ch];
    if (consonant !== undefined) {
      const withNukta = next === s.nuktaMark ? s.nukta[ch] : undefined;
      if (withNukta !== undefined) i++;
      if (afterVirama) {
        out += withNukta ?? s.clusterSecond[ch] ?? consonant;
        afterVirama = false;
      } else {
        flush(s.inherent);
        out += withNukta ?? consonant;
      }
      pending = true;
      continue;
    }
    afterVirama = false;
    if (ch === s.virama) {
      pending = false;
      afterVirama = true;
      continue;
    }
    if (ch === s.nuktaMark) continue;
    const sign = s.signs[ch];
    if (sign !== undefined) {
      pending = false;
      out += sign;
      continue;
    }
    const vowel = s.vowels[ch];
    if (vowel !== undefined) {
      flush(s.inherent);
      out += vowel;
      continue;
    }
    const mark = s.marks[ch];
    if (mark !== undefined) {
      flush(s.inherent);
      out += mark;
      continue;
    }
    // Anything else (digits, punctuation, a Latin letter inside the word) ends the syllable.
    flush(s.inherent);
    out += ch;
  }
  // Schwa deletion at the end of the word: "बुखार" is "bukhar", "জ্বর" is "jwor" (and
  // "কষ্ট" is "kosht", where Bengali says "koshto": phonetic.ts drops a final vowel on both sides).
  return out;
}
