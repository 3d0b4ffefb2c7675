/**
 * `sahay triage assess [--lang bn|hi|en]`: one case as JSON on stdin, the
 * assessment as JSON on stdout — for clinicians who review the rules and for
 * call-centre staff triaging a caller. The same rules and texts as the chatbot.
 *
 * ```sh
 * echo '{"age": 64, "symptoms": ["fever"], "spo2": 95}' | sahay triage assess
 * # {"level":"doctor","reasons":[{"rule":"age_over_60","text":"Over 60 years old, with symptoms or a positive test."}]}
 * ```
 *
 * Exit codes: 0 assessed; 2 bad input (not JSON, an unknown field, a value out
 * of range, an unknown --lang), with one line per problem naming the field.
 */
import { LANGUAGES, type Language } from '../engine/flow';
import { parseCase } from '../triage/case';
import type { Triage } from '../triage/triage';

export interface TriageAssessDeps {
  triage: Pick<Triage, 'assess'>;
  translate(key: string, lng: Language): string;
  out: (line: string) => void;
  err: (line: string) => void;
}

export function runTriageAssess(input: string, lang: string, deps: TriageAssessDeps): number {
  const fail = (lines: string[]) => {
    for (const l of lines) deps.err(`sahay triage assess: ${l}`);
    return 2;
  };
  if (!(LANGUAGES as readonly string[]).includes(lang)) return fail([`--lang: must be one of ${LANGUAGES.join(', ')} (got ${JSON.stringify(lang)})`]);
  let data: unknown;
  try {
    data = JSON.parse(input);
  } catch (err) {
    return fail([`stdin: not a JSON case (${(err as Error).message})`]);
  }
  const parsed = parseCase(data);
  if (!parsed.ok) return fail(parsed.problems);
  const result = deps.triage.assess(parsed.case);
  const reasons = result.reasons.map((rule) => ({ rule, text: deps.translate(`triage.reason.${rule}`, lang as Language) }));
  deps.out(JSON.stringify({ level: result.level, reasons }));
  return 0;
}
