/**
 * The crisis detector on the shipped locales (locales/<lng>/crisis.json), made once however many
 * cores are built: for the readers of an act that the composition root does not hand one to
 * (actions.ts `crisis.note`, src/handoff/turn-hooks.ts letting an act past the person in the chat).
 */
import { createTranslator } from '../i18n/translator';
import { localesDir } from '../paths';
import { crisisDetector, type CrisisDetector } from './detector';

let shipped: CrisisDetector | undefined;

export function shippedCrisisDetector(): CrisisDetector {
  shipped ??= crisisDetector(createTranslator(localesDir));
  return shipped;
}
