/**
 * Understanding short patient answers in Bengali, Hindi and English, typed in
 * native script or in Latin letters. Runs on every message, so every word list
 * is normalised once here and each call is a few map look-ups.
 *
 * Word lists are data: locales/<lng>/commands.json and locales/<lng>/words.json.
 */
import type { ChoiceOption, Language } from '../engine/flow';
import type { Interpreter, NamedReading, SeveralValues } from '../engine/services';
import { choiceWords, type ChoiceWords } from './choice-words';
import { detectLanguage } from './detect-language';
import { toAsciiDigits } from './digits';
import { emojiOf } from './emoji';
import { looseText, normalizeText, words } from './normalize';
import { listPickReader, type ListPickReader } from './list-pick';
import { PhraseTable } from './phrase-table';
import { remembered } from '../remembered';
import { forWhomWords, requestContextWords, requestReader, withoutContext, withoutForWhom, withoutPlace, type ForWhomWords, type RequestReader } from './request-words';
import type { Translator } from './translator';

/**
 * A message read for numbers, in tokens: a number not glued to a letter in front ("spo2" is
 * a name, not the reading; decimals with "." or the Arabic separator "٫"), a word, or a clause
 * end (, ; ! ? । and a full stop that is no decimal point). Units after a number are fine
 * ("92%", "101f", "38.5°c").
 */
const NUMBER_TOKENS = /(?<![\p{L}\p{M}\p{N}.])(\d+(?:\.\d+)?)|([\p{L}\p{M}\p{N}]+)|([,;!?\u0964\u0965\n]|\.(?!\d))/gu;

/** How many words may stand between a reading's name and its number ("oxygen is 85", "pulse rate was 95"). */
const LABEL_GAP = 2;
/** The reading no question asks for: an oximeter shows it beside the SpO2, and it is never the answer. */
const PULSE = 'pulse';
/** The reading of a question for a number of days, and how many days a number in each unit is. */
const DAYS = 'days';
const DAYS_IN: Readonly<Record<string, number>> = { days: 1, weeks: 7, months: 30 };

/** Words before a unit that make it a rate ("twice a day"), not a number of days. */
const ARTICLES: ReadonlySet<string> = new Set(['a', 'an']);

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

/** How many messages' readings are kept, and the longest kept (as normalize.ts keeps a message's forms). */
const REMEMBERED = { max: 2000, longest: 200 };

