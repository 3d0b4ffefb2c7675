/**
 * Actions that gather the answers of the symptom check (flows/triage.yaml):
 *
 * - `triage.start`: forgets the answers of an earlier check (its result stays
 *   stored until this one ends) and notes when this one started. Symptoms the
 *   patient named in their first message (first-message.ts) are taken along as
 *   `triage.q.noted`, once. An oxygen reading that message stated and that needs care by
 *   itself ("spo2 91": a hospital today) is said at once, with its reason.
 * - `triage.read_symptoms` adds those noted symptoms to its first reading (said back,
 *   so the patient confirms them or, answering "no", lists their symptoms again), and
 *   the readings stated with them ("3 din se", "oxygen 96": `triage.noted_readings`,
 *   stated-readings.ts) as the answers of their questions, said back with them too;
 *   read again after that "no", it takes those answers back, and they are asked.
 * - `triage.list` (with: { list: symptoms | conditions }): says the numbered list
 *   the next question refers to, built from config/triage.yaml so the numbers
 *   the patient sends always mean what was shown.
 * - `triage.read_symptoms` / `triage.read_conditions` (with: { text }): read a
 *   free-text or numbered answer (list-answer.ts). `triage.q.parse` becomes
 *   `found`, `none` or `unclear`; what was understood is said back. The third
 *   unclear answer in a row to the same list is `given_up`: the check goes on
 *   without it (with the symptoms named in the first message, if any), rather
 *   than showing the list again and again.
 * - `triage.detect_red_flag`: for the welcome flow, whose first message runs
 *   without the global-word check: sets `triage.red_flag_in_message`.
 */
import { frozenRef, type MessageRef } from '../engine/flow';
import { getPath } from '../engine/paths';
import { z } from 'zod';
import { withArgs } from '../engine/action-args';
import type { Action, ActionContext } from '../engine/services';
import { answersOf, knownSymptoms, NOTED_READINGS, NOTED_SYMPTOMS, Q, setSymptoms } from './answers';
import { hasStated, READING_OF, STATED_FIELDS, statedLines, statedReadingsOf, statedVitalsOf, type StatedReadings } from './stated-readings';
import { FIRST_VITALS } from './first-message';
import { wordsOf } from '../engine/input';
import { readListAnswer } from './list-answer';
import type { Triage } from './triage';
import { hasRedFlag } from './red-flags';
import { resultMessage } from './assess-actions';
import { remembered } from '../remembered';

export function startAction(triage: Triage): Action {
  return (ctx) => {
    const noted = knownSymptoms(getPath(ctx.session, NOTED_SYMPTOMS));
    const readings = noted.length ? statedReadingsOf(getPath(ctx.session, NOTED_READINGS)) : {};
    // Oxygen and breathing rate named in the message this check starts from (minutes ago, not
    // one from weeks before): they stand in for their questions if those are skipped.
    const first = getPath(ctx.session, FIRST_VITALS) as { at?: unknown } | null | undefined;
    const recent = typeof first?.at === 'number' && ctx.services.now() - first.at <= triage.config.inProgressMinutes * 60_000;
    const vitals = recent ? statedVitalsOf(first) : {};
    if (first != null) ctx.set(FIRST_VITALS, null);
    sayStatedOxygen(ctx, triage, vitals.spo2);
    ctx.set(Q, {
      started_at: ctx.services.now(),
      ...(noted.length ? { noted } : {}),
      ...(hasStated(readings) ? { noted_readings: readings } : {}),
      ...(Object.keys(vitals).length ? { stated_vitals: vitals } : {}),
    });
    // Taken: a later check (from the menu, weeks on) does not start from the first message's words.
    if (noted.length) ctx.set(NOTED_SYMPTOMS, null);
    if (getPath(ctx.session, NOTED_READINGS) != null) ctx.set(NOTED_READINGS, null);
  };
}

/**
 * An oxygen reading the check starts from ("spo2 91" at the menu) that needs care by itself is
 * said at once, with its reason, before the questions: the patient may not know that 91 is low,
 * and no later answer can make it less urgent (the levels of the rule table only rise with more
 * answers). A reading below 90 never gets here: it is a red flag, and the emergency advice went
 * first (red-flags.ts). A normal reading says nothing: the symptoms decide.
 */
function sayStatedOxygen(ctx: ActionContext, triage: Triage, spo2: number | undefined): void {
  if (spo2 === undefined) return;
  const result = triage.assess({ spo2 });
  if (result.level === 'hospital' || result.level === 'doctor') ctx.emit({ type: 'msg_created', msg: resultMessage(result) });
}

