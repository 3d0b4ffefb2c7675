/**
 * A BedAnswer as one chat message: message keys and parameters (locales/<lng>/beds.json),
 * translated by the router — or by `sahay beds find`, through the same translator.
 *
 * ```text
 * 🏥 Free oxygen beds in Raipur:
 *
 * 1. District Hospital Pandri
 *    ✅ 12 free
 *    ☎️ 0771-2890004
 *    🕒 updated 3 h ago
 * ...
 * Call the hospital before you go: beds fill fast. 🚑 Ambulance: 108
 * ```
 *
 * For a kind asked for, the hospitals that report it free come under the kind's heading, and
 * those that report only a total under a heading of their own ("These report free beds but not
 * which kind — call to ask"): a patient who needs an ICU is told plainly when no hospital reports
 * one. Every answer that lists a hospital without a phone number ends with the state's helpline.
 */
import type { Language, MessageRef, ParamValue } from '../engine/flow';
import type { BedAnswer, Help, HospitalResult, PlaceNames } from './lookup';
import { updatedWhen } from './relative-time';

export interface AnswerContext {
  now: number;
  /** kind id → label key (kinds.yaml). */
  kindLabel: (kind: string) => string;
  /** The conversation's language, for place and hospital names known in it. */
  lang: Language;
}

export function answerMessage(a: BedAnswer, ctx: AnswerContext): MessageRef {
  if (a.noData) return noDataMessage(a.noData.names ? nameIn(a.noData.names, ctx.lang) : { key: 'beds.answer.where_you_are' }, a.help);
  const what: MessageRef = a.kind === 'any' ? { key: 'beds.what.any' } : { key: 'beds.what.kind', params: { kind: { key: ctx.kindLabel(a.kind) } } };
  const parts: MessageRef[] = [];
  const area = areaParams(a, ctx.lang);
  const located = a.area.type !== 'place';
  const from = distanceFrom(a, ctx.lang);
  // One numbering through the lists: each hospital of the message has its own number.
  let n = 0;
  const list = (rs: HospitalResult[], withDistrict: boolean) => rs.forEach((r) => parts.push(hit(r, ++n, withDistrict, ctx, a.kind, from)));
  if (a.results.length) {
    parts.push(insteadHeader(a, what, ctx.lang) ?? { key: `beds.answer.found_${area.key}`, params: { what, ...area.params } });
    list(a.results, located);
    if (a.unconfirmed.length) {
      parts.push({ key: 'beds.answer.unconfirmed', params: { what } });
      list(a.unconfirmed, located);
    }
    // A hospital listed without a number cannot be called before going: the state's line can.
    const noPhone = [...a.results, ...a.unconfirmed].some((r) => r.phones.length === 0);
    parts.push(
      noPhone && a.help.line
        ? { key: 'beds.answer.call_first_no_phone', params: { ambulance: a.help.ambulance, line: { key: a.help.line.name }, number: a.help.line.number } }
        : { key: 'beds.answer.call_first', params: { ambulance: a.help.ambulance } },
    );
  } else {
    // Some here report free beds, none says of which kind: not "no free ICU beds", which nobody knows.
    parts.push({ key: `beds.answer.${a.unconfirmed.length ? 'none_reported' : 'none'}_${area.key}`, params: { what, ...area.params } });
    const nearestReported = a.nearest.filter((r) => r.confirmed);
    const nearestUnconfirmed = a.nearest.filter((r) => !r.confirmed);
    if (nearestReported.length) {
      parts.push({ key: 'beds.answer.nearest', params: { what } });
      list(nearestReported, true);
    }
    if (a.unconfirmed.length) {
      parts.push({ key: 'beds.answer.unconfirmed', params: { what } });
      list(a.unconfirmed, located);
    }
    if (nearestUnconfirmed.length) {
      parts.push({ key: 'beds.answer.nearest_unconfirmed', params: { what } });
      list(nearestUnconfirmed, true);
    }
    if (n === 0) parts.push({ key: 'beds.answer.none_anywhere', params: { what } });
    parts.push(helpLine(a.help));
  }
  return { key: 'beds.answer.message', params: { parts } };
}

/**
 * "😔 I have no hospital bed data for Dhaka.", with the helplines: a place or a country the
 * data does not cover (places.yaml `elsewhere`, a shared location in Bangladesh), or a PIN code
 * of an area without data.
 */
export function noDataMessage(where: ParamValue, help: Help): MessageRef {
  return { key: 'beds.answer.message', params: { parts: [{ key: 'beds.answer.no_data', params: { where } }, helpLine(help)] } };
}

function helpLine(help: Help): MessageRef {
  return help.line
    ? { key: 'beds.answer.help', params: { ambulance: help.ambulance, line: { key: help.line.name }, number: help.line.number } }
    : { key: 'beds.answer.help_ambulance', params: { ambulance: help.ambulance } };
}