export function createInterpreter(translator: Translator): Required<Interpreter> {
  const commands = buildCommands(translator);
  const requestLeads = buildWordSet(translator, 'words.request_lead');
  const forWhom = forWhomWords(translator);
  const requestOf = requestReader(buildWordSet(translator, 'words.request_words'), forWhom);
  const commandTail = buildWordSet(translator, 'words.command_tail');
  const greetings = buildPhraseTable(translator, 'words.greeting');
  const placeLeads = buildWordSet(translator, 'words.place_lead');
  const requestContext = requestContextWords(translator);
  /** The command a whole request is, less its leading "I" and trailing "please" (commands.json). */
  const commandOf = (key: string): string | null => {
    const bare = withoutTail(key, commandTail);
    return commands.get(key) ?? commands.get(withoutRequestLead(key, requestLeads)) ?? commands.get(bare) ?? commands.get(withoutRequestLead(bare, requestLeads)) ?? null;
  };
  const forSomeoneElse = (key: string): string | null => commandForSomeoneElse(key, forWhom, requestOf, commandOf);
  /** How many words the greetings a message starts with take ("hi", "hello sir", "নমস্কার দাদা"). */
  const greetingLength = (ws: readonly string[]): number => {
    let from = 0;
    for (let hit = greetings.at(ws, from); hit; hit = greetings.at(ws, from)) from += hit.length;
    return from;
  };
  /** The words after those greetings. */
  const withoutGreeting = (key: string): string => {
    const ws = key.split(' ');
    return ws.slice(greetingLength(ws)).join(' ');
  };
  const listPick = buildListPick(translator);
  const yesNo = buildYesNo(translator, looseText);
  const yesNoPhrases = new PhraseTable(yesNo);
  // An entry of emoji alone ("👍", one emoji an entry) has no loose form: it is kept by its emoji (emoji.ts).
  const yesNoEmoji = buildYesNo(translator, (w) => (looseText(w) === '' ? emojiOf(w).join('') : ''));
  const questionWords = buildPhrases(translator, 'words.question');
  // Words that make a question only as its first word ("is ivermectin good for covid", "can I take
  // paracetamol", "does it spread by air"): anywhere else they are statements ("my oxygen is 91").
  const questionLeads = buildPhraseTable(translator, 'words.question_lead');
  const dontKnowWords = buildPhrases(translator, 'words.dont_know');
  const courtesyWords = buildPhrases(translator, 'words.courtesy');
  // Its entries of emoji alone ("👍", "🙏"): a thumbs-up or folded hands after an answer is thanks.
  const courtesyEmoji = new Set(
    translator.languages.flatMap((lng) => translator.words('words.courtesy', lng).filter((w) => looseText(w) === '').flatMap(emojiOf)),
  );
  const { readNumber, namedReadings } = buildNumberReader(translator);
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
      found = choiceWords(options, formsOf, (w) => yesNo.get(w), requestOf);
      if (choiceLists.size >= MAX_CHOICE_LISTS) choiceLists.clear();
      choiceLists.set(id, found);
    }
    return found;
  };

  /** A "don't know" with at most DONT_KNOW_EXTRA_WORDS other words: the message says it, rather than mentions it. */
  const saysDontKnow = (ws: readonly string[]): boolean => {
    const found = dontKnowWords.find(ws);
    return found !== null && ws.length <= found + DONT_KNOW_EXTRA_WORDS;
  };

  /**
   * A message of emoji alone ("👍", "👎🏽"): the yes or no its answering emoji agree on. Others
   * beside them say nothing more ("👍🙏"); a 👍 and a 👎 together are both, so neither.
   */
  const emojiYesNo = (text: string): boolean | null => {
    let answer: boolean | null = null;
    for (const emoji of emojiOf(text)) {
      const yes = yesNoEmoji.get(emoji);
      if (yes === undefined) continue;
      if (answer !== null && answer !== yes) return null;
      answer = yes;
    }
    return answer;
  };

  /** The longest yes/no entry the words start with at `from`, and how many words it took. */
  const matchYesNo = (ws: readonly string[], from: number): { yes: boolean; length: number } | null => {
    const hit = yesNoPhrases.at(ws, from);
    return hit && { yes: hit.value, length: hit.length };
  };

  return {
    // Kept by text, as the message's loose form is (normalize.ts): a pure function of it, asked on
    // every message (by the engine, and again by the flood guard or an open hand-off), whose
    // variants (without greeting, tail, "I", place) split and join the words each time.
    command: remembered((text: string): string | null => {
      const key = looseText(text);
      // Digits alone answer menus ("0" goes back in some of them); they are never a command.
      if (key === '' || /^\d+$/.test(toAsciiDigits(key))) return null;
      const found = commandOf(key);
      if (found !== null) return found;
      // "hi, I need a doctor", "নমস্কার, ডাক্তার চাই": a greeting before the request changes nothing.
      const ungreeted = withoutGreeting(key);
      const greeted = ungreeted !== key && ungreeted !== '' ? commandOf(ungreeted) : null;
      if (greeted !== null) return greeted;
      // "bed for my father please", "papa ke liye bed chahiye": the request, for whomever it is.
      const forOther = forSomeoneElse(ungreeted);
      if (forOther !== null) return forOther;
      // "I need a bed in Kolkata": a bed asked for with where, which the bed search asks itself.
      const placeless = withoutPlace(ungreeted, placeLeads);
      if (placeless !== ungreeted && (commandOf(placeless) ?? forSomeoneElse(placeless)) === BEDS) return BEDS;
      // "Ami Dubai te thaki, raat e doctor er sathe kotha bolte chai", "I am in Kuwait, I need a
      // doctor tonight": the request, less when and where it is said from (request-words.ts).
      for (const rest of withoutContext(ungreeted.split(' '), requestContext)) {
        const asked = rest.join(' ');
        const found = commandOf(asked) ?? forSomeoneElse(asked);
        if (found !== null) return found;
      }
      return null;
    }, REMEMBERED),

    yesNo(text) {
      const ws = words(text);
      if (!ws.length) return emojiYesNo(text);
      const first = matchYesNo(ws, 0);
      if (!first) return null;
      // "nahi pata", "no idea", "না, জানি না", "no, I don't know": a don't-know answers neither,
      // with or without a "no" before it ("no, I do not know anyone with covid" is longer: a no).
      if (saysDontKnow(ws)) return null;
      // "yes no", "हाँ नहीं": the patient said both; asking again is safer than guessing.
      const next = matchYesNo(ws, first.length);
      if (next && next.yes !== first.yes) return null;
      return first.yes;
    },

    number(text, reading, several) {
      return readNumber(text, reading, several);
    },

    namedReadings,

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
      const keyWord = known.byKeyWord(key);
      if (keyWord !== undefined) return keyWord;
      // A choice asked for in a sentence: "I want to ask a question", "bed chahiye", "আমার একটা
      // প্রশ্ন আছে" (request-words.ts). Only the whole request: other words keep it from naming one.
      const asked = requestOf(key);
      const requested = asked === '' ? null : (known.byRequest(asked) ?? null);
      if (requested !== null) return requested;
      // Its number with words that point at it: "number 2", "2nd", "দুই নম্বর", "doosra" (list-pick.ts).
      const at = listPick(text, options.length);
      return at === null ? null : (options[at - 1]?.value ?? null);
    },

    listPick(text, size) {
      return listPick(text, size);
    },

    detectLanguage,

    isQuestion(text) {
      const ws = words(text);
      return QUESTION_MARK.test(text) || questionWords.find(ws) !== null || questionLeads.at(ws, greetingLength(ws)) !== null;
    },

    dontKnow(text) {
      return saysDontKnow(words(text));
    },

    courtesy(text) {
      const ws = words(text);
      if (ws.length > 0) return courtesyWords.covers(ws);
      // Emoji alone ("👍", "🙏", "👍🙏"): thanks when every one of them is.
      const emoji = emojiOf(text);
      return emoji.length > 0 && emoji.every((e) => courtesyEmoji.has(e));
    },
  };
}