export function listAction(triage: Triage): Action {
  // Each list's message made once, deep-frozen: the lists come from config/triage.yaml, read at
  // start-up, so the message is the same for every patient, and the router keeps its text.
  const made: { symptoms?: MessageRef; conditions?: MessageRef } = {};
  return withArgs(z.object({ list: z.enum(['symptoms', 'conditions']) }), (ctx) => {
    const which = ctx.args.list;
    if (which !== 'symptoms' && which !== 'conditions') throw new Error(`triage.list: "list" must be symptoms or conditions, got ${JSON.stringify(which)}`);
    const msg = (made[which] ??= listMessage(which === 'symptoms' ? triage.config.symptomList : triage.config.conditionList, which === 'symptoms' ? 'triage.symptom' : 'triage.condition'));
    ctx.emit({ type: 'msg_created', msg });
  });
}

/** The numbered list of `codes` ("1. Fever" … then "none"), deep-frozen. */
function listMessage(codes: readonly string[], prefix: string): MessageRef {
  const lines: MessageRef[] = codes.map((code, i) => frozenRef('triage.list.line', { n: i + 1, label: frozenRef(`${prefix}.${code}`) }));
  lines.push(frozenRef('triage.list.none'));
  return frozenRef('triage.list.options', { options: Object.freeze(lines) as MessageRef[] });
}

/** The answer to read: the saved text of the question (`$triage.q.symptoms_text`). */
const TEXT_ARGS = z.object({ text: z.string() });

/** Unclear answers in a row to one list before the check goes on without it. */
const UNCLEAR_LIMIT = 3;

/**
 * Counts an unclear answer to `list` and says whether that was the last one allowed
 * (`triage.q.parse` is then `given_up`); a clear answer starts the count again.
 */
function unclearAgain(ctx: ActionContext, list: 'symptoms' | 'conditions', clear: boolean): boolean {
  const path = `${Q}.unclear_${list}`;
  if (clear) {
    if (getPath(ctx.session, path) !== undefined) ctx.set(path, 0);
    return false;
  }
  const count = Number(getPath(ctx.session, path) ?? 0) + 1;
  ctx.set(path, count);
  if (count < UNCLEAR_LIMIT) return false;
  ctx.set(`${Q}.parse`, 'given_up');
  return true;
}

export function readSymptomsAction(triage: Triage): Action {
  return withArgs(TEXT_ARGS, (ctx) => {
    // Symptoms read again after a "no, that is wrong": the readings confirmed with the first
    // reading are forgotten too, and asked.
    forgetStated(ctx);
    const answer = readListAnswer(argText(ctx, 'triage.read_symptoms'), triage.config.symptomList, triage.symptoms, isNo(ctx));
    ctx.set(`${Q}.parse`, answer.status);
    const givenUp = unclearAgain(ctx, 'symptoms', answer.status !== 'unclear');
    if (answer.status === 'unclear' && !givenUp) return;
    const answered = answer.status === 'found' ? answer.codes : [];
    // The symptoms named in the first message join the first reading only: after a "no, that is
    // wrong" the patient's new answer stands alone.
    const noted = knownSymptoms(getPath(ctx.session, `${Q}.noted`));
    const codes = noted.length ? [...new Set([...noted, ...answered])] : answered;
    if (noted.length) ctx.set(`${Q}.noted`, null);
    // Given up with nothing named: the symptoms are not known (null, not "none": the assessment
    // gives no reassurance on them), and neither are the flags.
    if (givenUp && !codes.length) return ctx.set(`${Q}.symptoms`, null);
    setSymptoms(ctx, codes);
    // So do the readings stated with those symptoms: said back with them, and their questions
    // skipped. Not when the symptoms were given up on: nothing is said back for the patient to
    // confirm, so their questions are asked.
    const readings = givenUp ? dropStated(ctx) : takeStated(ctx, codes.includes('fever'));
    if (!givenUp) ctx.emit({ type: 'msg_created', msg: understood('triage.understood', 'triage.understood_none', codes.map((c) => `triage.symptom.${c}`), statedLines(readings)) });
  });
}

/** Where the fields taken from stated readings are listed, to be forgotten if the symptoms were wrong. */
const STATED = `${Q}.stated`;

/**
 * The readings noted with the first message's symptoms (`triage.q.noted_readings`), as the
 * answers of their questions: flows/triage.yaml skips a question whose answer is there. The days
 * of fever only with a fever. Taken once.
 */
function takeStated(ctx: ActionContext, hasFever: boolean): StatedReadings {
  const noted = getPath(ctx.session, `${Q}.noted_readings`);
  if (noted === undefined || noted === null) return {};
  ctx.set(`${Q}.noted_readings`, null);
  const readings = statedReadingsOf(noted);
  if (!hasFever) delete readings.fever_days;
  const fields = STATED_FIELDS.filter((f) => readings[f] !== undefined);
  for (const field of fields) ctx.set(`${Q}.${field}`, readings[field]);
  if (fields.length) ctx.set(STATED, fields);
  return readings;
}