function areaParams(a: BedAnswer, lang: Language): { key: string; params: Record<string, ParamValue> } {
  switch (a.area.type) {
    case 'place': {
      const place = nameIn(a.area.names, lang);
      return a.area.pincode ? { key: 'place', params: { place: { key: 'beds.answer.place_pin', params: { place, pincode: a.area.pincode } } } } : { key: 'place', params: { place } };
    }
    case 'pincode':
      return { key: 'pincode', params: { pincode: a.area.pincode } };
    case 'location':
      return { key: 'location', params: { km: a.area.radiusKm } };
  }
}

/**
 * "No free beds listed in Rampurhat; in its district, Birbhum:": the results are of the district
 * of the city the patient named (`area.instead`), and the header says so rather than naming the
 * district as if asked for it. A PIN given goes with the city it was given for.
 */
function insteadHeader(a: BedAnswer, what: MessageRef, lang: Language): MessageRef | null {
  if (a.area.type !== 'place' || !a.area.instead) return null;
  const city = nameIn(a.area.instead, lang);
  const instead: ParamValue = a.area.pincode ? { key: 'beds.answer.place_pin', params: { place: city, pincode: a.area.pincode } } : city;
  return { key: 'beds.answer.found_instead', params: { what, instead, district: nameIn(a.area.names, lang) } };
}

/**
 * What a distance is measured from, as its line says it: "2.3 km away" only from the patient's
 * own shared location; from a town they named, "36 km from Raipur"; from the hospitals of a PIN
 * code, "0.3 km from PIN 411005" (a patient who named a place may be anywhere in it, and "away"
 * would say the hospital is that far from them). The search's area is its origin (lookup.ts,
 * HospitalResult.km): a place answer's distances are from that place's own point.
 */
type DistanceFrom = { key: string; params: Record<string, ParamValue> };

function distanceFrom(a: BedAnswer, lang: Language): DistanceFrom {
  switch (a.area.type) {
    case 'location':
      return { key: 'beds.hit.distance', params: {} };
    case 'pincode':
      return { key: 'beds.hit.distance_from_pin', params: { pincode: a.area.pincode } };
    case 'place':
      return { key: 'beds.hit.distance_from', params: { place: nameIn(a.area.names, lang) } };
  }
}

function hit(r: HospitalResult, index: number, withDistrict: boolean, ctx: AnswerContext, kind: string, from: DistanceFrom): MessageRef {
  const name = (ctx.lang !== 'en' && r.names[ctx.lang]) || r.name;
  // "AIIMS, Raipur" already says where it is.
  const showDistrict = withDistrict && r.district !== null && !name.toLowerCase().includes(r.district.toLowerCase());
  const title: MessageRef =
    showDistrict && r.district ? { key: 'beds.hit.title_district', params: { index, name, district: r.district } } : { key: 'beds.hit.title', params: { index, name } };
  const lines: MessageRef[] = [freeLine(r, ctx, kind)];
  if (r.km !== null) lines.push({ key: from.key, params: { ...from.params, km: formatKm(r.km) } });
  lines.push(r.phones.length ? { key: 'beds.hit.phone', params: { phones: r.phones.slice(0, 3).join(' / ') } } : { key: 'beds.hit.no_phone' });
  lines.push(updatedLine(r, ctx.now, ctx.lang));
  return { key: 'beds.hit.block', params: { title, lines } };
}

function freeLine(r: HospitalResult, ctx: AnswerContext, kind: string): MessageRef {
  if (!r.confirmed) return { key: 'beds.hit.free_unconfirmed', params: { count: r.vacant, kind: { key: ctx.kindLabel(kind) } } };
  // "any": say which kinds the free beds are, when the source splits them.
  if (kind === 'any' && r.byKind.length) return { key: 'beds.hit.free_kinds', params: { count: r.vacant, kinds: list(r.byKind.map((k) => ({ key: 'beds.hit.kind_count', params: { kind: { key: ctx.kindLabel(k.kind) }, count: k.vacant } }))) } };
  return { key: 'beds.hit.free', params: { count: r.vacant } };
}

function updatedLine(r: HospitalResult, now: number, lang: Language): MessageRef {
  if (r.updatedAt === null) return { key: 'beds.hit.updated_unknown' };
  const when = updatedWhen(now, r.updatedAt, lang);
  // An old count says its date, and to phone: the beds have surely changed since.
  if ('date' in when) return { key: 'beds.hit.updated_on', params: { date: when.date } };
  return { key: r.stale ? 'beds.hit.updated_stale' : 'beds.hit.updated', params: { ago: when.ago } };
}

/** "a, b, c" in any language: message lists join with line breaks, so a comma list is a chain of pairs. */
function list(items: MessageRef[]): MessageRef {
  return items.reduceRight((rest, item) => ({ key: 'beds.list.pair', params: { first: item, rest } }));
}

/** "0.4", "2.3", "14": one decimal below 10 km. */
export function formatKm(km: number): string {
  return km < 10 ? km.toFixed(1) : String(Math.round(km));
}

function nameIn(names: PlaceNames, lang: Language): string {
  return names[lang] || names.en;
}
