/**
 * The patient's answer did not fit the question; it will be asked again, or
 * the flow falls back when `retries` has run out.
 *
 * ```json
 * { "type": "input_rejected", "state": "spo2", "reason": "out_of_range", "retries": 1 }
 * ```
 */
export interface InputRejected {
  type: 'input_rejected';
  state: string;
  reason: 'not_understood' | 'dont_know' | 'out_of_range' | 'unsupported_media';
  retries: number;
}
