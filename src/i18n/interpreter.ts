/**
 * Understanding short patient answers in Bengali, Hindi and English, typed in
 * native script or in Latin letters. Runs on every message, so every word list
 * is normalised once here and each call is a few map look-ups.
 *
 * Word lists are data: locales/<lng>/commands.json and locales/<lng>/words.json.
 */
import type { ChoiceOption, Language } from '../engine/flow';
import type { Interpreter } from '../engine/services';
import { choiceWords, type ChoiceWords } from './choice-words';
import { detectLanguage } from './detect-language';
import { toAsciiDigits } from './digits';
import { looseText, normalizeText, words } from './normalize';
import type { Translator } from './translator';

/**
 * The first number in a text: not glued to a letter in front ("spo2" is a name,
 * not the reading), and decimals with "." or the Arabic separator "٫". Units
 * after it are fine ("92%", "101f", "38.5°c").
 */
const NUMBER = /(?<![\p{L}\p{M}\p{N}.])\d+(?:\.\d+)?/u;

/** "2", "২.", "(२)", "#2" — a whole message that is a menu number. */
const MENU_NUMBER = /^#?(\d{1,3})$/;

/** "2. Helplines", "২) হেল্পলাইন": a menu line copied back with its number. */
const LEADING_NUMBER = /^\d{1,3}(?:\s*[.):-]\s*|\s+)/;

/** "(9 am)" of "Morning (9 am)": an aside; "Morning" alone names the choice. */
const ASIDE = /\s*\([^()]*\)/g;

/** Choice lists kept (one per question of the loaded flows); emptied when full. */
const MAX_CHOICE_LISTS = 500;

/** "?" in any script's form: the Latin one Bengali and Hindi share, the full-width one, the Arabic one. */
const QUESTION_MARK = /[?？؟]/u;

/**
 * Words around "don't know" that still mean only that ("I don't know the district name",
 * "ami to jani na bhai"); a longer message says something else too ("Kolkata, but I don't
 * know which hospital"), and is read as what it says.
 */
const DONT_KNOW_EXTRA_WORDS = 4;

export function createInterpreter(translator: Translator): Interpreter {
  const commands = buildCommands(translator);
  const requestLeads = buildWordSet(translator, 'words.request_lead');
  const yesNo = buildYesNo(translator);
  const questionWords = buildPhrases(translator, 'words.question');
  const dontKnowWords = buildPhrases(translator, 'words.dont_know');
  const longestYesNo = Math.max(1, ...[...yesNo.keys()].map((k) => k.split(' ').length));
  const labelForms = new Map<string, ReadonlySet<string>>();
  const choiceLists = new Map<string, ChoiceWords>();

  /**
   * Every form a label is written in: each language, each "a / b" alternative
   * of it, without its "(aside)", and its aliases in words.json (`aliases.<label
   * key>`: "hindi" and "हिंदी" for the label हिन्दी).
   */
  const formsOf = (labelKey: string): ReadonlySet<string> => {
    let forms = labelForms.get(labelKey);
    if (!forms) {
      const set = new Set<string>();
      for (const text of Object.values(translator.texts(labelKey))) {
        if (text === undefined) continue;
        for (const part of [text, ...text.split(/\s+\/\s+/)]) {
          addForm(set, part);
          addForm(set, part.replace(ASIDE, ''));
        }
      }
      for (const lng of translator.languages) {
        for (const alias of translator.words(`words.aliases.${labelKey}`, lng)) addForm(set, alias);
      }
      forms = set;
      labelForms.set(labelKey, forms);
    }
    return forms;
  };

  /** The words a list of choices is typed in (choice-words.ts), worked out once per list. */
  const choiceWordsOf = (options: readonly ChoiceOption[]): ChoiceWords => {
    const id = options.map((o) => `${o.value}\u0001${o.label}`).join('\u0002');
    let found = choiceLists.get(id);
    if (!found) {
      found = choiceWords(options, formsOf, (w) => yesNo.get(w));
      if (choiceLists.size >= MAX_CHOICE_LISTS) choiceLists.clear();
      choiceLists.set(id, found);
    }
    return found;
  };

  /** The longest yes/no entry the words start with at `from`, and how many words it took. */
  const matchYesNo = (ws: readonly string[], from: number): { yes: boolean; length: number } | null => {
    for (let n = Math.min(longestYesNo, ws.length - from); n >= 1; n--) {
      const yes = yesNo.get(ws.slice(from, from + n).join(' '));
      if (yes !== undefined) return { yes, length: n };
    }
    return null;
  };

  return {
    command(text) {
      const key = looseText(text);
      // Digits alone answer menus ("0" goes back in some of them); they are never a command.
      if (key === '' || /^\d+$/.test(toAsciiDigits(key))) return null;
      return commands.get(key) ?? commands.get(withoutRequestLead(key, requestLeads)) ?? null;
    },

    yesNo(text) {
      const ws = words(text);
      const first = matchYesNo(ws, 0);
      if (!first) return null;
      // "yes no", "हाँ नहीं": the patient said both; asking again is safer than guessing.
      const next = matchYesNo(ws, first.length);
      if (next && next.yes !== first.yes) return null;
      return first.yes;
    },

    number(text) {
      const m = NUMBER.exec(toAsciiDigits(text).replace(/(\d)\u066b(\d)/g, '$1.$2'));
      if (!m) return null;
      const n = Number(m[0]);
      return Number.isFinite(n) ? n : null;
    },

    choice(text, options) {
      // Typed text only: a button's payload is matched by the engine (expectations.ts). Typed
      // payloads count only where they are words of their label: "hi" is a greeting, not the
      // payload `hi` (Hindi).
      const norm = toAsciiDigits(normalizeText(text));
      const num = MENU_NUMBER.exec(norm);
      if (num) {
        const picked = options[Number(num[1]) - 1];
        return picked ? picked.value : null;
      }

      const key = looseText(text);
      if (key === '') return null;
      const known = choiceWordsOf(options);
      let form = known.byForm(key);
      if (form === undefined) form = known.byForm(looseText(norm.replace(LEADING_NUMBER, '')));
      if (form !== undefined) return form;
      return known.byKeyWord(key) ?? null;
    },

    detectLanguage,

    isQuestion(text) {
      return QUESTION_MARK.test(text) || questionWords.find(words(text)) !== null;
    },

    dontKnow(text) {
      const ws = words(text);
      const found = dontKnowWords.find(ws);
      return found !== null && ws.length <= found + DONT_KNOW_EXTRA_WORDS;
    },
  };
}

