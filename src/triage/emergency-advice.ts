/**
 * `emergency.advise` (with: { region }): the ambulance and emergency numbers to
 * call now, for the patient's region (config/helplines.yaml). When the region is
 * not known it is not asked — an emergency does not wait for a question — and
 * the numbers of every country we serve are shown instead (config/triage.yaml
 * `emergency_regions_when_unknown`: India 108/112, Bangladesh 999, Saudi Arabia
 * 997/911). A location the patient shared in the last hours (src/helplines/location-region.ts)
 * puts its country's line first — a pin in Riyadh, Saudi Arabia's — but never drops the others:
 * the pin may be a relative's, forwarded for a bed search, and an emergency must never lose a
 * number. Only a region the patient chose (profile.region) narrows the numbers to its own.
 * The advice itself names no drug and no dose.
 */
import type { MessageRef } from '../engine/flow';
import { z } from 'zod';
import { withArgs } from '../engine/action-args';
import type { Action } from '../engine/services';
import type { HelplineDirectory, RegionHelplines } from '../helplines/directory';
import { chosenRegion, patientCountry, SERVED_COUNTRIES, type ServedCountry } from '../helplines/location-region';
import type { TriageConfig } from './triage-config';

export function emergencyAdviceAction(helplines: HelplineDirectory, config: Pick<TriageConfig, 'emergencyRegionsWhenUnknown'>): Action {
  // A region written into the flow must be one the directory has: a typo would give every country's numbers.
  const args = z.object({ region: z.enum(Object.keys(helplines.regions)).optional() });
  return withArgs(args, (ctx) => {
    // A region chosen (in the flow, or by the patient); a shared location only orders the countries.
    const region = typeof ctx.args.region === 'string' ? ctx.args.region : (chosenRegion(ctx.session) ?? '');
    const known = helplines.regions[region];
    const numbers: MessageRef[] = known
      ? [numberLine({ key: `region.${region}` }, known)]
      : everyCountrysNumbers(helplines, locatedFirst(patientCountry(ctx.session, ctx.services.now()), config.emergencyRegionsWhenUnknown));
    ctx.emit({ type: 'msg_created', msg: { key: 'emergency.call', params: { numbers } } });
  });
}

/**
 * One line per country we serve ("India: 108 (ambulance) or 112"), for a patient whose region
 * is not known; the hand-off's "meanwhile" (src/handoff/actions.ts) says the same.
 */
export function everyCountrysNumbers(helplines: HelplineDirectory, regions: TriageConfig['emergencyRegionsWhenUnknown']): MessageRef[] {
  return regions.flatMap(({ region, name }) => {
    const lines = helplines.regions[region];
    return lines ? [numberLine({ key: name }, lines)] : [];
  });
}

/** Every country's lines, those of the country a shared location is in first (its order kept otherwise). */
function locatedFirst(country: ServedCountry | null, regions: TriageConfig['emergencyRegionsWhenUnknown']): TriageConfig['emergencyRegionsWhenUnknown'] {
  if (!country) return regions;
  const inCountry = (r: { region: string }) => SERVED_COUNTRIES[country].regions.includes(r.region);
  return [...regions.filter(inCountry), ...regions.filter((r) => !inCountry(r))];
}

/** "India: 108 (ambulance) or 112": also the hand-off's "nobody can answer now" (src/handoff/actions.ts). */
export function numberLine(place: MessageRef, lines: RegionHelplines): MessageRef {
  if (lines.ambulance === lines.emergency) return { key: 'emergency.number_one', params: { place, number: lines.ambulance } };
  return { key: 'emergency.number_two', params: { place, ambulance: lines.ambulance, emergency: lines.emergency } };
}
