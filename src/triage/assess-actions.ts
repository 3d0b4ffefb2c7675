/**
 * Actions that assess and store the outcome on the conversation, where a doctor
 * who takes over sees it at a glance (answers.ts lists the paths):
 *
 * - `triage.assess`: the end of the symptom check. Assesses the answers, stores
 *   level, reasons, answers and time, emits `triage_assessed` and says the
 *   level with its reasons in the patient's language.
 * - `triage.check`: in the middle of the check, after a reading: sets
 *   `triage.q.urgent` when the answers so far are already an emergency, so the
 *   flow stops asking (an emergency never waits behind more questions).
 * - `triage.red_flag`: first state of the emergency flow. When the message that
 *   started it names danger signs or a low oxygen reading, stores them as an emergency
 *   assessment (with the answers of a check in progress, if any; a stated reading
 *   replaces the SpO2 answered before, and the result is said with its reason, as the
 *   symptom check says it: the patient may not know the number is dangerous). Otherwise stores nothing: the
 *   patient asked for an ambulance, or the symptom check already stored its result.
 */
import { frozenRef, type MessageRef } from '../engine/flow';
import { remembered } from '../remembered';
import type { Action, ActionContext } from '../engine/services';
import type { TriageCase } from './case';
import { answersOf, caseFromAnswers, Q } from './answers';
import { wordsOf } from '../engine/input';
import type { Assessment } from './rules';
import type { Triage } from './triage';

export function assessAction(triage: Triage): Action {
  return (ctx) => {
    const triageCase = caseFromAnswers(answersOf(ctx.session));
    const result = triage.assess(triageCase);
    record(ctx, triageCase, result, 'questions');
    ctx.emit({ type: 'msg_created', msg: resultMessage(result) });
  };
}

export function checkAction(triage: Triage): Action {
  return (ctx) => {
    const result = triage.assess(caseFromAnswers(answersOf(ctx.session)));
    ctx.set(`${Q}.urgent`, result.level === 'emergency');
  };
}

export function redFlagAction(triage: Triage): Action {
  return (ctx) => {
    const text = wordsOf(ctx.input);
    const flags = text === null ? [] : triage.redFlags.find(text);
    const spo2 = text === null ? null : triage.redFlags.lowSpo2(text);
    if (!flags.length && spo2 === null) return;
    const q = answersOf(ctx.session);
    const startedAt = typeof q.started_at === 'number' ? q.started_at : -Infinity;
    const inProgress = ctx.services.now() - startedAt <= triage.config.inProgressMinutes * 60_000;
    const base = inProgress ? caseFromAnswers(q) : {};
    const triageCase: TriageCase = flags.length ? { ...base, symptoms: [...new Set([...(base.symptoms ?? []), ...flags])] } : { ...base };
    if (spo2 !== null) triageCase.spo2 = spo2;
    const result = triage.assess(triageCase);
    record(ctx, triageCase, result, 'red_flag');
    // A reading is a number the patient may not know is dangerous: say why before the numbers to call.
    if (spo2 !== null) ctx.emit({ type: 'msg_created', msg: resultMessage(result) });
  };
}

function record(ctx: ActionContext, triageCase: TriageCase, result: Assessment, how: 'questions' | 'red_flag'): void {
  ctx.set('triage.level', result.level);
  ctx.set('triage.reasons', result.reasons);
  ctx.set('triage.answers', triageCase);
  ctx.set('triage.at', ctx.services.now());
  ctx.emit({ type: 'triage_assessed', level: result.level, reasons: result.reasons, how });
}

/** "Your answers need a doctor within 24 hours, because:\n• You are over 60 and unwell". */
export function resultMessage(result: Assessment): MessageRef {
  return {
    key: `triage.result.${result.level}`,
    params: { reasons: result.reasons.map(reasonLine) },
  };
}

/** "• You are over 60 and unwell" for a reason's id, made once per id and deep-frozen, so that the router keeps its text (render.ts). */
const reasonLine: (id: string) => MessageRef = remembered((id) => frozenRef('triage.reason_line', { text: frozenRef(`triage.reason.${id}`) }), { max: 2000 });
