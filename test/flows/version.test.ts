/** A version is a content hash: same definition, same version; any change, a new one. */
import { parseFlowSource } from '../../src/flows/load';
import { canonicalJson, flowVersion } from '../../src/flows/version';

const source = `id: v
spec: 1
start: a
states:
  a:
    ask: demo.ask.age
    expect: { number: { min: 0, max: 120 } }
    next: b
  b: { say: demo.bye, end: true }
`;

const versionOf = (src: string) => {
  const { flow, errors } = parseFlowSource(src, 'v.yaml');
  expect(errors).toEqual([]);
  return flow?.version;
};

describe('flow versions', () => {
  it('is 12 hex characters, the same every time for the same content', () => {
    const v = versionOf(source);
    expect(v).toMatch(/^[0-9a-f]{12}$/);
    expect(versionOf(source)).toBe(v);
  });

  it('ignores comments, layout and key order', () => {
    const reordered = `# the same flow, written differently
states:
  b:
    end: true
    say: demo.bye
  a: { next: b, expect: { number: { max: 120, min: 0 } }, ask: demo.ask.age }   # inline now
start: a
spec: 1
id: v
`;
    expect(versionOf(reordered)).toBe(versionOf(source));
  });

  it('changes with the content', () => {
    expect(versionOf(source.replace('max: 120', 'max: 110'))).not.toBe(versionOf(source));
  });

  it('does not depend on a version already present', () => {
    const { flow } = parseFlowSource(source, 'v.yaml');
    if (!flow) throw new Error('expected a flow');
    expect(flowVersion({ ...flow, version: 'something else' } as never)).toBe(flow.version);
  });

  it('writes canonical JSON with sorted keys and without undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });
});
