/**
 * What the service and `sahay flows check` validate flows against: the locale
 * strings (which keys exist, and the placeholders each needs) and the registered
 * actions (their names, and the `with:` arguments those that declare them take).
 * Built in one place, so that a flow the command passes is one the service loads.
 */
import type { Action } from '../engine/services';
import type { Translator } from '../i18n/translator';
import type { ActionArgs } from '../engine/action-args';
import type { ValidateContext } from './validate';

export function validateContextOf(translator: Pick<Translator, 'has' | 'placeholders' | 'keys' | 'languages'>, actions: ReadonlyMap<string, Action>): ValidateContext {
  const actionArgs = new Map<string, ActionArgs>();
  for (const [name, action] of actions) if (action.args) actionArgs.set(name, action.args);
  return {
    hasKey: (key, lng) => translator.has(key, lng),
    placeholders: (key, lng) => translator.placeholders(key, lng),
    actions: new Set(actions.keys()),
    actionArgs,
    readings: readingsOf(translator),
  };
}

/** The readings numbers are named by in any language: words.json `number_labels.<reading>` and `number_units.<reading>`. */
function readingsOf(translator: Pick<Translator, 'keys' | 'languages'>): Set<string> {
  const readings = new Set<string>();
  for (const lng of translator.languages) {
    for (const key of translator.keys(lng)) {
      const reading = /^words\.number_(?:labels|units)\.([^.]+)$/.exec(key)?.[1];
      if (reading !== undefined) readings.add(reading);
    }
  }
  return readings;
}
