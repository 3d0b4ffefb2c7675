/**
 * The `with:` arguments an action takes, declared as a zod object next to the
 * action, so that a flow that gives a wrong one (`list: symptom`) is refused when
 * it is checked (src/flows/action-args-check.ts) rather than failing every
 * patient's turn once it is published.
 *
 * The schema describes what a flow file may write. A `$path` value is read from
 * the session when the state runs and may hold anything, so the check lets it
 * through and the action still reads `ctx.args` as it always has.
 *
 * ```ts
 * ['triage.list', withArgs(z.object({ list: z.enum(['symptoms', 'conditions']) }), listAction(triage))]
 * ```
 */
import type { z } from 'zod';
import type { Action, ActionContext } from './services';

/** An object schema: each of its keys is one argument, and no other argument is accepted. */
export type ActionArgs = z.ZodObject;

/** `action`, registered with the schema of its `with:` arguments. */
export function withArgs(args: ActionArgs, action: Action): Action {
  // A new function: the one given may be registered elsewhere without (or with other) arguments.
  return Object.assign((ctx: ActionContext) => action(ctx), { args });
}
