/**
 * `followup.slot_in_answer`: the yes to the daily check-ins may name the time of day too ("yes,
 * in the morning", "haan subah", "হ্যাঁ, সকালে"); then that is the slot (SLOT_VAR), and the flow
 * does not ask for it again. Else SLOT_VAR is cleared (an earlier enrolment's slot is no answer).
 * Each offer also starts the time question afresh: no time in words (TIME_VAR) and no unclear
 * answers counted yet (time-in-answer.ts).
 *
 * Read with the readers the questions use, nothing looser: the words after a yes must be, as a
 * whole, an answer the slot question itself would take ("in the morning", "subah", "9 am"), after
 * words that are each a yes, so "yes, but not in the morning" names none. A bare number is none either: the patient has not
 * seen the slots' numbered list yet. Not a time found among other words (the time question's
 * second reading, time-in-answer.ts): after a yes, they may be about anything ("yes, my father
 * coughs at night"), and the time question is there to ask.
 */
import type { ChoiceOption } from '../engine/flow';
import { wordsOf } from '../engine/input';
import type { Action, Interpreter } from '../engine/services';
import type { CheckinSlot } from '../storage/repositories';
import { SLOTS, SLOT_VAR } from './slots';
import { TIME_VAR, UNCLEAR_VAR } from './time-in-answer';

const SLOT_OPTIONS: ChoiceOption[] = SLOTS.map((value) => ({ value, label: `followup.slot.${value}` }));
const ONLY_A_NUMBER = /^#?\p{Nd}{1,3}$/u;

export const slotInAnswerAction: Action = (ctx) => {
  const text = wordsOf(ctx.input);
  ctx.set(SLOT_VAR, text === null ? null : slotAfterYes(text, ctx.services.interpret));
  ctx.set(TIME_VAR, null);
  ctx.set(UNCLEAR_VAR, 0);
};

/** The slot the words after a leading yes name, or null. */
export function slotAfterYes(text: string, interpret: Interpreter): CheckinSlot | null {
  const words = text.trim().split(/\s+/);
  // The words before the slot are each a yes ("yes", "haan ji", "ok sure"): the yes/no reader reads
  // only the start of a text ("yes, but not in the" is a yes to it), and the rest must be the slot.
  for (let i = 1; i < words.length && interpret.yesNo(words[i - 1]!) === true; i++) {
    const rest = words.slice(i).join(' ');
    if (ONLY_A_NUMBER.test(rest)) continue;
    const slot = interpret.choice(rest, SLOT_OPTIONS);
    if (slot !== null) return slot as CheckinSlot;
  }
  return null;
}
