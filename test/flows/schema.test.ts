/** The schema through parseFlowSource: shapes, names, and which fields may go together in a state. */
import { parseFlowDefinition, parseFlowSource } from '../../src/flows/load';

/** A flow with start `a` and the given states block (indented by two spaces); states begin on line 5. */
const flow = (states: string) => `id: t\nspec: 1\nstart: a\nstates:\n${states}`;
const errorsOf = (source: string) => parseFlowSource(source, 't.yaml').errors;
const one = (source: string) => {
  const errors = errorsOf(source);
  expect(errors).toHaveLength(1);
  return errors[0];
};

describe('flow file schema', () => {
  it('parses a good flow into a FlowDef with a version', () => {
    const { flow: def, errors } = parseFlowSource(
      flow(`  a:
    ask: { key: t.ask.age, params: { min: 0 } }
    expect: { number: { min: 0, max: 120, integer: true } }
    save: profile.age
    skip: t.skip
    retries: 1
    invalid: t.invalid
    fallback: b
    next: [ { when: { profile.age: { gte: 60 } }, goto: b }, { goto: b } ]
  b: { say: [t.bye, { key: t.bye2 }], end: true }
`),
      't.yaml',
    );
    expect(errors).toEqual([]);
    expect(def).toEqual({
      id: 't',
      spec: 1,
      start: 'a',
      version: expect.stringMatching(/^[0-9a-f]{12}$/),
      states: {
        a: {
          ask: { key: 't.ask.age', params: { min: 0 } },
          expect: { number: { min: 0, max: 120, integer: true } },
          save: 'profile.age',
          skip: 't.skip',
          retries: 1,
          invalid: 't.invalid',
          fallback: 'b',
          next: [{ when: { 'profile.age': { gte: 60 } }, goto: 'b' }, { goto: 'b' }],
        },
        b: { say: ['t.bye', { key: 't.bye2' }], end: true },
      },
    });
  });

  it.each([
    ['do without next', '  a: { do: x.y }\n', 'a', 'do', /needs "next"/],
    ['call without next', '  a: { call: other }\n', 'a', 'call', /needs "next"/],
    ['goto_flow with next', '  a: { goto_flow: other, next: a }\n', 'a', 'next', /not allowed with "goto_flow"/],
    ['end with next', '  a: { say: t.x, end: true, next: a }\n', 'a', 'next', /not allowed with "end: true"/],
    ['two ways to continue', '  a: { do: x.y, goto_flow: other }\n', 'a', 'goto_flow', /exactly one way, but this one has "do" and "goto_flow"/],
    ['no way to continue', '  a: { say: t.x }\n', 'a', undefined, /does not say how to continue/],
    ['expect without ask', '  a: { say: t.x, expect: yes_no, next: a }\n', 'a', 'expect', /only allowed with "ask"/],
    ['save without ask', '  a: { say: t.x, save: x, next: a }\n', 'a', 'save', /only allowed with "ask"/],
    ['skip without ask', '  a: { say: t.x, skip: t.skip, next: a }\n', 'a', 'skip', /only allowed with "ask"/],
    ['retries without ask', '  a: { say: t.x, retries: 2, next: a }\n', 'a', 'retries', /only allowed with "ask"/],
    ['invalid without ask', '  a: { say: t.x, invalid: t.inv, next: a }\n', 'a', 'invalid', /only allowed with "ask"/],
    ['fallback without ask', '  a: { say: t.x, fallback: a, next: a }\n', 'a', 'fallback', /only allowed with "ask"/],
    ['with without do', '  a: { say: t.x, with: { x: 1 }, next: a }\n', 'a', 'with', /only allowed with "do"/],
    ['a bad state name', '  Bad-name: { say: t.x, end: true }\n', 'Bad-name', undefined, /state name must be lowercase/],
    ['a bad message key', '  a: { say: hello, end: true }\n', 'a', 'say', /dotted message key/],
    ['a bad save path', '  a: { ask: t.x, expect: text, save: a..b, next: a }\n', 'a', 'save', /dotted path/],
    ['min above max', '  a: { ask: t.x, expect: { number: { min: 5, max: 2 } }, next: a }\n', 'a', 'expect.number.max', /max \(2\) is below min \(5\)/],
    ['an unknown expect', '  a: { ask: t.x, expect: yes_noo, next: a }\n', 'a', 'expect', /expect must be yes_no, text, location/],
    ['a bad choice option', '  a: { ask: t.x, expect: { choice: [ { value: 1, label: t.one } ] }, next: a }\n', 'a', 'expect.choice[0].value', /expected a string, got number 1/],
    ['an unknown comparison', '  a: { say: t.x, next: [ { when: { x: { gtt: 1 } }, goto: a }, { goto: a } ] }\n', 'a', 'next[0].when.x.gtt', /unknown field "gtt" \(did you mean "gt"\?\)/],
    ['a bad when path', '  a: { say: t.x, next: [ { when: { "a-b": 1 }, goto: a }, { goto: a } ] }\n', 'a', 'next[0].when.a-b', /dotted path/],
    ['an empty when', '  a: { say: t.x, next: [ { when: {}, goto: a } ] }\n', 'a', 'next[0].when', /empty "when"/],
    ['end: false', '  a: { say: t.x, end: false }\n', 'a', 'end', /end must be true/],
    ['a negative retries', '  a: { ask: t.x, expect: text, retries: -1, next: a }\n', 'a', 'retries', /must not be negative/],
  ])('rejects %s', (_what, states, state, field, message) => {
    const e = one(flow(states));
    expect(e).toMatchObject({ file: 't.yaml', flow: 't', line: 5 });
    expect(e?.state).toBe(state);
    expect(e?.field).toBe(field);
    expect(e?.message).toMatch(message);
  });

  it('rejects bad flow-level fields with their line', () => {
    expect(one('id: Triage\nspec: 1\nstart: a\nstates:\n  a: { say: t.x, end: true }\n')).toMatchObject({ field: 'id', line: 1 });
    expect(one('id: t\nspec: 2\nstart: a\nstates:\n  a: { say: t.x, end: true }\n')).toMatchObject({
      field: 'spec',
      line: 2,
      message: expect.stringMatching(/spec must be 1/),
    });
    expect(one('id: t\nspec: 1\nstates:\n  a: { say: t.x, end: true }\n')).toMatchObject({ field: 'start', message: 'required' });
    expect(one('id: t\nspec: 1\nstart: a\nstates: {}\n')).toMatchObject({ field: 'states', line: 4, message: expect.stringMatching(/at least one state/) });
    expect(one('id: t\nspec: 1\nstart: a\nstate: {}\nstates:\n  a: { say: t.x, end: true }\n')).toMatchObject({
      field: 'state',
      line: 4,
      message: 'unknown field "state" (did you mean "states"?)',
    });
  });

  it('gives the line of a field deep in a block mapping', () => {
    const e = one(flow(`  a:
    ask: t.ask
    expect:
      choice:
        - value: one
          label: t.one
        - value: two
          labl: t.two
    next: a
`));
    expect(e).toMatchObject({ state: 'a', field: 'expect.choice[1].labl', line: 12 });
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(errorsOf('id: t\nspec: 1\nstart: a\nstart: b\n')).toEqual([{ file: 't.yaml', line: 4, message: 'YAML: Map keys must be unique' }]);
    const [bracket] = errorsOf('id: t\nspec: 1\nstart: a\nstates:\n  a: { say: [t.x, end: true }\n');
    expect(bracket).toMatchObject({ file: 't.yaml', line: 5, message: expect.stringMatching(/^YAML: /) });
  });

  it('reports an alias used before its anchor, and too many aliases, with the line, rather than throwing', () => {
    // yaml reports these from toJS() by throwing, not in the document's errors.
    expect(errorsOf('id: t\nspec: 1\nstart: *first\nstates:\n  a: &first { say: t.x, end: true }\n')).toEqual([
      { file: 't.yaml', line: 3, message: 'YAML: Unresolved alias (the anchor must be set before the alias): first' },
    ]);
    const bomb = ['id: t', 'a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    expect(errorsOf(bomb)).toEqual([{ file: 't.yaml', line: 3, message: expect.stringMatching(/^YAML: Excessive alias count/) }]);
    expect(parseFlowSource('id: broken\nstart: *nope\n', 'b.yaml').id).toBe('broken');
    // YAML 1.1 merge keys take only mappings: a scalar merged is the document's error too.
    expect(errorsOf('%YAML 1.1\n---\nid: t\nx: &n 1\ny:\n  <<: *n\n')).toEqual([{ file: 't.yaml', line: 6, message: expect.stringMatching(/^YAML: Merge sources must be/) }]);
  });

  it('reports an empty file', () => {
    expect(errorsOf('# nothing yet\n')).toEqual([{ file: 't.yaml', line: 1, message: 'the file is empty' }]);
  });

  it('reads the id of a broken file, so that flows calling it are not blamed too', () => {
    expect(parseFlowSource('id: broken # yes\nspec: 1\nstates: [\n', 'b.yaml').id).toBe('broken');
    expect(parseFlowSource('id: broken\nspec: 3\n', 'b.yaml').id).toBe('broken');
  });

  it('checks a definition that is already a value (admin API), without lines', () => {
    const { flow: def, errors } = parseFlowDefinition({ id: 't', spec: 1, start: 'a', states: { a: { say: 't.x', nxt: 'a' } } }, 'admin:t');
    expect(def).toBeUndefined();
    expect(errors).toContainEqual({ file: 'admin:t', flow: 't', state: 'a', field: 'nxt', message: 'unknown field "nxt" (did you mean "next"?)' });
  });
});
