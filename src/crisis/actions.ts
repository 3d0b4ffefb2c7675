/**
 * The actions flows/crisis.yaml names with `do:`.
 *
 * - `crisis.note`: the patient wrote of suicide or self-harm: `crisis.at` is now (the time
 *   only, never the words: they are in the conversation's stored messages, for the person who
 *   takes the chat, and in no log).
 * - `crisis.lines`: the counselling line and the emergency number to call now, for where the
 *   patient is (src/helplines/counselling-lines.ts: their region, else their country, else
 *   India's and Bangladesh's); no question comes before them.
 */
import type { Action } from '../engine/services';
import type { HelplineDirectory } from '../helplines/directory';
import { counsellingLines } from '../helplines/counselling-lines';
import { CRISIS_AT } from './session-vars';

export function crisisActions(helplines: HelplineDirectory): Array<[string, Action]> {
  return [
    ['crisis.note', (ctx) => ctx.set(CRISIS_AT, ctx.services.now())],
    [
      'crisis.lines',
      (ctx) => ctx.emit({ type: 'msg_created', msg: { key: 'crisis.lines', params: { numbers: counsellingLines(helplines, ctx.session, ctx.services.now()) } } }),
    ],
  ];
}