type NumberToken = { kind: 'number'; value: number } | { kind: 'word'; word: string } | { kind: 'end' };

/**
 * The number a text gives as the answer to a number question ("how many days?", "your
 * SpO2?", "your age?"), told or not which reading the question asks for:
 *
 * - numbers carry the reading they are named as (words.json `number_labels`, a name before the
 *   number or, with no number after it, just after; `number_units`, only just after: "95 bpm",
 *   "62 saal", "5 din"; `number_labels_before_only`, only before, see below);
 * - a word that is also what patients say of how they feel ("saans", "breathing", "শ্বাস":
 *   `number_labels_before_only`) names only a number just after it ("saans 30 per minute",
 *   "breathing 30 times a minute", "শ্বাস মিনিটে ৩০ বার"), never one before it ("92 saans phool
 *   rahi hai" is an oxygen reading) nor one another reading's unit names ("saans 3 din se" is 3
 *   days); and weakly, as a unit of one letter does: the number is still an answer to another
 *   question ("breathing fast 92" at the SpO2 question), and a reading of the message
 *   (`namedReadings`) only when a unit names it too ("per minute", "times a minute", "बार");
 * - a number named as the pulse is never the answer ("pulse 95 spo2 88" is 88): no question
 *   asks for it, and an oximeter shows it beside the SpO2;
 * - told the `reading` the question asks for (a name or unit of words.json: spo2, days, age,
 *   temperature): the first number named as that reading ("temp 99 spo2 90" is 90 for spo2,
 *   "62 saal, 5 din se" is 5 for days); else the first number named as no reading ("95, temp
 *   99" is 95 for spo2, and a unit of one letter names weakly: "34 F" is 34 for age); a number
 *   named only as another reading is no answer ("5 din" for age).
 *   For `days`, a number of weeks or months counts in days: "2 weeks", "১ সপ্তাহ", "2 हफ्ते"
 *   are 14, 7, 14, "1 month" is 30 (`number_units` weeks and months);
 * - told that several values may come (`several`: "was 98, now 92", "30 to 35"): of the numbers
 *   named as the reading or as nothing, within the question's range, the lowest or the highest;
 *   out of range they are something else ("SpO2 92 at 10 am");
 * - not told: of the numbers not named as the pulse, the first named as a reading when all the
 *   named ones name one reading ("BP ok, oxygen 88" is 88); else the first ("62 saal, 5 din
 *   se" is 62);
 * - with no digit at all, a number word (`number_words`: "five days", "তিন দিন", "do din se",
 *   "about a week" = 7, "গতকাল থেকে" = 1; for `days` also with a unit after it: "teen hafte"
 *   = 21), but not one beside a `number_word_blockers` word: part of a larger number ("ninety
 *   six") or a wait ("ek minute"), nor, for another reading, one named in a unit of a reading
 *   not asked ("ek mahina" for age).
 */
