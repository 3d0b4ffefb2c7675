/** The Mermaid text names every transition; checked line by line, not by snapshot. */
import { join } from 'node:path';
import { toMermaid } from '../../src/flows/diagram';
import { loadFlowFile, parseFlowSource } from '../../src/flows/load';
import { goodDir } from './helpers';

describe('toMermaid', () => {
  it('draws states, branches with their conditions, and the ways out of the flow', () => {
    const { flow } = loadFlowFile(join(goodDir, 'helplines.yaml'));
    if (!flow) throw new Error('fixture does not parse');
    const lines = toMermaid(flow).split('\n');
    expect(lines[0]).toBe('stateDiagram-v2');
    expect(lines).toEqual(
      expect.arrayContaining([
        '  [*] --> region',
        '  region : ask helplines.ask.region',
        '  region --> show',
        '  show : do helplines.show',
        '  show --> bd_extra : profile.region = bd',
        '  show --> urgent : triage.level in emergency, hospital',
        '  show --> done : otherwise',
        '  urgent --> [*] : to main_menu',
        '  done --> [*]',
      ]),
    );
  });

  it('draws calls, fallbacks, and aliases states named like Mermaid keywords', () => {
    const { flow } = parseFlowSource(
      `id: d
spec: 1
start: q
states:
  q: { ask: demo.ask.age, expect: text, fallback: end, next: c }
  c: { call: triage, next: end }
  end: { say: demo.bye, end: true }
`,
      'd.yaml',
    );
    if (!flow) throw new Error('fixture does not parse');
    const lines = toMermaid(flow).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '  state "end" as s_end',
        '  q --> s_end : too many invalid answers',
        '  c : call triage',
        '  c --> s_end : after triage',
        '  s_end --> [*]',
      ]),
    );
  });
});
