/**
 * The lines for someone who needs to talk to a person now: the counselling line and the
 * emergency number (and the ambulance's, where it is another) of the patient's region in
 * config/helplines.yaml, as messages the router translates:
 *
 * ```
 * West Bengal:
 * 💬 Tele-MANAS, free mental health support: 14416 or 1-800-891-4416 (24x7)
 * 🆘 Emergency: 112 · 🚑 Ambulance: 108
 * ```
 *
 * A region with no counselling line listed (the Gulf countries but Saudi Arabia) gets its
 * emergency number alone: never an empty or borrowed number.
 *
 * Said by the crisis reply (src/crisis/actions.ts) and by the counsellors' desk while it is
 * closed (src/handoff/actions.ts). Which region: the one the patient chose (profile.region);
 * else the country a location they shared lately lies in (its national lines: India's hold
 * in every state); else the regions of `crisis_regions_when_unknown` (India's and
 * Bangladesh's), each under its name. The region is never asked first: a person in crisis
 * may not answer a question, and must not wait for the numbers behind one.
 */
import type { MessageRef } from '../engine/flow';
import type { Session } from '../engine/session';
import type { HelplineDirectory, RegionHelplines } from './directory';
import { chosenRegion, patientCountry, SERVED_COUNTRIES } from './location-region';

export function counsellingLines(helplines: HelplineDirectory, session: Session, now: number): MessageRef[] {
  return placesOf(helplines, session, now).flatMap(({ region, name }) => {
    const lines = helplines.regions[region];
    return lines ? [{ key: 'helplines.counselling.place', params: { place: name, lines: linesOf(lines) } }] : [];
  });
}

/**
 * Whether a place whose lines counsellingLines gives has a counselling line: where none has (the
 * Gulf countries but Saudi Arabia), what comes before the lines must not promise someone to talk
 * to, as the emergency number is not one (src/handoff/actions.ts `meanwhileCounselling`).
 */
export function hasCounsellingLine(helplines: HelplineDirectory, session: Session, now: number): boolean {
  return placesOf(helplines, session, now).some(({ region }) => Boolean(helplines.regions[region]?.counselling));
}

function placesOf(helplines: HelplineDirectory, session: Session, now: number): Array<{ region: string; name: MessageRef }> {
  const chosen = chosenRegion(session);
  if (chosen !== null && Object.hasOwn(helplines.regions, chosen)) return [{ region: chosen, name: { key: `region.${chosen}` } }];
  const country = patientCountry(session, now);
  if (country !== null) return [{ region: SERVED_COUNTRIES[country].national, name: { key: `emergency.country.${country.toLowerCase()}` } }];
  return helplines.crisis_regions_when_unknown.map(({ region, name }) => ({ region, name: { key: name } }));
}

/** The counselling line, where the region has one (none is known for the Gulf countries: their emergency number alone), and the emergency number. */
function linesOf(lines: RegionHelplines): MessageRef[] {
  const emergency: MessageRef =
    lines.ambulance === lines.emergency
      ? { key: 'helplines.counselling.emergency', params: { emergency: lines.emergency } }
      : { key: 'helplines.counselling.emergency_ambulance', params: { emergency: lines.emergency, ambulance: lines.ambulance } };
  if (!lines.counselling) return [emergency];
  const { name, number, also, hours } = lines.counselling;
  const counselling: MessageRef = also
    ? { key: 'helplines.counselling.line_also', params: { name: { key: name }, number, also, hours } }
    : { key: 'helplines.counselling.line', params: { name: { key: name }, number, hours } };
  return [counselling, emergency];
}
