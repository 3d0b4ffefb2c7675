/**
 * Red flags at any point of any flow. The engine asks `interpret.command(text)`
 * before anything else on every message; wrapping the interpreter makes a
 * danger sign ("can't breathe", "শ্বাস নিতে পারছি না", "सीने में दर्द", "buke
 * betha", "होंठ नीले") a global word that starts the emergency flow, whatever
 * question was waiting. A denied one ("no chest pain", "বুকে ব্যথা নেই",
 * "सीने में दर्द नहीं") is not a red flag. An exact command word ("menu",
 * "মেনু") keeps its meaning: only text that is no command is searched.
 *
 * ```ts
 * const interpret = withRedFlags(createInterpreter(translator), redFlagDetector(symptomMatcher, config.triage.redFlags));
 * interpret.command('saans nahi aa rahi') // → 'emergency'
 * ```
 */
import type { Interpreter } from '../engine/services';
import type { Symptom } from './case';
import type { PhraseMatcher } from './phrase-matcher';

/** The command name the engine configuration maps to the emergency flow (config/engine.yaml). */
export const EMERGENCY_COMMAND = 'emergency';

export interface RedFlagDetector {
  /** The red-flag symptoms a message names and does not deny; [] when none. */
  find(text: string): Symptom[];
}

export function redFlagDetector(matcher: PhraseMatcher<Symptom>, redFlags: readonly Symptom[]): RedFlagDetector {
  const flags = new Set(redFlags);
  return {
    find(text) {
      // Menu numbers and readings ("2", "৯২") are never a red flag: skip the matcher for them.
      if (!/\p{L}/u.test(text)) return [];
      return matcher.extract(text).present.filter((s) => flags.has(s));
    },
  };
}

export function withRedFlags(inner: Interpreter, detector: RedFlagDetector, command = EMERGENCY_COMMAND): Interpreter {
  return {
    ...inner,
    command(text) {
      return inner.command(text) ?? (detector.find(text).length ? command : null);
    },
  };
}
