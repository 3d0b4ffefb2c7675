/**
 * A value in the session changed: an answer was saved or an action wrote a fact.
 *
 * ```json
 * { "type": "var_changed", "path": "vitals.spo2", "value": 92 }
 * ```
 */
export interface VarChanged {
  type: 'var_changed';
  path: string;
  value: unknown;
}
