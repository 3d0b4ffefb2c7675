/**
 * A symptom named in the very first message ("I have fever", "আমার জ্বর",
 * "mujhe bukhar hai") is not lost behind the greeting and the consent question
 * (flows/welcome.yaml):
 *
 * - `triage.note_first_symptoms`: reads the message that started the welcome
 *   with the symptom check's own words (config/triage.yaml): sets
 *   `triage.first_symptoms` (codes named and not denied; [] when none) and
 *   `triage.symptoms_in_message`, and with symptoms named, the readings the
 *   message states plainly ("3 din se", "oxygen 96": `triage.first_readings`,
 *   stated-readings.ts). Says nothing: the greeting comes first.
 * - `triage.say_first_symptoms` (with: { symptoms: $triage.first_symptoms }):
 *   after consent, says back what was noted ("You mentioned:\n• Fever\n• Days of
 *   fever: 3") before the symptom check starts; nothing when no known symptom is
 *   given. It also hands them to that check (`triage.noted_symptoms` and
 *   `triage.noted_readings`, taken by `triage.start`).
 *
 * The symptom check still asks its danger signs first, as always. Its first reading
 * of the symptoms adds the noted ones to the patient's answer, for the patient to
 * confirm: someone who wrote "I have fever" and then, asked for their symptoms,
 * names only the others has not taken the fever back (answer-actions.ts).
 */
import { REGION_BEFORE_CONSENT } from '../helplines/region-in-message-action';
import { z } from 'zod';
import { withArgs } from '../engine/action-args';
import type { Action, ActionContext, Interpreter } from '../engine/services';
import { bulletList } from './answer-actions';
import { FIRST_QUESTION } from '../faq/actions';
import { STATED_KIND, STATED_PLACE } from '../beds/actions';
import { knownSymptoms, NOTED_READINGS, NOTED_SYMPTOMS, READING_IN_MESSAGE, SYMPTOMS_IN_MESSAGE } from './answers';
import type { Symptom } from './case';
import { getPath } from '../engine/paths';
import { hasStated, statedLines, statedReadings, statedReadingsOf, statedVitals, statesVital, type StatedReadings } from './stated-readings';
import { wordsOf } from '../engine/input';
import type { Triage } from './triage';

/** The readings `triage.note_first_symptoms` found, for `triage.say_first_symptoms`. */
const FIRST_READINGS = 'triage.first_readings';

export function noteFirstSymptomsAction(triage: Triage): Action {
  return (ctx) => {
    const text = wordsOf(ctx.input);
    const codes = text === null ? [] : triage.symptoms.extract(text).present;
    noteSymptoms(ctx, text, codes);
  };
}

/**
 * `triage.add_first_symptoms`: a later message of the welcome, before consent, that names
 * symptoms — typed at the language question instead of a choice ("amar jor hoyeche 3 din dhore"
 * after "hello") — adds them to what the first message named: they were refused as no language
 * and lost, and the patient got the plain menu after consent. A message naming none (another
 * unclear answer: "?", "what") changes nothing, so the first message's symptoms stay.
 */
export function addFirstSymptomsAction(triage: Triage): Action {
  return (ctx) => {
    const text = wordsOf(ctx.input);
    if (text === null) return;
    const found = triage.symptoms.extract(text).present;
    if (!found.length && !namesVitalSign(ctx.services.interpret, text)) return;
    const earlier = knownSymptoms(getPath(ctx.session, 'triage.first_symptoms'));
    noteSymptoms(ctx, text, [...new Set([...earlier, ...found])]);
  };
}

