/**
 * What a check-in's answers say, read from the session in one place: by `followup.record` at the
 * end of a check-in (actions.ts), and for a check-in cut short by an emergency (service.ts).
 */
import { getPath } from '../engine/paths';
import type { Session } from '../engine/session';
import { answersOf, caseFromAnswers, knownSymptoms } from '../triage/answers';
import type { Symptom } from '../triage/case';
import { FEVER_C, toCelsius } from './fever';

/** Where the check-in flow saves its own answers (flows/followup_checkin.yaml); the rest are the triage's `triage.q.*`. */
const TEMPERATURE = 'followup.q.temperature';
const FEELING = 'followup.q.feeling';

/** A check-in's answers so far: the measurements of a FollowupReading, before they are assessed. */
export interface CheckinAnswers {
  spo2: number | null;
  /** °C, from the °C or °F given. */
  temperature: number | null;
  /** The symptoms read, then those in `alsoNamed`, with fever added when the temperature is 38 °C or more. */
  symptoms: Symptom[];
  /** false: the patient said they had new symptoms that could not be read (given up): not known, never "none". */
  symptomsKnown: boolean;
  feeling: string | null;
}

/** `alsoNamed`: a stored list of symptom codes to add (the danger signs an emergency recorded). */
export function checkinAnswers(session: Session, alsoNamed?: unknown): CheckinAnswers {
  const q = caseFromAnswers(answersOf(session));
  const raw = getPath(session, TEMPERATURE);
  const temperature = typeof raw === 'number' ? toCelsius(raw) : null;
  const symptoms = new Set<Symptom>([...(q.symptoms ?? []), ...knownSymptoms(alsoNamed)]);
  if (temperature !== null && temperature >= FEVER_C) symptoms.add('fever');
  const feeling = getPath(session, FEELING);
  return {
    spo2: q.spo2 ?? null,
    temperature,
    symptoms: [...symptoms],
    symptomsKnown: q.symptoms !== null,
    feeling: typeof feeling === 'string' ? feeling : null,
  };
}