function buildNumberReader(translator: Translator): {
  readNumber: (text: string, reading?: string, several?: SeveralValues) => number | null;
  namedReadings: (text: string) => NamedReading[];
} {
  const labels = new Map<string, Label>();
  const numberWords = new Map<string, number>();
  for (const lng of translator.languages) {
    for (const key of translator.keys(lng)) {
      const [, list, name] = /^words\.(number_labels|number_labels_before_only|number_units|number_words)\.(.+)$/.exec(key) ?? [];
      if (list === undefined || name === undefined) continue;
      for (const w of translator.words(key, lng)) {
        const form = looseText(w);
        if (form === '') continue;
        if (list === 'number_words') numberWords.set(form, numberNamed(name));
        else {
          const label: Label = { reading: name, unit: list === 'number_units', beforeOnly: list === 'number_labels_before_only' };
          // A name that is also a unit ("pulse") is read as a name: before its number, or after it.
          const seen = labels.get(form);
          if (!seen || strength(label) >= strength(seen)) labels.set(form, label);
        }
      }
    }
  }
  const blockers = buildWordSet(translator, 'words.number_word_blockers');
  const labelPhrases = new PhraseTable(labels);
  const numberPhrases = new PhraseTable(numberWords);
  /**
   * Number words that are a number and a unit of days ("do din se", "ek hafta", "দুই সপ্তাহ"):
   * their value is already a count of days. Not "a day", "a week": "twice a day" is how often,
   * not how long. Worked out once, for `namedReadings`.
   */
  const isDaysUnit = (w: string): boolean => {
    const label = labels.get(w);
    return label !== undefined && label.unit && label.reading in DAYS_IN;
  };
  const daysWords = new Set<string>();
  for (const form of numberWords.keys()) {
    const [first, ...rest] = form.split(' ');
    if (first !== undefined && !ARTICLES.has(first) && rest.some(isDaysUnit)) daysWords.add(form);
  }

  /** Whether a number named as `named` answers a question for `reading`. */
  const answers = (reading: string, named: string): boolean => named === reading || (reading === DAYS && named in DAYS_IN);
  /** What a number named as `names` counts as at a question for `reading`: days for weeks and months. */
  const factor = (reading: string | undefined, names: Iterable<string>): number => {
    if (reading !== DAYS) return 1;
    for (const name of names) if (DAYS_IN[name] !== undefined) return DAYS_IN[name]!;
    return 1;
  };
  /**
   * `value` in the unit the question asks: weeks and months in days, rounded to whole days
   * ("1.5 weeks", "দেড় সপ্তাহ" is 11: the days question takes whole days only).
   */
  const scaled = (value: number, reading: string | undefined, names: Iterable<string>): number => {
    const f = factor(reading, names);
    return f === 1 ? value : Math.round(value * f);
  };

  const byWords = (text: string, reading: string | undefined): number | null => {
    const ws = words(text);
    for (let i = 0; i < ws.length; i++) {
      const hit = numberPhrases.at(ws, i);
      if (!hit || blockers.has(ws[i - 1] ?? '') || blockers.has(ws[i + hit.length] ?? '')) continue;
      const unit = labelPhrases.at(ws, i + hit.length)?.value;
      if (reading === undefined || unit === undefined || !unit.unit) return hit.value;
      if (answers(reading, unit.reading)) return scaled(hit.value, reading, [unit.reading]);
    }
    return null;
  };

  /** A message in tokens, with the readings its labels name: what both readers below work on. */
  const labelled = (text: string) => {
    const tokens: NumberToken[] = [];
    for (const m of toAsciiDigits(normalizeText(text)).replace(/(\d)\u066b(\d)/g, '$1.$2').matchAll(NUMBER_TOKENS)) {
      if (m[1] !== undefined) tokens.push({ kind: 'number', value: Number(m[1]) });
      else if (m[2] !== undefined) tokens.push({ kind: 'word', word: m[2] });
      else tokens.push({ kind: 'end' });
    }
    const numbers = tokens.flatMap((t, i) => (t.kind === 'number' && Number.isFinite(t.value) ? [i] : []));
    /** The readings each number is named as, and by what (a weak unit of one letter counts as neither). */
    const named = new Map<number, Set<string>>();
    /** Numbers named by anything but a weak unit. */
    const strongly = new Set<number>();
    /** Numbers named by a name before them (not only by a unit). */
    const byName = new Set<number>();
    if (!numbers.length) return { tokens, numbers, named, strongly, byName };

    // The labels in the text: runs of words that are a reading's name or unit, longest first.
    const found: Array<Label & { start: number; end: number; weak: boolean }> = [];
    for (let i = 0; i < tokens.length; ) {
      const run: string[] = [];
      for (let j = i; j < tokens.length && run.length < labelPhrases.longest; j++) {
        const t = tokens[j]!;
        if (t.kind !== 'word') break;
        run.push(t.word);
      }
      const hit = run.length ? labelPhrases.at(run, 0) : null;
      if (hit) {
        // A unit of one letter ("F", "C") names its reading weakly: "34 F", "45/F" is an age and a sex.
        // So does a name only before its number: "saans" is more often how a patient feels.
        const oneLetter = hit.value.unit && hit.length === 1 && run[0]!.length === 1;
        found.push({ start: i, end: i + hit.length, ...hit.value, weak: oneLetter || hit.value.beforeOnly });
        i += hit.length;
      } else i++;
    }
    const labelAt = new Set(found.map((l) => l.start));

    // Each label names one number: the one after it (a name), else the one just before it.
    const name = (at: number, label: Label & { weak: boolean }, before: boolean) => {
      named.set(at, (named.get(at) ?? new Set()).add(label.reading));
      if (!label.weak) strongly.add(at);
      if (before && !label.unit) byName.add(at);
    };
    for (const label of found) {
      let after: number | undefined;
      if (!label.unit) {
        for (let j = label.end, gap = 0; j < tokens.length && gap <= LABEL_GAP; j++, gap++) {
          const t = tokens[j]!;
          if (t.kind === 'number') after = j;
          if (t.kind !== 'word' || labelAt.has(j)) break;
        }
      }
      if (label.beforeOnly) {
        // "saans 3 din se": the 3 is the days', whatever word came before it.
        const unitAfter = after === undefined ? undefined : found.find((l) => l.unit && l.start === after + 1);
        if (after !== undefined && (unitAfter === undefined || unitAfter.reading === label.reading)) name(after, label, true);
      } else if (after !== undefined) name(after, label, true);
      else if (tokens[label.start - 1]?.kind === 'number') name(label.start - 1, label, false);
    }
    return { tokens, numbers, named, strongly, byName };
  };

  const readNumber = (text: string, reading?: string, several?: SeveralValues): number | null => {
    const { tokens, numbers, named, strongly } = labelled(text);
    if (!numbers.length) return byWords(text, reading);

    const candidates = numbers.filter((i) => !named.get(i)?.has(PULSE));
    const valueOf = (i: number): number | null => {
      const t = tokens[i];
      return t?.kind === 'number' ? scaled(t.value, reading, named.get(i) ?? []) : null;
    };
    if (reading !== undefined && several) {
      // Every value that may be this reading's (named as it, or as nothing), in range: the worst counts.
      const values = candidates
        .filter((i) => [...(named.get(i) ?? [])].some((r) => answers(reading, r)) || !strongly.has(i))
        .map(valueOf)
        .filter((v): v is number => v !== null && (several.min === undefined || v >= several.min) && (several.max === undefined || v <= several.max));
      if (values.length) return several.pick === 'lowest' ? Math.min(...values) : Math.max(...values);
    }
    if (reading !== undefined) {
      const asked = candidates.find((i) => [...(named.get(i) ?? [])].some((r) => answers(reading, r)));
      if (asked !== undefined) return valueOf(asked);
      // Else the first named as nothing, or only by a weak unit ("34 F" at the age question).
      const plain = candidates.find((i) => !strongly.has(i));
      const t = plain === undefined ? undefined : tokens[plain];
      return t?.kind === 'number' ? t.value : null;
    }
    const readings = new Set(candidates.flatMap((i) => [...(named.get(i) ?? [])]));
    const pick = readings.size === 1 ? candidates.find((i) => named.has(i)) : candidates[0];
    const token = pick === undefined ? undefined : tokens[pick];
    return token?.kind === 'number' ? token.value : null;
  };

  /**
   * Every number the text names as exactly one reading, strongly (not the pulse, not a weak unit
   * of one letter, not a breathing word alone: "saans 30" is no reading, "saans 30 per minute" one
   * named by its name): "bukhar 102 hai 3 din se" names 3 days (102 is named as nothing). Weeks and
   * months are `days`. With no digit, a number word with a unit of days after it or in it ("do
   * din se", "teen hafte", "দেড় সপ্তাহ").
   */
  const namedReadings = (text: string): NamedReading[] => {
    const { tokens, numbers, named, strongly, byName } = labelled(text);
    const out: NamedReading[] = [];
    if (!numbers.length) {
      const ws = words(text);
      for (let i = 0; i < ws.length; i++) {
        const hit = numberPhrases.at(ws, i);
        if (!hit || blockers.has(ws[i - 1] ?? '') || blockers.has(ws[i + hit.length] ?? '')) continue;
        const unit = labelPhrases.at(ws, i + hit.length)?.value;
        if (unit?.unit && unit.reading in DAYS_IN) out.push({ reading: DAYS, value: scaled(hit.value, DAYS, [unit.reading]), by: 'unit' });
        else if (daysWords.has(ws.slice(i, i + hit.length).join(' '))) out.push({ reading: DAYS, value: hit.value, by: 'unit' });
        i += hit.length - 1;
      }
      return out;
    }
    for (const i of numbers) {
      const names = named.get(i);
      const t = tokens[i];
      if (!names || names.size !== 1 || !strongly.has(i) || t?.kind !== 'number') continue;
      const reading: string | undefined = names.values().next().value;
      if (reading === undefined || reading === PULSE) continue;
      const asDays = reading in DAYS_IN;
      out.push({ reading: asDays ? DAYS : reading, value: asDays ? scaled(t.value, DAYS, names) : t.value, by: byName.has(i) ? 'name' : 'unit' });
    }
    return out;
  };

  return { readNumber, namedReadings };
}

