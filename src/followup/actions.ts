/**
 * Flow actions of the follow-up check-ins. The engine is pure, so these only write the
 * session; FollowupService acts on what they wrote (core.ts wires it after each commit,
 * and the runner reads the reading of a sent check-in from the session):
 *
 * - `followup.request` (with: { slot }): the patient said yes to daily check-ins at a slot.
 * - `followup.stop`: the patient said stop: every follow-up ends at once.
 * - `followup.record`: the end of a check-in: the readings with the patient's earlier triage
 *   answers (age, illnesses) are assessed by the triage rules; the result is the reading.
 */
import { z } from 'zod';
import { withArgs } from '../engine/action-args';
import type { Action } from '../engine/services';
import { getPath } from '../engine/paths';
import { answersOf, caseFromAnswers } from '../triage/answers';
import { resultMessage } from '../triage/assess-actions';
import type { TriageCase } from '../triage/case';
import type { Triage } from '../triage/triage';
import type { FollowupReading } from '../storage/repositories';
import { CHECKIN_VAR, READING_VAR, REQUEST_VAR, STOP_VAR } from './service';

const SLOTS = ['morning', 'afternoon', 'evening'] as const;
/** Fever from 38 °C (100.4 °F), WHO clinical management of COVID-19. */
const FEVER_C = 38;

/** °C, from a reading in °C or °F (a number above 45 can only be Fahrenheit). */
export function toCelsius(value: number): number {
  return value > 45 ? Math.round(((value - 32) * 5) / 9 * 10) / 10 : value;
}

export function followupActions(triage: Triage): Array<[string, Action]> {
  const request = withArgs(z.object({ slot: z.enum(SLOTS) }), (ctx) => {
    const slot = ctx.args.slot;
    if (typeof slot !== 'string' || !(SLOTS as readonly string[]).includes(slot)) throw new Error(`slot must be one of ${SLOTS.join(', ')}`);
    ctx.set(REQUEST_VAR, { slot, at: ctx.services.now() });
  });
  const stop: Action = (ctx) => ctx.set(STOP_VAR, ctx.services.now());
  const record: Action = (ctx) => {
    const q = caseFromAnswers(answersOf(ctx.session));
    const raw = getPath(ctx.session, 'followup.q.temperature');
    const temperature = typeof raw === 'number' ? toCelsius(raw) : null;
    const baseline = (getPath(ctx.session, 'triage.answers') ?? {}) as TriageCase;
    const symptoms = new Set([...(q.symptoms ?? [])]);
    if (temperature !== null && temperature >= FEVER_C) symptoms.add('fever');
    // Who the patient is (age, pregnancy, illnesses, test) stays from their triage; today's readings replace the rest.
    const today: TriageCase = {
      ...(baseline.age !== undefined ? { age: baseline.age } : {}),
      ...(baseline.pregnant !== undefined ? { pregnant: baseline.pregnant } : {}),
      ...(baseline.comorbidities ? { comorbidities: baseline.comorbidities } : {}),
      ...(baseline.covid_positive !== undefined ? { covid_positive: baseline.covid_positive } : {}),
      // New symptoms the patient said they had but that could not be read (given up): not known,
      // which is no reassurance (the symptoms_unknown rule), never "none".
      symptoms: q.symptoms === null ? null : [...symptoms],
      spo2: q.spo2 ?? null,
    };
    const result = triage.assess(today);
    const feeling = getPath(ctx.session, 'followup.q.feeling');
    const reading: FollowupReading & { checkin: unknown } = {
      checkin: getPath(ctx.session, CHECKIN_VAR) ?? null,
      at: ctx.services.now(),
      spo2: today.spo2 ?? null,
      temperature,
      symptoms: [...symptoms],
      feeling: typeof feeling === 'string' ? feeling : null,
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
    if (result.level === 'emergency' || result.level === 'hospital') ctx.emit({ type: 'msg_created', msg: resultMessage(result) });
  };
  return [
    ['followup.request', request],
    ['followup.stop', stop],
    ['followup.record', record],
  ];
}
