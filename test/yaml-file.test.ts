/**
 * YAML files parsed once per process for each text (src/yaml-file.ts, and flows/load.ts's
 * parseFlowSource, faq/starter.ts's readStarter): an edited file is read anew, and what one
 * caller changes in its value is not seen by the next.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFlowSource } from '../src/flows/load';
import { readYamlFile } from '../src/yaml-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sahay-yaml-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readYamlFile', () => {
  it('reads an edited file anew', () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'queues: [doctor]\n');
    expect(readYamlFile(file)).toEqual({ queues: ['doctor'] });
    writeFileSync(file, 'queues: [doctor, counsellor]\n');
    expect(readYamlFile(file)).toEqual({ queues: ['doctor', 'counsellor'] });
  });

  it('gives each caller its own copy', () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'queues: [doctor]\nhours: { from: 9 }\n');
    const first = readYamlFile(file) as { queues: string[]; hours: { from: number } };
    first.queues.push('changed');
    first.hours.from = 21;
    expect(readYamlFile(file)).toEqual({ queues: ['doctor'], hours: { from: 9 } });
  });

  it('throws for bad YAML every time, as yaml does', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'a: [1, 2\n');
    expect(() => readYamlFile(file)).toThrow();
    expect(() => readYamlFile(file)).toThrow();
  });
});

describe('parseFlowSource', () => {
  const source = 'id: tiny\nspec: 1\nstart: a\nstates:\n  a:\n    say: common.yes\n    end: true\n';

  it('gives each caller its own flow, the same each time', () => {
    const first = parseFlowSource(source, 'tiny.yaml');
    expect(first.errors).toEqual([]);
    (first.flow!.states as Record<string, unknown>).b = { end: true };
    first.errors.push({ file: 'tiny.yaml', message: 'pushed by a caller' });
    const second = parseFlowSource(source, 'tiny.yaml');
    expect(Object.keys(second.flow!.states)).toEqual(['a']);
    expect(second.errors).toEqual([]);
    expect(second.flow!.version).toBe(first.flow!.version);
  });

  it('names the file it was given in its errors, for the same text under another name', () => {
    const broken = 'id: tiny\nspec: 1\nstart: a\nstates: [\n';
    expect(parseFlowSource(broken, 'one.yaml').errors[0]).toMatchObject({ file: 'one.yaml' });
    expect(parseFlowSource(broken, 'two.yaml').errors[0]).toMatchObject({ file: 'two.yaml' });
  });
});
