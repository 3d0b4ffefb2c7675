/**
 * The text of a message that names the ambulance numbers (`{{numbers}}`: the welcome's notice and
 * "we will not go on", the HELP text), as a patient of `region` reads it, or, without one, a patient
 * whose region is not known (every country's): for tests that expect those messages whole.
 */
import type { Config } from '../../src/config';
import type { Language } from '../../src/engine/flow';
import { newSession } from '../../src/engine/session';
import { emergencyNumbers } from '../../src/helplines/emergency-numbers';
import type { Translator } from '../../src/i18n/translator';
import { renderRef } from '../../src/router/render';

export function textWithNumbers(translator: Translator, config: Pick<Config, 'helplines' | 'triage'>, key: string, lang: Language, region?: string): string {
  const session = newSession();
  if (region !== undefined) session.vars = { profile: { region } };
  const t = (k: string, l: Language, p?: Record<string, string | number>) => translator.t(k, l, p);
  const numbers = emergencyNumbers(config.helplines, session, 0, config.triage.emergencyRegionsWhenUnknown).map((ref) => renderRef(ref, lang, t));
  return translator.t(key, lang, { numbers: numbers.join('\n') });
}