/** `triage.note_first_symptoms`'s notes of `text`, whose symptoms are `codes`. */
function noteSymptoms(ctx: ActionContext, text: string | null, codes: Symptom[]): void {
  ctx.set('triage.first_symptoms', codes);
  ctx.set(SYMPTOMS_IN_MESSAGE, codes.length > 0);
  // Readings only with symptoms: without them no symptom check starts from this message.
  const readings = text !== null && codes.length ? statedReadings(ctx.services.interpret, text, codes) : {};
  // An oxygen or breathing reading named without a symptom ("my oxygen is 91", "oxygen 92 aa
  // raha hai, kya karu") starts the symptom check too, which asks it (a low one below the red
  // flag's threshold still means a hospital): it was answered with the plain menu.
  const readingOnly = text !== null && !codes.length && namesVitalSign(ctx.services.interpret, text);
  // Oxygen and breathing rate named, kept with the time: a check that starts from this message
  // soon after reads them if their questions are skipped (`triage.start`).
  const vitals = text !== null ? statedVitals(ctx.services.interpret, text) : {};
  if (Object.keys(vitals).length) ctx.set(FIRST_VITALS, { ...vitals, at: ctx.services.now() });
  else if (getPath(ctx.session, FIRST_VITALS) != null) ctx.set(FIRST_VITALS, null);
  if (readingOnly || getPath(ctx.session, READING_IN_MESSAGE) != null) ctx.set(READING_IN_MESSAGE, readingOnly);
  // Written over: an earlier message's readings must not join a later check.
  replace(ctx, FIRST_READINGS, readings);
}

export function sayFirstSymptomsAction(): Action {
  return withArgs(z.object({ symptoms: z.array(z.string()) }), (ctx) => {
    const given = ctx.args.symptoms;
    // Only known codes are said (the session is plain JSON an older version may have written).
    const codes = knownSymptoms(given);
    // None to name: say nothing; the symptom check's own introduction follows.
    if (!codes.length) return;
    // The flows hand over the symptoms only; the readings of the same message are read here.
    const readings = statedReadingsOf(getPath(ctx.session, FIRST_READINGS));
    const list = [...bulletList(codes.map((c) => `triage.symptom.${c}`)), ...statedLines(readings)];
    ctx.emit({ type: 'msg_created', msg: { key: 'welcome.symptoms_mentioned', params: { list } } });
    ctx.set(NOTED_SYMPTOMS, codes);
    replace(ctx, NOTED_READINGS, readings);
  });
}

/** Oxygen and breathing rate a first message (or one at the menu) named, with when (stated-readings.ts `statedVitals`). */
export const FIRST_VITALS = 'triage.first_vitals';

/** The text states an oxygen or breathing reading ("oxygen 91", "rr 30", "30 breaths per minute"). */
function namesVitalSign(interpret: Interpreter, text: string): boolean {
  return (interpret.namedReadings?.(text) ?? []).some(statesVital);
}

/**
 * `triage.forget_first_message`: the patient did not consent, so what their first message said of
 * their health (its symptoms and readings, or its question) is not kept.
 */
export function forgetFirstMessageAction(): Action {
  return (ctx) => {
    if (getPath(ctx.session, 'triage.first_symptoms') != null) ctx.set('triage.first_symptoms', null);
    if (getPath(ctx.session, SYMPTOMS_IN_MESSAGE) != null) ctx.set(SYMPTOMS_IN_MESSAGE, null);
    if (getPath(ctx.session, READING_IN_MESSAGE) != null) ctx.set(READING_IN_MESSAGE, null);
    if (getPath(ctx.session, FIRST_VITALS) != null) ctx.set(FIRST_VITALS, null);
    // Its question, kept for the FAQ (src/faq/actions.ts `faq.note_question`), is its words too.
    if (getPath(ctx.session, FIRST_QUESTION) != null) ctx.set(FIRST_QUESTION, null);
    // So is the kind of bed it asked for ("I need an ICU bed": src/beds/actions.ts `beds.note_kind`),
    // and the place ("I need a bed in Kolkata": `beds.note_place`).
    if (getPath(ctx.session, STATED_KIND) != null) ctx.set(STATED_KIND, null);
    if (getPath(ctx.session, STATED_PLACE) != null) ctx.set(STATED_PLACE, null);
    // And where it said the patient is ("Ami Dubai te thaki, … doctor …": src/helplines/region-in-message-action.ts).
    if (getPath(ctx.session, REGION_BEFORE_CONSENT) === true) {
      ctx.set('profile.region', null);
      ctx.set(REGION_BEFORE_CONSENT, null);
    }
    replace(ctx, FIRST_READINGS, {});
  };
}

/** Keeps `readings` at `path` (null when there are none), writing nothing when there were none and are none. */
function replace(ctx: ActionContext, path: string, readings: StatedReadings): void {
  if (hasStated(readings)) ctx.set(path, readings);
  else if (getPath(ctx.session, path) != null) ctx.set(path, null);
}
