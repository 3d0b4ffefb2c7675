/**
 * Something in the flow content went wrong (a missing state, a runaway loop, an
 * action that threw). The conversation goes on from the fallback flow; this
 * event is how operators and tests learn of it. It is never a crash.
 *
 * ```json
 * { "type": "failure", "code": "step_limit", "detail": "more than 100 steps in one turn", "flow": "triage", "state": "assess" }
 * ```
 */
export interface Failure {
  type: 'failure';
  code: 'step_limit' | 'unknown_flow' | 'unknown_state' | 'unknown_action' | 'action_failed';
  detail: string;
  flow?: string;
  state?: string;
}
