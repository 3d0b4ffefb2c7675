/**
 * A state's `with:` arguments against the schema its action declares
 * (src/engine/action-args.ts). A mistake here passes every other check and then
 * fails the action on every patient's turn ("Something went wrong"), so it is
 * refused before the flow is saved, naming the argument.
 *
 * A `$path` value is read from the session when the state runs; the session may
 * hold anything, so such a value is let through. An argument the schema does not
 * name is a typo whatever its value.
 */
import type { z } from 'zod';
import type { ActionArgs } from '../engine/action-args';
import { flowErrorMap } from './issues';
import type { FlowPath } from './locate';
import { closest } from './suggest';

export interface ArgProblem {
  /** Path inside `with`: `['list']`. */
  path: FlowPath;
  message: string;
}

export function checkActionArgs(action: string, schema: ActionArgs, args: Readonly<Record<string, unknown>>): ArgProblem[] {
  const known = Object.keys(schema.shape);
  const problems: ArgProblem[] = [];
  /** Arguments given under a misspelt name: "needs" them too would report one mistake twice. */
  const misspelt = new Set<string>();
  for (const name of Object.keys(args)) {
    if (known.includes(name)) continue;
    const near = closest(name, known);
    if (near !== undefined) misspelt.add(near);
    const hint = near !== undefined ? ` (did you mean "${near}"?)` : known.length > 0 ? ` (it takes ${known.join(', ')})` : ' (it takes none)';
    problems.push({ path: [name], message: `${action} takes no argument "${name}"${hint}` });
  }

  const fromSession = new Set(Object.keys(args).filter((name) => isSessionPath(args[name])));
  const result = schema.safeParse(args, { error: argsErrorMap });
  for (const iss of result.error?.issues ?? []) {
    // Unknown arguments are reported above, one by one, whether or not the schema is strict.
    if (iss.code === 'unrecognized_keys') continue;
    const path = iss.path.map((p) => (typeof p === 'number' ? p : String(p)));
    if (typeof path[0] === 'string' && fromSession.has(path[0])) continue;
    if (iss.message === 'required' && path.length === 1) {
      if (!misspelt.has(String(path[0]))) problems.push({ path, message: `${action} needs "${path[0]}"` });
    } else {
      problems.push({ path, message: `${action}: ${iss.message}` });
    }
  }
  return problems;
}

/** What engine.ts reads from the session instead of taking as written. */
function isSessionPath(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('$');
}

/** The flow file's wording ("required", "expected a string, got number 3"), and what a value may be. */
const argsErrorMap: z.core.$ZodErrorMap = (iss) => {
  // A missing enum or literal is an invalid value to zod; to an author it is a missing argument.
  if (iss.input === undefined && iss.code !== 'custom') return 'required';
  if (iss.code === 'invalid_value') {
    const options = iss.values.map((v) => JSON.stringify(v));
    const allowed = options.length === 1 ? options[0] : `one of ${options.join(', ')}`;
    const near = typeof iss.input === 'string' ? closest(iss.input, iss.values.map(String)) : undefined;
    return `must be ${allowed}, not ${JSON.stringify(iss.input)}${near !== undefined ? ` (did you mean "${near}"?)` : ''}`;
  }
  if (iss.code === 'too_big') return `must be at most ${String(iss.maximum)}, not ${JSON.stringify(iss.input)}`;
  if (iss.code === 'too_small') return `must be at least ${String(iss.minimum)}, not ${JSON.stringify(iss.input)}`;
  return flowErrorMap(iss);
};
