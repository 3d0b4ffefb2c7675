/**
 * `helplines.show` (with: { region }): say the region's helplines as one message.
 * Region and line names are message keys, translated by the router.
 */
import { z } from 'zod';
import { withArgs } from '../engine/action-args';
import type { Action } from '../engine/services';
import type { HelplineDirectory } from './directory';

export function helplinesShowAction(directory: HelplineDirectory): Action {
  return withArgs(z.object({ region: z.enum(Object.keys(directory.regions)) }), (ctx) => {
    const region = String(ctx.args.region ?? '');
    const lines = directory.regions[region];
    if (!lines) throw new Error(`no helplines configured for region "${region}"`);
    ctx.emit({
      type: 'msg_created',
      msg: {
        key: 'helplines.list',
        params: {
          region: { key: `region.${region}` },
          ambulance: lines.ambulance,
          emergency: lines.emergency,
          lines: lines.lines.map((l) => ({ key: 'helplines.line', params: { name: { key: l.name }, number: l.number } })),
          counselling: lines.counselling.number,
          hours: lines.counselling.hours,
        },
      },
    });
  });
}
