/**
 * Red flags at any point of any flow. The engine asks `interpret.command(text)`
 * before anything else on every message; wrapping the interpreter makes a
 * danger sign ("can't breathe", "শ্বাস নিতে পারছি না", "सीने में दर्द", "buke
 * betha", "होंठ नीले") a global word that starts the emergency flow, whatever
 * question was waiting. A denied one ("no chest pain", "বুকে ব্যথা নেই",
 * "सीने में दर्द नहीं") is not a red flag. An oxygen reading below 90 stated in
 * words ("my father oxygen is 85", "অক্সিজেন ৮৫", "ऑक्सीजन 86": config/triage.yaml
 * `low_spo2`, after a name of the reading from words.json `number_labels.spo2`) is one
 * too. An exact command word ("menu", "মেনু") keeps its meaning: only text that is no
 * command is searched.
 *
 * ```ts
 * const interpret = withRedFlags(createInterpreter(translator), redFlagDetector(symptomMatcher, config.triage.redFlags));
 * interpret.command('saans nahi aa rahi') // → 'emergency'
 * ```
 */
import type { Interpreter } from '../engine/services';
import type { Symptom } from './case';
import { RANGES } from './case';
import type { PhraseMatcher } from './phrase-matcher';
import type { LowSpo2Words } from './triage-config';
import { spelledWords } from './words';
import { remembered } from '../remembered';

/** The command name the engine configuration maps to the emergency flow (config/engine.yaml). */
export const EMERGENCY_COMMAND = 'emergency';

export interface RedFlagDetector {
  /** The red-flag symptoms a message names and does not deny; [] when none. Shared: not to be changed. */
  find(text: string): readonly Symptom[];
  /** An oxygen reading below the emergency threshold the message states ("oxygen 85"), or null. */
  lowSpo2(text: string): number | null;
}

/** The message names a danger sign or states a low oxygen reading. */
export function hasRedFlag(detector: RedFlagDetector, text: string): boolean {
  return detector.find(text).length > 0 || detector.lowSpo2(text) !== null;
}

/** How many words may stand between "oxygen" and its reading ("oxygen level is now 85"). */
const SPO2_GAP = 2;

export function redFlagDetector(matcher: PhraseMatcher<Symptom>, redFlags: readonly Symptom[], lowSpo2?: LowSpo2Words): RedFlagDetector {
  const flags = new Set(redFlags);
  const model = matcher.model;
  const phrases = (list: readonly string[]) => list.map((w) => spelledWords(w, model.spelling)).filter((ws) => ws.length > 0);
  const names = phrases(lowSpo2?.words ?? []).sort((a, b) => b.length - a.length);
  const between = new Set([...phrases(lowSpo2?.between ?? []).flat(), ...model.skip, ...model.fillers]);
  const notBefore = new Set(phrases(lowSpo2?.notBefore ?? []).flat());
  const newer = new Set(phrases(lowSpo2?.newer ?? []).flat());
  /** A reading that counts: digits, in range, not followed by a unit that makes it something else. */
  const readingAt = (ws: readonly string[], j: number): number | null => {
    const word = ws[j];
    if (word === undefined || !/^\d+$/.test(word) || notBefore.has(ws[j + 1] ?? '')) return null;
    const reading = Number(word);
    return reading >= RANGES.spo2.min && lowSpo2 !== undefined && reading < lowSpo2.below ? reading : null;
  };
  /** A newer reading after word `from` of clause `c` or in the clause after it ("…, now 89"). */
  const newerIn = (clauses: ReadonlyArray<readonly string[]>, c: number, from: number): number | null => {
    for (const [k, ws] of [clauses[c], clauses[c + 1]].entries()) {
      if (!ws) continue;
      for (let i = k === 0 ? from : 0; i < ws.length; i++) {
        if (!newer.has(ws[i]!)) continue;
        const reading = readingAt(ws, i + 1);
        if (reading !== null) return reading;
      }
    }
    return null;
  };
  const nameAt = (ws: readonly string[], i: number): number => names.find((n) => n.every((w, k) => ws[i + k] === w))?.length ?? 0;
  // Both kept, as the message's clauses are (WordModel.clausesOf: a bounded map, long messages
  // read each time): the check runs on every message (withRedFlags), and again when the flood
  // guard or an open hand-off reads the same text, or a symptom check's action does
  // (assess-actions.ts, answer-actions.ts). Pure functions of the text, so a message's later
  // readings, and short answers every patient sends ("yes", "menu"), cost a look-up.
  const find = remembered(
    (text: string): readonly Symptom[] => {
      // Menu numbers and readings ("2", "৯২") are never a red flag: skip the matcher for them.
      if (!HAS_LETTER.test(text)) return NONE;
      const present = matcher.extract(text).present.filter((s) => flags.has(s));
      return present.length ? Object.freeze(present) : NONE;
    },
    { max: 2000, longest: 200 },
  );
  const readLowSpo2 = remembered(
    (text: string): number | null => {
      if (!lowSpo2 || !HAS_LETTER.test(text) || !HAS_DIGIT.test(text)) return null;
      // "SpO2: 85": a colon after the name does not end the clause here.
      const clauses = model.clausesOf(text.replace(/:/g, ' '));
      for (const [c, ws] of clauses.entries()) {
        for (let i = 0; i < ws.length; i++) {
          const length = nameAt(ws, i);
          if (!length) continue;
          let j = i + length;
          for (let gap = 0; j < ws.length && gap < SPO2_GAP && between.has(ws[j]!) && !/^\d+$/.test(ws[j]!); gap++) j++;
          const reading = readingAt(ws, j) ?? newerIn(clauses, c, j + 1);
          if (reading !== null) return reading;
        }
      }
      return null;
    },
    { max: 2000, longest: 200 },
  );
  return { find, lowSpo2: readLowSpo2 };
}

const NONE: readonly Symptom[] = Object.freeze([]);
const HAS_LETTER = /\p{L}/u;
const HAS_DIGIT = /\p{N}/u;

export function withRedFlags(inner: Interpreter, detector: RedFlagDetector, command = EMERGENCY_COMMAND): Interpreter {
  return {
    ...inner,
    command(text) {
      return inner.command(text) ?? (hasRedFlag(detector, text) ? command : null);
    },
  };
}