/**
 * A word or phrase that names the reading of a number near it: a name ("oxygen", before its number
 * or, with none after it, just after), a name only before its number (`beforeOnly`, see
 * buildNumberReader), or a unit (`unit`: just after its number).
 */
interface Label {
  reading: string;
  unit: boolean;
  beforeOnly: boolean;
}

/** Which a form listed twice is read as: a name, else a name only before its number, else a unit. */
function strength(label: Label): number {
  return label.unit ? 0 : label.beforeOnly ? 1 : 2;
}

/**
 * The number a `number_words` key stands for: "3", or a fraction "3/2" (the key cannot hold a
 * "." — it separates the parts of a message key): "dedh", "দেড়" are 3/2, "dhai", "আড়াই" 5/2.
 */
function numberNamed(name: string): number {
  const [top, bottom] = name.split('/');
  return bottom === undefined ? Number(top) : Number(top) / Number(bottom);
}

/** Loose phrases of one word list in every language, found anywhere in a message's words. */
interface Phrases {
  /** The length in words of the first phrase found in `ws`, or null when there is none. */
  find(ws: readonly string[]): number | null;
  /** Whether `ws` is phrases of the list one after another, and nothing else ("ok thanks"). */
  covers(ws: readonly string[]): boolean;
}

/** The phrases of a words.json list in every language, to find where they start. */
function buildPhraseTable(translator: Translator, key: string): PhraseTable<true> {
  return new PhraseTable(new Map([...buildWordSet(translator, key)].map((p) => [p, true] as const)));
}

