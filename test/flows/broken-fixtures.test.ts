/**
 * One fixture per kind of broken flow: each must be caught, and the error must
 * name the file, the state, the field and the line an author has to fix.
 */
import { join } from 'node:path';
import type { FlowError } from '../../src/flows/flow-error';
import { loadFlowFile } from '../../src/flows/load';
import { validateFlows } from '../../src/flows/validate';
import { brokenDir, ctx } from './helpers';

/** Parse, then validate on its own (the good flows' ids count as known, as `sahay flows check` does). */
function check(name: string): FlowError[] {
  const file = join(brokenDir, name);
  const parsed = loadFlowFile(file);
  if (!parsed.flow) return parsed.errors;
  const extraFlowIds = new Set(['main_menu', 'helplines', 'triage']);
  return validateFlows([{ file, flow: parsed.flow, locate: parsed.locate }], { ...ctx, extraFlowIds });
}

interface Case {
  fixture: string;
  state?: string;
  field?: string;
  line: number;
  message: RegExp;
}

const cases: Case[] = [
  { fixture: 'syntax-error.yaml', line: 6, message: /^YAML: / },
  { fixture: 'typo-field.yaml', state: 'hello', field: 'nxt', line: 7, message: /unknown field "nxt" \(did you mean "next"\?\)/ },
  { fixture: 'ask-without-expect.yaml', state: 'age', field: 'ask', line: 6, message: /needs "expect"/ },
  { fixture: 'unknown-target.yaml', state: 'spo2', field: 'next[0].goto', line: 11, message: /unknown state "asess" \(did you mean "assess"\?\)/ },
  { fixture: 'unknown-flow.yaml', state: 'check', field: 'call', line: 6, message: /unknown flow "triag" \(did you mean "triage"\?\)/ },
  { fixture: 'unreachable.yaml', state: 'orphan', line: 11, message: /unreachable/ },
  { fixture: 'unregistered-action.yaml', state: 'search', field: 'do', line: 6, message: /unknown action "demo.serch"/ },
  { fixture: 'missing-key.yaml', state: 'hello', field: 'say[1].key', line: 8, message: /"demo.only_bn_en" is missing in hi$/ },
  { fixture: 'loop-without-ask.yaml', state: 'check', field: 'next', line: 7, message: /loop without an ask: check → wait → check/ },
  { fixture: 'no-default-branch.yaml', state: 'age', field: 'next[1]', line: 12, message: /last branch has a "when"/ },
  { fixture: 'duplicate-choice.yaml', state: 'region', field: 'expect.choice[1].value', line: 10, message: /duplicate choice value "bd"/ },
];

describe('broken flow fixtures', () => {
  it.each(cases)('$fixture', ({ fixture, state, field, line, message }) => {
    const errors = check(fixture);
    const match = errors.find((e) => message.test(e.message));
    expect(match).toBeDefined();
    expect(match).toMatchObject({ file: join(brokenDir, fixture), line });
    expect(match?.state).toBe(state);
    expect(match?.field).toBe(field);
  });

  it('reports a key missing in one language once, for that language only', () => {
    const errors = check('missing-key.yaml');
    expect(errors.map((e) => e.message)).toEqual(['message key "demo.only_bn_en" is missing in hi']);
  });

  it('names the flow in every error once the id is known', () => {
    for (const { fixture } of cases.filter((c) => c.fixture !== 'syntax-error.yaml')) {
      for (const e of check(fixture)) expect(e.flow).toBe(fixture.replace('.yaml', '').replace(/-/g, '_'));
    }
  });
});
