/**
 * `triage.notice_symptoms`: a symptom named in the answer to a later question ("3 days, and now
 * breathing difficulty" at the days of fever, "95, khansi bhi hai" at the oxygen) joins the
 * symptoms, with the flags the flow branches on, and is said back ("Also noted: • Breathlessness").
 * A red flag never gets here: the engine takes it as the emergency word before the question reads
 * the answer (red-flags.ts). Runs only on the way from a question that was answered, in the turn
 * of that answer (flows/triage.yaml): it reads the turn's message, not a saved one.
 */
import { wordsOf } from '../engine/input';
import { getPath } from '../engine/paths';
import { z } from 'zod';
import { withArgs } from '../engine/action-args';
import type { Action } from '../engine/services';
import { bulletList } from './answer-actions';
import { knownSymptoms, Q, setSymptoms } from './answers';
import type { Triage } from './triage';

export function noticeSymptomsAction(triage: Triage): Action {
  // `after_days`: the days-of-fever question is behind (the oxygen, breathing and age answers).
  return withArgs(z.object({ after_days: z.boolean().optional() }), (ctx) => {
    const text = wordsOf(ctx.input);
    // Digits alone ("3", "৯৬") name no symptom: the matcher is not run for them.
    if (text === null || !/\p{L}/u.test(text)) return;
    const named = triage.symptoms.extract(text).present;
    if (!named.length) return;
    const known = knownSymptoms(getPath(ctx.session, `${Q}.symptoms`));
    const added = named.filter((s) => !known.includes(s));
    if (!added.length) return;
    const codes = [...known, ...added];
    setSymptoms(ctx, codes);
    // A fever named only now, after its days question: the flow asks them before the conditions.
    if (ctx.args.after_days === true && added.includes('fever') && getPath(ctx.session, `${Q}.fever_days`) == null) ctx.set(`${Q}.fever_late`, true);
    ctx.emit({ type: 'msg_created', msg: { key: 'triage.also_noted', params: { list: bulletList(added.map((c) => `triage.symptom.${c}`)) } } });
  });
}
