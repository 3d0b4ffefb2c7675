/**
 * Flow actions of the follow-up check-ins. The engine is pure, so these only write the
 * session; FollowupService acts on what they wrote (core.ts wires it after each commit,
 * and the runner reads the reading of a sent check-in from the session):
 *
 * - `followup.request` (with: { slot }): the patient said yes to daily check-ins at a slot, or at
 *   a time they gave in words (`followup.offer.time`); the service enrols them after the turn and
 *   starts the offer flow again to say what came of it (request.ts). Meanwhile `followup.offer.result`
 *   is `pending`, which `followup.await_result` forgets.
 * - `followup.slot_in_answer`: the yes named the slot too (slot-in-answer.ts).
 * - `followup.read_time`: a time in words at the time question ("any time", "raat ko", "10 am": time-in-answer.ts).
 * - `followup.confirm`: the patient is told what came of the request, and the hour of the slot in their region's time (confirmation.ts).
 * - `followup.stop`: the patient said stop: every follow-up ends at once.
 * - `followup.record`: the end of a check-in: the readings with the patient's earlier triage
 *   answers (age, illnesses) and the days of fever so far (`followup.plan`, from the service)
 *   are assessed by the triage rules; the result is the reading. On the last check-in it also
 *   says how the follow-up closes (`followup.closing`, which the flow turns into a message).
 */
import { z } from 'zod';
import { withArgs } from '../engine/action-args';
import type { Action } from '../engine/services';
import { getPath } from '../engine/paths';
import { resultMessage } from '../triage/assess-actions';
import type { TriageCase } from '../triage/case';
import type { Triage } from '../triage/triage';
import type { FollowupReading } from '../storage/repositories';
import { feverOf } from './fever';
import { confirmAction } from './confirmation';
import { checkinAnswers } from './reading';
import { CHECKIN_VAR, CLOSING_VAR, ENROLMENT_VAR, PLAN_VAR, READING_VAR, REQUEST_VAR, STOP_VAR, type CheckinPlan } from './service';
import { CALLED_VAR, RESULT_VAR } from './request';
import { asTimeWish } from './slot-for-time';
import { slotInAnswerAction } from './slot-in-answer';
import { isSlot, SLOTS } from './slots';
import { readTimeAction, TIME_VAR } from './time-in-answer';

