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

/**
 * A new patient `id` at the main menu in `lang` (through the welcome's language and consent); with
 * `pick`, the region of that number at the helplines question chosen first, so the region is known.
 */
export async function patientAtMenu(send: (id: string, text: string) => Promise<unknown>, id: string, lang: 'english' | 'bangla' | 'hindi', pick?: string): Promise<string> {
  for (const text of ['hi', lang, 'yes']) await send(id, text);
  if (pick) {
    await send(id, 'helplines');
    await send(id, pick);
    await send(id, 'menu');
  }
  return id;
}
