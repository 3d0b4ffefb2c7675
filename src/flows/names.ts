/**
 * The shapes of names in a flow file. One place, because the schema (which
 * reports them with a line) and the validator (which also checks definitions
 * that did not come from a file, e.g. the admin API) must agree.
 */

/** Flow ids and state names: `triage`, `spo2`, `bd_extra`. */
export const NAME_RE = /^[a-z][a-z0-9_]*$/;

/** Message keys: a namespace (the locales/<lng>/<ns>.json file) and at least one more part. */
export const MESSAGE_KEY_RE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/** Session paths (`save:`, `when:`): dotted identifiers such as `vitals.spo2` or `lang`. */
export const VAR_PATH_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** The only operators a `when:` comparison may use; conditions are data, never code. */
export const COMPARISON_OPS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'exists'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

export const NAME_HINT = 'lowercase letters, digits and _, starting with a letter';
export const MESSAGE_KEY_HINT = 'a dotted message key such as "triage.ask.spo2"';
export const VAR_PATH_HINT = 'a dotted path of identifiers such as "vitals.spo2"';

export function isVarPath(s: string): boolean {
  return VAR_PATH_RE.test(s);
}

export function isComparisonOp(s: string): s is ComparisonOp {
  return (COMPARISON_OPS as readonly string[]).includes(s);
}
