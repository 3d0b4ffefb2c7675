/**
 * The ambulance and emergency numbers a fixed text names (the welcome's notice, its "we will not
 * go on", the HELP text, FAQ answers with `{{emergency}}`), from config/helplines.yaml, so that
 * no text keeps a country's number typed into it and a new region is never left out of one.
 *
 * Whose numbers: the region the patient chose (profile.region), one line as the emergency advice
 * gives it ("UAE: 998 (ambulance) or 999", src/triage/emergency-advice.ts `numberLine`). Not
 * known yet (the welcome is said before any region question): every country of the unknown-region
 * list (config/triage.yaml `emergency_regions_when_unknown`, the emergency advice's), grouped
 * where they share their numbers ("Bangladesh, Qatar, Bahrain: 999"), those of the country a
 * recently shared location is in first — the pin may be a relative's, so none is dropped.
 */
import type { MessageRef } from '../engine/flow';
import type { Session } from '../engine/session';
import { numberLine } from '../triage/emergency-advice';
import type { HelplineDirectory, RegionHelplines } from './directory';
import { chosenRegion, patientCountry, SERVED_COUNTRIES } from './location-region';

/** Countries under their names (message keys), in the order they are listed. */
export type NamedRegions = ReadonlyArray<{ region: string; name: string }>;

/**
 * Every country we serve under its name, by the region whose numbers hold in all of it: for
 * what has no unknown-region list of config/triage.yaml at hand (the FAQ's `{{emergency}}`).
 * The same countries, in the same order, as that list (test/helplines/emergency-numbers-in-texts.test.ts).
 */
export const EVERY_SERVED_COUNTRY: NamedRegions = Object.entries(SERVED_COUNTRIES).map(([country, c]) => ({ region: c.national, name: `emergency.country.${country.toLowerCase()}` }));

/** One line per number: the patient's region's, or every country's, grouped (see above). */
export function emergencyNumbers(helplines: HelplineDirectory, session: Session, now: number, everyRegion: NamedRegions): MessageRef[] {
  const chosen = chosenRegion(session);
  const own = chosen === null ? undefined : helplines.regions[chosen];
  if (own) return [numberLine({ key: `region.${chosen}` }, own)];
  return groupedNumbers(helplines, locatedFirst(patientCountry(session, now), everyRegion));
}

/**
 * The same numbers on one line, for a text that names them in a sentence ("call an ambulance
 * ({{emergency}}) at once"): the region's own without its name ("998 (ambulance) or 999"), or every
 * country's separated by "; ".
 */
export function emergencyNumbersInline(helplines: HelplineDirectory, session: Session, now: number, everyRegion: NamedRegions): MessageRef {
  const chosen = chosenRegion(session);
  const own = chosen === null ? undefined : helplines.regions[chosen];
  if (own) return numbersOnly(own);
  return joined(groupedNumbers(helplines, locatedFirst(patientCountry(session, now), everyRegion)), 'emergency.inline_more');
}

/** Countries with the same ambulance and emergency numbers on one line, in the order of their first. */
function groupedNumbers(helplines: HelplineDirectory, regions: NamedRegions): MessageRef[] {
  const groups = new Map<string, { lines: RegionHelplines; names: MessageRef[] }>();
  for (const { region, name } of regions) {
    const lines = helplines.regions[region];
    if (!lines) continue;
    const same = `${lines.ambulance}|${lines.emergency}`;
    const group = groups.get(same);
    if (group) group.names.push({ key: name });
    else groups.set(same, { lines, names: [{ key: name }] });
  }
  return [...groups.values()].map(({ lines, names }) => numberLine(joined(names, 'emergency.places'), lines));
}

/** "998 (ambulance) or 999", or "112" where one number is both. */
function numbersOnly(lines: RegionHelplines): MessageRef {
  if (lines.ambulance === lines.emergency) return { key: 'emergency.numbers_one', params: { number: lines.ambulance } };
  return { key: 'emergency.numbers_two', params: { ambulance: lines.ambulance, emergency: lines.emergency } };
}

/** Several messages as one, through `key` ("{{first}}, {{more}}"); the router renders the nesting. */
function joined(refs: MessageRef[], key: string): MessageRef {
  const [first, ...more] = refs;
  if (!first) return { key: 'emergency.numbers_none' };
  return more.length === 0 ? first : { key, params: { first, more: joined(more, key) } };
}

/** The countries, those of the country a shared location is in first (their order kept otherwise). */
function locatedFirst(country: keyof typeof SERVED_COUNTRIES | null, regions: NamedRegions): NamedRegions {
  if (!country) return regions;
  const inCountry = (r: { region: string }) => SERVED_COUNTRIES[country].regions.includes(r.region);
  return [...regions.filter(inCountry), ...regions.filter((r) => !inCountry(r))];
}
