/**
 * The patient is to be handed to a person: they asked (the `doctor` word, the menu),
 * the bot failed to understand them twice, or the case is an emergency. The router
 * opens the ticket in the turn's commit (src/handoff/turn-hooks.ts) and writes its id
 * to `handoff.ticket`. It carries no patient text.
 *
 * ```json
 * { "type": "handoff_requested", "queue": "kolkata-doctor", "reason": "asked", "priority": 2, "emergency": false }
 * ```
 */
export interface HandoffRequested {
  type: 'handoff_requested';
  /** A queue id of config/handoff.yaml. */
  queue: string;
  /** `crisis`: the patient wrote of suicide or self-harm lately (src/crisis), for a counsellor. */
  reason: 'asked' | 'not_understood' | 'emergency' | 'crisis';
  /** 0 (unknown or mild) to 4 (emergency), from the triage level. */
  priority: number;
  /** Flagged for the first operator, whatever the queue and working hours. */
  emergency: boolean;
}
