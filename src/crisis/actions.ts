/**
 * The actions flows/crisis.yaml names with `do:`.
 *
 * - `crisis.note`: the patient wrote of suicide or self-harm: `crisis.at` is now (the time
 *   only, never the words: they are in the conversation's stored messages, for the person who
 *   takes the chat, and in no log); and `crisis.act` whether the words tell of self-harm done or
 *   under way ("I took 30 sleeping pills", "bhai ne haath ki nas kaat li": detector.ts), which is
 *   a medical emergency as well: the reply then gives the ambulance first.
 * - `crisis.lines`: the counselling line and the emergency number to call now, for where the
 *   patient is (src/helplines/counselling-lines.ts: their region, else their country, else
 *   India's and Bangladesh's); no question comes before them.
 */
import { wordsOf } from '../engine/input';
import type { Action } from '../engine/services';
import type { HelplineDirectory } from '../helplines/directory';
import { counsellingLines } from '../helplines/counselling-lines';
import type { CrisisDetector } from './detector';
import { CRISIS_ACT, CRISIS_AT } from './session-vars';
import { shippedCrisisDetector } from './shipped-detector';

/**
 * `detector` reads the act: the composition root's own (from the interpreter's translator) where
 * it passes one, else one on the shipped locales, made once however many cores are built.
 */
export function crisisActions(helplines: HelplineDirectory, detector: Pick<CrisisDetector, 'act'> = shippedCrisisDetector()): Array<[string, Action]> {
  return [
    [
      'crisis.note',
      (ctx) => {
        ctx.set(CRISIS_AT, ctx.services.now());
        const text = wordsOf(ctx.input);
        ctx.set(CRISIS_ACT, text !== null && detector.act(text));
      },
    ],
    [
      'crisis.lines',
      (ctx) => ctx.emit({ type: 'msg_created', msg: { key: 'crisis.lines', params: { numbers: counsellingLines(helplines, ctx.session, ctx.services.now()) } } }),
    ],
  ];
}
