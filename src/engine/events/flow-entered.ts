/**
 * A flow started running, on the version named (which the conversation keeps).
 *
 * ```json
 * { "type": "flow_entered", "flow": "triage", "version": "3f9a1c2b" }
 * ```
 */
export interface FlowEntered {
  type: 'flow_entered';
  flow: string;
  version: string;
}
