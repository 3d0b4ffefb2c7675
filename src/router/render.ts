/**
 * Turning the engine's msg_created events into the texts a patient reads. The
 * language can change in the middle of a turn (the patient picked Bengali), so
 * each message is translated in the language in force when it was said.
 */
import type { Event } from '../engine/events';
import type { Language, MessageRef, ParamValue } from '../engine/flow';
import type { Choice } from './message';

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
  const params: Record<string, string | number> = {};
  // for-in, not Object.entries: no array per parameter (a params object is plain JSON from a flow or an action).
  for (const k in given) params[k] = renderParam(given[k] as ParamValue, lang, t);
  return t(ref.key, lang, params);
}

function renderParam(value: ParamValue, lang: Language, t: Translate): string | number {
  if (Array.isArray(value)) return value.map((r) => renderRef(r, lang, t)).join('\n');
  if (value !== null && typeof value === 'object') return renderRef(value, lang, t);
  if (typeof value === 'number') return value;
  return value === null ? '' : String(value);
}