/** Loose phrases of one word list in every language, found anywhere in a message's words. */
interface Phrases {
  /** The length in words of the first phrase found in `ws`, or null when there is none. */
  find(ws: readonly string[]): number | null;
}

function buildPhrases(translator: Translator, key: string): Phrases {
  const phrases = new Set<string>();
  for (const lng of translator.languages) {
    for (const w of translator.words(key, lng)) {
      const form = looseText(w);
      if (form !== '') phrases.add(form);
    }
  }
  const longest = Math.max(1, ...[...phrases].map((p) => p.split(' ').length));
  return {
    find(ws) {
      for (let from = 0; from < ws.length; from++) {
        for (let n = Math.min(longest, ws.length - from); n >= 1; n--) {
          if (phrases.has(ws.slice(from, from + n).join(' '))) return n;
        }
      }
      return null;
    },
  };
}

function addForm(set: Set<string>, text: string): void {
  const form = looseText(text);
  if (form !== '') set.add(form);
}

/**
 * A request as commands.json lists it, without the "I" / "to me" it was begun with: "আমি
 * ডাক্তারের সাথে কথা বলতে চাই", "मुझे डॉक्टर से बात करनी है", "mujhe doctor chahiye". Only
 * before a phrase of two words or more: "আমি ডাক্তার" is "I am a doctor", not a request.
 */
function withoutRequestLead(key: string, leads: ReadonlySet<string>): string {
  const [first, ...rest] = key.split(' ');
  return first !== undefined && leads.has(first) && rest.length >= 2 ? rest.join(' ') : '';
}

/** The loose forms of a words.json list, in every language. */
function buildWordSet(translator: Translator, key: string): ReadonlySet<string> {
  const out = new Set<string>();
  for (const lng of translator.languages) for (const w of translator.words(key, lng)) addForm(out, w);
  return out;
}

/** Loose word → command name, from commands.json in every language. */
function buildCommands(translator: Translator): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const lng of translator.languages) {
    for (const key of translator.keys(lng)) {
      if (!key.startsWith('commands.')) continue;
      const name = key.slice('commands.'.length);
      for (const w of translator.words(key, lng)) {
        const form = looseText(w);
        if (form !== '' && !out.has(form)) out.set(form, name);
      }
    }
  }
  return out;
}

/**
 * Loose word or phrase → yes (true) / no (false), from words.json in every
 * language. A word listed as both (in two languages) means neither: it is dropped.
 */
function buildYesNo(translator: Translator): ReadonlyMap<string, boolean> {
  const out = new Map<string, boolean>();
  const ambiguous = new Set<string>();
  const add = (lng: Language, key: 'words.yes' | 'words.no', yes: boolean): void => {
    for (const w of translator.words(key, lng)) {
      const form = looseText(w);
      if (form === '') continue;
      const seen = out.get(form);
      if (seen !== undefined && seen !== yes) ambiguous.add(form);
      out.set(form, yes);
    }
  };
  for (const lng of translator.languages) {
    add(lng, 'words.yes', true);
    add(lng, 'words.no', false);
  }
  for (const form of ambiguous) out.delete(form);
  return out;
}