export function followupActions(triage: Triage): Array<[string, Action]> {
  const request = withArgs(z.object({ slot: z.enum(SLOTS) }), (ctx) => {
    // The slot chosen; else (null) the time given in words, which the service places in a slot.
    const slot = isSlot(ctx.args.slot) ? ctx.args.slot : null;
    const time = slot === null ? asTimeWish(getPath(ctx.session, TIME_VAR)) : null;
    if (slot === null && time === null) throw new Error(`slot must be one of ${SLOTS.join(', ')}, or ${TIME_VAR} a time`);
    // The fever the symptom check knew (its days, and when it was asked): the check-ins count on from it.
    const answers = getPath(ctx.session, 'triage.answers') as TriageCase | null | undefined;
    const assessedAt = getPath(ctx.session, 'triage.at');
    const days = typeof answers?.fever_days === 'number' && answers.fever_days > 0 ? answers.fever_days : answers?.symptoms?.includes('fever') ? 1 : 0;
    const fever = typeof assessedAt === 'number' ? { fever: { days, at: assessedAt } } : {};
    ctx.set(REQUEST_VAR, { slot, time, at: ctx.services.now(), awaits_result: true, ...fever });
    // Called by the symptom check: its "what next?" is asked with the result, in the offer flow.
    ctx.set(CALLED_VAR, ctx.session.stack.length > 1);
    ctx.set(RESULT_VAR, 'pending');
  });
  // The offer flow restarted itself to leave its caller (flows/followup_offer.yaml `leave`): the
  // result comes in a turn of its own, and a `pending` left behind must not stop the next offer.
  const awaitResult: Action = (ctx) => ctx.set(RESULT_VAR, null);
  const stop: Action = (ctx) => ctx.set(STOP_VAR, ctx.services.now());
  const record: Action = (ctx) => {
    const answers = checkinAnswers(ctx.session);
    const baseline = (getPath(ctx.session, 'triage.answers') ?? {}) as TriageCase;
    // Who the patient is (age, pregnancy, illnesses, test) stays from their triage; today's readings replace the rest.
    const today: TriageCase = {
      ...(baseline.age !== undefined ? { age: baseline.age } : {}),
      ...(baseline.pregnant !== undefined ? { pregnant: baseline.pregnant } : {}),
      ...(baseline.comorbidities ? { comorbidities: baseline.comorbidities } : {}),
      ...(baseline.covid_positive !== undefined ? { covid_positive: baseline.covid_positive } : {}),
      // New symptoms the patient said they had but that could not be read (given up): not known,
      // which is no reassurance (the symptoms_unknown rule), never "none".
      symptoms: answers.symptomsKnown ? [...answers.symptoms] : null,
      spo2: answers.spo2,
    };
    const plan = (getPath(ctx.session, PLAN_VAR) ?? {}) as Partial<CheckinPlan>;
    // Fever today: the days of this run of fever, counted across the check-ins (the service
    // worked out what today makes if it finds fever); none today: 0; not known: not given.
    const fever = feverOf(answers);
    if (fever !== null) today.fever_days = fever ? (typeof plan.fever_days === 'number' && plan.fever_days > 0 ? plan.fever_days : 1) : 0;
    const result = triage.assess(today);
    const reading: FollowupReading & { checkin: unknown; enrolment: unknown } = {
      checkin: getPath(ctx.session, CHECKIN_VAR) ?? null,
      enrolment: getPath(ctx.session, ENROLMENT_VAR) ?? null,
      at: ctx.services.now(),
      spo2: answers.spo2,
      temperature: answers.temperature,
      symptoms: answers.symptoms,
      feeling: answers.feeling,
      level: result.level,
      reasons: result.reasons,
    };
    ctx.set(READING_VAR, reading);
    ctx.set('followup.level', result.level);
    ctx.set('triage.level', result.level);
    ctx.set('triage.reasons', result.reasons);
    ctx.set('triage.answers', today);
    ctx.set('triage.at', reading.at);
    ctx.emit({ type: 'triage_assessed', level: result.level, reasons: result.reasons, how: 'questions' });
    if (result.level === 'emergency' || result.level === 'hospital' || result.level === 'doctor') ctx.emit({ type: 'msg_created', msg: resultMessage(result) });
    ctx.set(CLOSING_VAR, closing(plan, result.level, fever));
  };
  return [
    ['followup.request', request],
    ['followup.await_result', awaitResult],
    ['followup.slot_in_answer', slotInAnswerAction],
    ['followup.read_time', readTimeAction],
    ['followup.confirm', confirmAction],
    ['followup.stop', stop],
    ['followup.record', record],
  ];
}

/**
 * What the patient is told of the follow-up's end after today's answers (the service does the
 * same from the stored reading: a fever keeps the check-ins going `fever_free_days` days,
 * src/followup/service.ts): `continues` (a fever today adds days), `ended_fever` (fever on the
 * last check-in, and the follow-up is as long as it may get: a person takes it on), and on the
 * last check-in without fever `ended_doctor` (a doctor or a hospital is to see the patient: they
 * say when isolation ends) or `ended` (isolation can end once 3 days pass without fever).
 * A hospital reading gets its closing as the lower levels do (the days a fever adds are added
 * all the same, and a patient told "this is your last check-in" is not to meet another one
 * unannounced). Nothing after an emergency reading: the emergency advice comes at once and
 * alone; the doctors' emergency ticket has the patient, and the follow-up screen the extension.
 */
function closing(plan: Partial<CheckinPlan>, level: string, fever: boolean | null): string | null {
  if (level !== 'hospital' && level !== 'doctor' && level !== 'home_isolation' && level !== 'self_care') return null;
  if (fever === true && plan.extends_if_fever === true) return plan.can_extend !== false ? 'continues' : plan.last === true ? 'ended_fever' : null;
  if (plan.last !== true) return null;
  return level === 'doctor' || level === 'hospital' ? 'ended_doctor' : 'ended';
}
