/**
 * `helplines.say_with_numbers` (with: { key }): say the message `key` with `{{numbers}}` filled
 * from config/helplines.yaml: the ambulance and emergency numbers of the patient's region, or
 * every country's, grouped, while it is not known (src/helplines/emergency-numbers.ts). For the
 * fixed texts that name them — the welcome's notice and "we will not go on", the HELP text —
 * which kept India's, Bangladesh's and Saudi Arabia's numbers typed in, and told a worker in
 * Dubai or Kuwait to dial 108.
 */
import { z } from 'zod';
import { withArgs } from '../engine/action-args';
import type { Action } from '../engine/services';
import type { HelplineDirectory } from './directory';
import { emergencyNumbers, type NamedRegions } from './emergency-numbers';

const ARGS = z.object({ key: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'a message key with {{numbers}}, such as help.text') });

export function sayWithNumbersAction(helplines: HelplineDirectory, everyRegion: NamedRegions): Action {
  return withArgs(ARGS, (ctx) => {
    const numbers = emergencyNumbers(helplines, ctx.session, ctx.services.now(), everyRegion);
    ctx.emit({ type: 'msg_created', msg: { key: String(ctx.args.key), params: { numbers } } });
  });
}
