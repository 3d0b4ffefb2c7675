/**
 * Turning the engine's msg_created events into the texts a patient reads. The
 * language can change in the middle of a turn (the patient picked Bengali), so
 * each message is translated in the language in force when it was said.
 */
import type { Event } from '../engine/events';
import type { Language, MessageRef, ParamValue } from '../engine/flow';
import type { Choice } from './message';

/**
 * Pure: the same key, language and parameters give the same text (the translator reads its
 * strings once, at start-up), which lets renderRef keep what a frozen reference rendered to.
 */
export interface Translate {
  (key: string, lng: Language, params?: Record<string, string | number>): string;
}

export interface RenderedMessage {
  text: string;
  choices?: Choice[];
}

export function renderEvents(events: readonly Event[], startLang: Language, t: Translate): RenderedMessage[] {
  let lang = startLang;
  const out: RenderedMessage[] = [];
  for (const event of events) {
    if (event.type === 'language_changed') lang = event.lang;
    if (event.type !== 'msg_created') continue;
    const text = renderRef(event.msg, lang, t);
    if (!event.choices) out.push({ text });
    else out.push({ text, choices: event.choices.map((c) => ({ payload: c.value, title: renderRef(c.label, lang, t) })) });
  }
  return out;
}

export function renderRef(ref: MessageRef, lang: Language, t: Translate): string {
  const given = ref.params;
  if (!given) return t(ref.key, lang);
  if (!Object.isFrozen(ref) || !Object.isFrozen(given)) return renderParams(ref.key, given, lang, t);
  let byRef = renderedBy.get(t);
  if (!byRef) renderedBy.set(t, (byRef = new WeakMap()));
  let texts = byRef.get(ref);
  if (!texts) byRef.set(ref, (texts = {}));
  return (texts[lang] ??= renderParams(ref.key, given, lang, t));
}

/**
 * What a frozen reference with parameters rendered to, by translation and language. Frozen, it
 * cannot change: a flow's (deep-frozen when loaded) or one an action makes once (the symptom
 * check's numbered lists, its bullet items), so its text is the same at every turn, where
 * rendering it again was a look-up per line and per label, a join and a cache key as long as the
 * list. Weak: it lives as long as the reference and the translation do.
 */
const renderedBy = new WeakMap<Translate, WeakMap<MessageRef, Partial<Record<Language, string>>>>();

function renderParams(key: string, given: Record<string, ParamValue>, lang: Language, t: Translate): string {
  const params: Record<string, string | number> = {};
  // for-in, not Object.entries: no array per parameter (a params object is plain JSON from a flow or an action).
  for (const k in given) params[k] = renderParam(given[k] as ParamValue, lang, t);
  return t(key, lang, params);
}

function renderParam(value: ParamValue, lang: Language, t: Translate): string | number {
  if (Array.isArray(value)) return value.map((r) => renderRef(r, lang, t)).join('\n');
  if (value !== null && typeof value === 'object') return renderRef(value, lang, t);
  if (typeof value === 'number') return value;
  return value === null ? '' : String(value);
}
