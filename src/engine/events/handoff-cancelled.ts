/**
 * The patient left the queue ("cancel"): the router closes the ticket as
 * `cancelled_by_patient` in the turn's commit.
 *
 * ```json
 * { "type": "handoff_cancelled", "ticket": "3f9a1c2b-…" }
 * ```
 */
export interface HandoffCancelled {
  type: 'handoff_cancelled';
  ticket: string;
}
