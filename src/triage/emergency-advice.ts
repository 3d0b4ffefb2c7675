/**
 * `emergency.advise` (with: { region }): the ambulance and emergency numbers to
 * call now, for the patient's region (config/helplines.yaml). When the region is
 * not known it is not asked — an emergency does not wait for a question — and
 * the numbers of every country we serve are shown instead (config/triage.yaml
 * `emergency_regions_when_unknown`: India 108/112, Bangladesh 999, Saudi Arabia
 * 997/911). A location the patient shared narrows that down (src/helplines/location-region.ts):
 * a pin in Riyadh gives Saudi Arabia's numbers alone, one in India India's. The advice itself
 * names no drug and no dose.
 */
import type { MessageRef } from '../engine/flow';
import { z } from 'zod';
import { withArgs } from '../engine/action-args';
import type { Action } from '../engine/services';
import type { HelplineDirectory, RegionHelplines } from '../helplines/directory';
import { patientCountry, patientRegion, SERVED_COUNTRIES } from '../helplines/location-region';
import type { Session } from '../engine/session';
import type { TriageConfig } from './triage-config';

export function emergencyAdviceAction(helplines: HelplineDirectory, config: Pick<TriageConfig, 'emergencyRegionsWhenUnknown'>): Action {
  // A region written into the flow must be one the directory has: a typo would give every country's numbers.
  const args = z.object({ region: z.enum(Object.keys(helplines.regions)).optional() });
  return withArgs(args, (ctx) => {
    // No region chosen: the one a shared location gives (Bangladesh, Saudi Arabia), if any.
    const region = typeof ctx.args.region === 'string' ? ctx.args.region : (patientRegion(ctx.session) ?? '');
    const known = helplines.regions[region];
    const numbers: MessageRef[] = known
      ? [numberLine({ key: `region.${region}` }, known)]
      : everyCountrysNumbers(helplines, locatedFirst(ctx.session, config.emergencyRegionsWhenUnknown));
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

/** The countries' lines to show: only the country of a shared location when there is one (India, whose state it does not tell), else all. */
function locatedFirst(session: Readonly<Session>, regions: TriageConfig['emergencyRegionsWhenUnknown']): TriageConfig['emergencyRegionsWhenUnknown'] {
  const country = patientCountry(session);
  const here = country ? regions.filter((r) => SERVED_COUNTRIES[country].regions.includes(r.region)) : [];
  return here.length > 0 ? here : regions;
}

function numberLine(place: MessageRef, lines: RegionHelplines): MessageRef {
  if (lines.ambulance === lines.emergency) return { key: 'emergency.number_one', params: { place, number: lines.ambulance } };
  return { key: 'emergency.number_two', params: { place, ambulance: lines.ambulance, emergency: lines.emergency } };
}