/** The noted readings are not taken: their questions are asked. */
function dropStated(ctx: ActionContext): StatedReadings {
  if (getPath(ctx.session, `${Q}.noted_readings`) != null) ctx.set(`${Q}.noted_readings`, null);
  return {};
}

/**
 * `triage.confirm_stated`: after the "yes" to the symptoms and readings said back. A yes that names
 * one of those readings again ("haan, lekin bukhar 5 din se hai", "yes, but I am 45") corrects it:
 * that one is forgotten, and its question asked. A yes typed as its option's number ("1" on
 * WhatsApp) or with another number ("haan, 96": the oxygen, asked next) corrects nothing.
 */
export function confirmStatedAction(): Action {
  return (ctx) => {
    const text = wordsOf(ctx.input);
    if (text === null) return;
    const named = new Set((ctx.services.interpret.namedReadings?.(text) ?? []).map((r) => r.reading));
    const corrected = STATED_FIELDS.filter((f) => named.has(READING_OF[f]));
    if (corrected.length) forgetStated(ctx, corrected);
  };
}

/** Takes back the answers `takeStated` gave (those of `only`, when given), so that their questions are asked. */
function forgetStated(ctx: ActionContext, only?: readonly string[]): void {
  const stated = getPath(ctx.session, STATED);
  if (!Array.isArray(stated) || !stated.length) return;
  const forget = stated.filter((f): f is string => typeof f === 'string' && (!only || only.includes(f)));
  if (!forget.length) return;
  const q = { ...answersOf(ctx.session) };
  for (const field of forget) delete q[field];
  const kept = stated.filter((f) => !forget.includes(f as string));
  if (kept.length) q.stated = kept;
  else delete q.stated;
  ctx.set(Q, q);
}

/**
 * `triage.symptoms_unsure`: the patient does not know whether the symptoms said back are right
 * (or could not say so three times). The check goes on with the symptoms they named: leaving one
 * out could only make the advice less careful. Readings stated in the first message were not
 * confirmed: they are asked. And "none" that is not confirmed is not known (null, as when the
 * symptoms are given up on): the assessment gives no reassurance on it.
 */
export function unsureSymptomsAction(): Action {
  return (ctx) => {
    forgetStated(ctx);
    const symptoms = getPath(ctx.session, `${Q}.symptoms`);
    if (Array.isArray(symptoms) && symptoms.length === 0) {
      ctx.set(`${Q}.symptoms`, null);
      ctx.set(`${Q}.has_symptoms`, null);
    }
  };
}

export function readConditionsAction(triage: Triage): Action {
  return withArgs(TEXT_ARGS, (ctx) => {
    const answer = readListAnswer(argText(ctx, 'triage.read_conditions'), triage.config.conditionList, triage.conditions, isNo(ctx));
    ctx.set(`${Q}.parse`, answer.status);
    if (unclearAgain(ctx, 'conditions', answer.status !== 'unclear') || answer.status === 'unclear') return;
    const codes = answer.status === 'found' ? answer.codes : [];
    ctx.set(`${Q}.comorbidities`, codes);
    ctx.emit({ type: 'msg_created', msg: understood('triage.noted_conditions', 'triage.noted_no_conditions', codes.map((c) => `triage.condition.${c}`)) });
  });
}

export function detectRedFlagAction(triage: Triage): Action {
  return (ctx) => {
    const text = wordsOf(ctx.input);
    ctx.set('triage.red_flag_in_message', text !== null && hasRedFlag(triage.redFlags, text));
  };
}

function argText(ctx: ActionContext, action: string): string {
  const text = ctx.args.text;
  if (typeof text !== 'string') throw new Error(`${action}: "text" must be the saved answer (a string), got ${JSON.stringify(text)}`);
  return text;
}

const isNo = (ctx: ActionContext) => (text: string) => ctx.services.interpret.yesNo(text) === false;

function understood(key: string, noneKey: string, labels: string[], more: MessageRef[] = []): MessageRef {
  if (!labels.length && !more.length) return { key: noneKey };
  return { key, params: { list: [...bulletList(labels), ...more] } };
}

/** Message keys as a bulleted list ("• Fever"), for a message's `list` parameter. */
export function bulletList(labels: readonly string[]): MessageRef[] {
  return labels.map(bulletItem);
}

/**
 * "• Fever" for a label's key, made once per key and deep-frozen, so that the router keeps its
 * text (render.ts): the keys are the symptom check's labels, a few dozen.
 */
const bulletItem: (label: string) => MessageRef = remembered((label) => frozenRef('triage.list.item', { label: frozenRef(label) }), { max: 2000 });
