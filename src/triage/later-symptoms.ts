/**
 * `triage.notice_symptoms`: a symptom named in the answer to a question that asks something else
 * ("3 days, and now breathing difficulty" at the days of fever, "95, khansi bhi hai" at the
 * oxygen, "diabetes, and now I have cough too" at the long-term illnesses, "no, but I have fever
 * now" at the pregnancy question) joins the symptoms, with the flags the flow branches on, and is
 * said back ("Also noted: • Breathlessness"). A red flag never gets here: the engine takes it as
 * the emergency word before the question reads the answer (red-flags.ts). Runs only on the way
 * from a question, in the turn of its answer (flows/triage.yaml): it reads the turn's message, not
 * a saved one — also when the answer was not one the question could take ("শ্বাসকষ্ট হচ্ছে" at the
 * oxygen question, which is then asked again).
 *
 * - Before the symptom list is answered (at the danger-sign question: "no, but I have a cough"),
 *   the symptom joins those the list's first reading adds (`triage.q.noted`, as the first
 *   message's do: answer-actions.ts), so that "nothing else" there keeps it.
 * - A fever named with its days ("fever too, for 6 days", "bukhar bhi hai 6 din se", "জ্বরও আছে
 *   ৬ দিন ধরে") brings them, read as the first message's are (stated-readings.ts: plainly, once,
 *   and only with the fever as the one symptom named): their question is not asked. Without
 *   them, a fever named after its days question (`after_days`) sets `triage.q.fever_late`, and
 *   the flow asks them once, later (`triage.late_fever_asked` marks that done).
 * - Breathlessness named after the breathing-count question was passed by without asking it
 *   (`after_breathing`: the count is asked for breathlessness, or when there is no oxygen reading)
 *   sets `triage.q.breathless_late`, and the flow asks the count before the result: a fast one
 *   is the hospital or the emergency ([ICMR-AIIMS], config/triage.yaml `rr_24_or_more`, `rr_above_30`).
 * - Words that are the name of a long-term illness are no symptom: "weak immunity", "कमज़ोर
 *   इम्यूनिटी" is no weakness (at the illness question, and wherever else it is said).
 */
import { wordsOf } from '../engine/input';
import { getPath } from '../engine/paths';
import { z } from 'zod';
import { withArgs } from '../engine/action-args';
import type { Action, ActionContext } from '../engine/services';
import { bulletList } from './answer-actions';
import { knownSymptoms, Q, setSymptoms } from './answers';
import type { Symptom } from './case';
import { statedLines, statedReadings, statedReadingsOf } from './stated-readings';
import type { Triage } from './triage';

export function noticeSymptomsAction(triage: Triage): Action {
  // `after_days`: the days-of-fever question is behind (the oxygen, breathing and age answers, and later ones);
  // `after_breathing`: so is the breathing count (the age answer and later ones).
  return withArgs(z.object({ after_days: z.boolean().optional(), after_breathing: z.boolean().optional() }), (ctx) => {
    const text = wordsOf(ctx.input);
    // Digits alone ("3", "৯৬") name no symptom: the matcher is not run for them.
    if (text === null || !/\p{L}/u.test(text)) return;
    const named = symptomsNamed(triage, text);
    if (!named.length) return;
    const listAnswered = getPath(ctx.session, `${Q}.symptoms`) !== undefined;
    const known = knownSymptoms(getPath(ctx.session, listAnswered ? `${Q}.symptoms` : `${Q}.noted`));
    const added = named.filter((s) => !known.includes(s));
    if (!added.length) return;
    const days = added.includes('fever') ? feverDaysWith(ctx, text, named) : undefined;
    if (listAnswered) {
      setSymptoms(ctx, [...known, ...added]);
      if (days !== undefined) ctx.set(`${Q}.fever_days`, days);
      // A fever named only now, after its days question, without them: the flow asks them later, once.
      else if (ctx.args.after_days === true && added.includes('fever') && getPath(ctx.session, `${Q}.fever_days`) == null) ctx.set(`${Q}.fever_late`, true);
      // Breathlessness named only now, its count not taken (not asked: a skipped one is null): asked before the result.
      if (ctx.args.after_breathing === true && added.includes('breathless') && getPath(ctx.session, `${Q}.respiratory_rate`) === undefined) ctx.set(`${Q}.breathless_late`, true);
    } else {
      // Said back with the symptoms the list's first reading adds them to, for the patient to confirm.
      ctx.set(`${Q}.noted`, [...known, ...added]);
      if (days !== undefined) ctx.set(`${Q}.noted_readings`, { ...statedReadingsOf(getPath(ctx.session, `${Q}.noted_readings`)), fever_days: days });
    }
    const lines = [...bulletList(added.map((c) => `triage.symptom.${c}`)), ...statedLines(days === undefined ? {} : { fever_days: days })];
    ctx.emit({ type: 'msg_created', msg: { key: 'triage.also_noted', params: { list: lines } } });
  });
}

/**
 * `triage.late_fever_asked`: the days of a fever named late were asked and not given ("don't
 * know"): they are not asked again at the flow's next place for them.
 */
export function lateFeverAskedAction(): Action {
  return (ctx) => {
    if (getPath(ctx.session, `${Q}.fever_late`) === true) ctx.set(`${Q}.fever_late`, false);
  };
}

/** The symptoms the text names and does not deny, leaving out words inside a long-term illness's name. */
function symptomsNamed(triage: Triage, text: string): Symptom[] {
  const illnesses = triage.conditions.matches(text);
  const inIllness = (m: { clause: number; start: number; end: number }) =>
    illnesses.some((c) => c.clause === m.clause && c.start <= m.start && m.end <= c.end);
  return [...new Set(triage.symptoms.matches(text).filter((m) => !m.negated && !inIllness(m)).map((m) => m.code))];
}

/** The days of fever the text states with the fever, when they are not known yet; else undefined. */
function feverDaysWith(ctx: ActionContext, text: string, named: readonly Symptom[]): number | undefined {
  if (getPath(ctx.session, `${Q}.fever_days`) != null) return undefined;
  return statedReadings(ctx.services.interpret, text, named).fever_days;
}
