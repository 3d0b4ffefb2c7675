/**
 * A triage assessment was made and stored on the conversation (`triage.level`,
 * `triage.reasons`, `triage.answers`, `triage.at`): from the patient's answers to
 * the symptom check, or from a danger sign typed anywhere. Hand-off and the
 * operator queue can order by it. It carries no patient text: rule ids only.
 *
 * ```json
 * { "type": "triage_assessed", "level": "hospital", "reasons": ["spo2_90_to_93"], "how": "questions" }
 * ```
 */
export interface TriageAssessed {
  type: 'triage_assessed';
  level: 'emergency' | 'hospital' | 'doctor' | 'home_isolation' | 'self_care';
  /** Ids of the rules that fired (config/triage.yaml). */
  reasons: string[];
  /** `questions`: the symptom check; `red_flag`: a danger sign in a message. */
  how: 'questions' | 'red_flag';
}
