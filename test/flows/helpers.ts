/** A small fake of the locales and the action registry, so flow tests never depend on the real ones. */
import { join } from 'node:path';
import type { FlowDef, Language } from '../../src/engine/flow';
import { parseFlowSource } from '../../src/flows/load';
import type { FlowToValidate, ValidateContext } from '../../src/flows/validate';

export const fixturesDir = join(__dirname, '..', 'fixtures', 'flows');
export const goodDir = join(fixturesDir, 'good');
export const brokenDir = join(fixturesDir, 'broken');

const everywhere = [
  'menu.ask.topic', 'menu.topic.triage', 'menu.topic.helplines', 'menu.invalid', 'menu.bye',
  'helplines.ask.region', 'region.in_wb', 'region.bd', 'helplines.bd_note', 'helplines.urgent',
  'common.menu_hint', 'helplines.menu_hint',
  'triage.ask.breathless', 'triage.ask.spo2', 'triage.answer.no_oximeter', 'triage.emergency', 'triage.advice',
  'demo.hello', 'demo.bye', 'demo.wait', 'demo.ask.age', 'demo.ask.spo2', 'demo.ask.region',
  'demo.region.bd', 'demo.region.in_wb',
];

/** Keys per language: `demo.only_bn_en` is the one with a missing translation (hi). */
export const dictionary: Record<Language, ReadonlySet<string>> = {
  bn: new Set([...everywhere, 'demo.only_bn_en']),
  hi: new Set(everywhere),
  en: new Set([...everywhere, 'demo.only_bn_en']),
};

export const hasKey = (key: string, lng: Language): boolean => dictionary[lng].has(key);

/** No fixture string has a placeholder unless a test says so. */
export const placeholders = (): readonly string[] => [];

export const actions: ReadonlySet<string> = new Set(['helplines.show', 'triage.assess', 'demo.check']);

/** No fixture action declares its `with:` arguments unless a test says so. */
export const actionArgs: ValidateContext['actionArgs'] = new Map();

export const ctx: ValidateContext = { hasKey, placeholders, actions, actionArgs };

/** A flow from YAML text that must pass the schema, ready for validateFlows. */
export function fromSource(file: string, source: string): FlowToValidate {
  const { flow, locate, errors } = parseFlowSource(source, file);
  expect(errors).toEqual([]);
  return { file, flow: flow as FlowDef, locate };
}
