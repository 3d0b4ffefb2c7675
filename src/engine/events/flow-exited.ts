/**
 * A flow ended (reached an `end` state, or was left by `goto_flow` or a global word).
 *
 * ```json
 * { "type": "flow_exited", "flow": "helplines", "how": "ended" }
 * ```
 */
export interface FlowExited {
  type: 'flow_exited';
  flow: string;
  how: 'ended' | 'left';
}
