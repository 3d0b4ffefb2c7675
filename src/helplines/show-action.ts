/**
 * `helplines.show` (with: { region }): say the region's helplines as one message.
 * Region and line names are message keys, translated by the router. A region with no
 * counselling line known (the Gulf countries, config/helplines.yaml) says so and points to
 * our own counsellors, rather than showing an empty number.
 */
import { z } from 'zod';
import { withArgs } from '../engine/action-args';
import type { MessageRef } from '../engine/flow';
import type { Action } from '../engine/services';
import type { HelplineDirectory } from './directory';

export function helplinesShowAction(directory: HelplineDirectory): Action {
  return withArgs(z.object({ region: z.enum(Object.keys(directory.regions)) }), (ctx) => {
    const region = String(ctx.args.region ?? '');
    const lines = directory.regions[region];
    if (!lines) throw new Error(`no helplines configured for region "${region}"`);
    const named: MessageRef[] = lines.lines.map((l) => ({ key: 'helplines.line', params: { name: { key: l.name }, number: l.number } }));
    const common = { region: { key: `region.${region}` }, ambulance: lines.ambulance, emergency: lines.emergency };
    ctx.emit({
      type: 'msg_created',
      msg: lines.counselling
        ? { key: 'helplines.list', params: { ...common, lines: named, counselling: lines.counselling.number, hours: lines.counselling.hours } }
        : { key: 'helplines.list_no_counselling', params: { ...common, lines: [...named, { key: 'helplines.no_counselling' }] } },
    });
  });
}