function buildPhrases(translator: Translator, key: string): Phrases {
  const table = buildPhraseTable(translator, key);
  return {
    find(ws) {
      for (let from = 0; from < ws.length; from++) {
        const hit = table.at(ws, from);
        if (hit) return hit.length;
      }
      return null;
    },
    covers(ws) {
      // ends[i]: the first i words are phrases of the list, one after another.
      const ends = [true, ...ws.map(() => false)];
      for (let from = 0; from < ws.length; from++) {
        if (!ends[from]) continue;
        for (let n = 1; n <= Math.min(table.longest, ws.length - from); n++) {
          if (table.isPhrase(ws, from, n)) ends[from + n] = true;
        }
      }
      return ends[ws.length] === true;
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

/**
 * The command a request for someone else is ("bed for my father please", "papa ke liye bed
 * chahiye", "বাবার জন্য একটা বেড লাগবে", "mere pati ke liye doctor chahiye", "check symptoms for my
 * son"), read as the menu reads a request (request-words.ts): the words less who it is for, and
 * less the request words too. A first message is read by `command` alone (the welcome's
 * `command.note`), so without this such a request was lost behind the consent question. Only a
 * message that names whom it is for: "I am a doctor" less its request words is "doctor", and no
 * request. A no ("no doctor for my father") and a question ("is there a bed for my father?") keep
 * words that are no command.
 */
function commandForSomeoneElse(key: string, forWhom: ForWhomWords, requestOf: RequestReader, commandOf: (key: string) => string | null): string | null {
  const ws = key.split(' ');
  const rest = withoutForWhom(ws, forWhom);
  if (rest.length === ws.length || rest.length === 0) return null;
  const asked = rest.join(' ');
  return commandOf(asked) ?? commandOf(requestOf(asked));
}

/** The request of the bed search (commands.json `beds`), the one a place may follow. */
const BEDS = 'beds';

/**
 * A request less the words after it that change nothing (words.json `command_tail`): "talk to
 * a doctor please", "need to speak with a doctor urgently", "doctor chahiye jaldi". Only from
 * its end, and only while a phrase of two words or more is left: "please" alone is no command.
 */
function withoutTail(key: string, tail: ReadonlySet<string>): string {
  const ws = key.split(' ');
  while (ws.length > 2 && tail.has(ws[ws.length - 1]!)) ws.pop();
  return ws.join(' ');
}

/**
 * The list-pick reader (list-pick.ts) with words.json `list_pick` (`pointers`, `fillers`,
 * `ordinals.<place>`), `courtesy` (thanks around a pick are fillers) and the whole-number
 * `number_words` of one word, in every language.
 */
function buildListPick(translator: Translator): ListPickReader {
  const ordinals = new Map<string, number>();
  const numberWords = new Map<string, number>();
  for (const lng of translator.languages) {
    for (const key of translator.keys(lng)) {
      const [, list, name] = /^words\.(list_pick\.ordinals|number_words)\.(\d+)$/.exec(key) ?? [];
      if (list === undefined || name === undefined) continue;
      for (const w of translator.words(key, lng)) {
        const form = looseText(w);
        if (form === '') continue;
        if (list === 'number_words') {
          if (!form.includes(' ')) numberWords.set(form, Number(name));
        } else ordinals.set(form, Number(name));
      }
    }
  }
  const fillers = new Set([...buildWordSet(translator, 'words.list_pick.fillers'), ...buildWordSet(translator, 'words.courtesy')]);
  return listPickReader({ pointers: buildWordSet(translator, 'words.list_pick.pointers'), fillers, ordinals, numberWords });
}

/** The loose forms of a words.json list, in every language. */
function buildWordSet(translator: Translator, key: string): ReadonlySet<string> {
  const out = new Set<string>();
  for (const lng of translator.languages) for (const w of translator.words(key, lng)) addForm(out, w);
  return out;
}

/**
 * Loose word → command name, from commands.json in every language. Some are no global word
 * (`triage`, `beds`, `faq`: config/engine.yaml gives them no flow, so the engine lets them by):
 * requests for an entry of the menu, which the welcome notes from a first message (`command.note`)
 * and acts on after consent (flows/welcome.yaml).
 */
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
 * Word or phrase (in the form `formOf` gives it: loose words, or an emoji) → yes (true) / no
 * (false), from words.json in every language. A word listed as both (in two languages) means
 * neither: it is dropped. A word `formOf` gives no form ('') is left out.
 */
function buildYesNo(translator: Translator, formOf: (word: string) => string): ReadonlyMap<string, boolean> {
  const out = new Map<string, boolean>();
  const ambiguous = new Set<string>();
  const add = (lng: Language, key: 'words.yes' | 'words.no', yes: boolean): void => {
    for (const w of translator.words(key, lng)) {
      const form = formOf(w);
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
