/**
 * The zod schema of a flow file: the shape of every field, and which fields may
 * go together in one state. It produces a FlowDef minus `version` (computed from
 * the content by load.ts). Cross-state and cross-flow rules (targets exist, keys
 * exist, reachability, loops) need the whole flow or the whole set: validate.ts.
 *
 * Strict everywhere: an admin's typo (`nxt:`) must be an error, not a field the
 * engine silently ignores.
 */
import { z } from 'zod';
import type { FlowDef, StateDef } from '../engine/flow';
import { COMPARISON_OPS, MESSAGE_KEY_HINT, MESSAGE_KEY_RE, NAME_HINT, NAME_RE, VAR_PATH_HINT, VAR_PATH_RE } from './names';
import { closest } from './suggest';

/** What a flow file holds: everything but the version, which is computed. */
export type FlowFile = Omit<FlowDef, 'version'>;

/** A strict object whose error for an unknown field names it and suggests the nearest known one. */
function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? unknownFields(iss.keys, known) : undefined),
  });
}

function unknownFields(keys: readonly string[], known: readonly string[]): string {
  return keys
    .map((k) => {
      const near = closest(k, known);
      return `unknown field "${k}"` + (near ? ` (did you mean "${near}"?)` : ` (known: ${known.join(', ')})`);
    })
    .join('; ');
}

const name = (what: string) => z.string().regex(NAME_RE, `${what} must be ${NAME_HINT}`);
const flowId = name('a flow id');
const stateName = name('a state name');
const messageKey = z.string().regex(MESSAGE_KEY_RE, `must be ${MESSAGE_KEY_HINT}`);
const varPath = z.string().regex(VAR_PATH_RE, `must be ${VAR_PATH_HINT}`);

const messageRef = z.union(
  [messageKey, strict({ key: messageKey, params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })],
  { error: 'a message is a key string or { key, params }' },
);

const comparisonOps = strict({
  eq: z.unknown().optional(),
  ne: z.unknown().optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  gt: z.number().optional(),
  gte: z.number().optional(),
  in: z.array(z.unknown()).optional(),
  exists: z.boolean().optional(),
}).refine((c) => Object.keys(c).length > 0, {
  message: `a comparison needs one of ${COMPARISON_OPS.join(', ')}`,
  // An unknown operator (`gtt`) is already reported; "needs one of" on top of it would be noise.
  when: (payload) => payload.issues.length === 0,
});

const comparison = z.union([z.string(), z.number(), z.boolean(), z.null(), comparisonOps], {
  error: `a comparison is a value or { ${COMPARISON_OPS.join(' | ')}: ... }`,
});

const condition = z
  .record(varPath, comparison)
  .refine((c) => Object.keys(c).length > 0, 'an empty "when" always holds: leave it out for the default branch');

const choiceOption = strict({
  value: z.string().min(1, 'a choice value must not be empty'),
  label: messageKey,
  // Offered only when it holds (the languages an FAQ entry has): numbered among the options shown.
  when: condition.optional(),
});

const choiceList = z
  .array(choiceOption)
  .min(1, 'a choice needs at least one option')
  .superRefine((options, ctx) => {
    const seen = new Map<string, number>();
    options.forEach((o, i) => {
      const first = seen.get(o.value);
      if (first === undefined) seen.set(o.value, i);
      else ctx.addIssue({ code: 'custom', path: [i, 'value'], message: `duplicate choice value "${o.value}" (option ${first + 1} has it too)` });
    });
  });

const numberBounds = strict({
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional(),
  reading: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a reading such as spo2, days, age or temperature (words.json number_labels / number_units)').optional(),
  several: z.enum(['lowest', 'highest']).optional(),
}).superRefine((n, ctx) => {
  if (n.min !== undefined && n.max !== undefined && n.min > n.max) {
    ctx.addIssue({ code: 'custom', path: ['max'], message: `max (${n.max}) is below min (${n.min})` });
  }
});

const expectation = z.union(
  [
    z.enum(['yes_no', 'text', 'location'], { error: 'expect must be yes_no, text, location, { number: {...} } or { choice: [...] }' }),
    strict({ number: numberBounds }),
    strict({ choice: choiceList }),
  ],
  { error: 'expect must be yes_no, text, location, { number: {...} } or { choice: [...] }' },
);

const branch = strict({ when: condition.optional(), goto: stateName });

const next = z.union([stateName, z.array(branch).min(1, 'a branch list needs at least one branch')], {
  error: 'next must be a state name or a list of { when, goto } branches',
});

/** The ways a state can continue; a state has exactly one (a plain `next` counts when none is set). */
const WAYS = ['ask', 'do', 'call', 'goto_flow', 'end'] as const;
/** Fields that only make sense while a question waits for its answer. */
const ASK_ONLY = ['expect', 'save', 'skip', 'retries', 'invalid', 'fallback'] as const;

const state = strict({
  say: z.union([messageRef, z.array(messageRef).min(1, 'an empty "say" list says nothing: leave it out')], {
    error: 'say is a message or a list of messages',
  }).optional(),
  ask: messageRef.optional(),
  expect: expectation.optional(),
  save: varPath.optional(),
  skip: messageKey.optional(),
  retries: z.number().int('retries must be a whole number').min(0, 'retries must not be negative').optional(),
  invalid: messageKey.optional(),
  fallback: stateName.optional(),
  do: z.string().min(1, 'do must name an action').optional(),
  with: z.record(z.string(), z.unknown()).optional(),
  call: flowId.optional(),
  goto_flow: flowId.optional(),
  next: next.optional(),
  end: z.literal(true, { error: 'end must be true (leave it out otherwise)' }).optional(),
}).superRefine((s, ctx) => {
  const fail = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
  const ways = WAYS.filter((w) => s[w] !== undefined);
  const [way, second] = ways;
  if (second !== undefined) {
    fail(second, `a state continues in exactly one way, but this one has ${ways.map((w) => `"${w}"`).join(' and ')}`);
  }
  if (way === undefined && s.next === undefined) {
    ctx.addIssue({ code: 'custom', path: [], message: 'the state does not say how to continue: give it ask, do, call, goto_flow, end: true or next' });
  }
  if (second === undefined && (way === 'ask' || way === 'do' || way === 'call') && s.next === undefined) {
    fail(way, `needs "next" (where to go after ${way === 'ask' ? 'the answer' : way === 'do' ? 'the action' : 'the called flow ends'})`);
  }
  if ((way === 'goto_flow' || way === 'end') && s.next !== undefined) {
    fail('next', `not allowed with "${way === 'end' ? 'end: true' : way}": the flow is left here`);
  }
  if (s.ask !== undefined && s.expect === undefined) fail('ask', 'needs "expect" (the kind of answer to wait for)');
  for (const f of ASK_ONLY) if (s[f] !== undefined && s.ask === undefined) fail(f, 'only allowed with "ask"');
  if (s.with !== undefined && s.do === undefined) fail('with', 'only allowed with "do"');
});

export const flowFileSchema = strict({
  id: flowId,
  spec: z.literal(1, { error: 'spec must be 1 (the only flow format so far)' }),
  start: stateName,
  states: z
    .record(stateName, state)
    .refine((s) => Object.keys(s).length > 0, 'a flow needs at least one state'),
});

// The schema's output must be exactly what the engine reads; this fails to compile if they drift.
const _sameShape: (v: z.output<typeof flowFileSchema>) => FlowFile = (v) => v;
const _sameState: (v: z.output<typeof state>) => StateDef = (v) => v;
void _sameShape;
void _sameState;
