/** `sahay flows check`: exit codes, one line per error, a summary. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runFlowsCheck, type FlowsCheckDeps } from '../../src/cli/flows-check';
import { ctx, brokenDir, goodDir } from './helpers';

const cwd = join(__dirname, '..', '..');
const rel = (p: string) => relative(cwd, p);

function run(files: string[], defaultDir = goodDir) {
  const out: string[] = [];
  const err: string[] = [];
  const deps: FlowsCheckDeps = { ...ctx, out: (l) => out.push(l), err: (l) => err.push(l), defaultDir, cwd };
  const code = runFlowsCheck(files, deps);
  return { code, out, err };
}

describe('runFlowsCheck', () => {
  it('checks the default folder when no file is given: 0 and a summary when clean', () => {
    expect(run([])).toEqual({ code: 0, out: ['3 flow files checked: no errors'], err: [] });
  });

  it('checks one file on its own, resolving calls against the default folder', () => {
    // triage's goto_flow names helplines, which is only in the default folder.
    expect(run([rel(join(goodDir, 'triage.yaml'))])).toEqual({ code: 0, out: ['1 flow file checked: no errors'], err: [] });
  });

  it('checks every file of a folder given on the command line', () => {
    expect(run([rel(goodDir)]).code).toBe(0);
  });

  it('returns 1 and prints one line per error, then a summary', () => {
    const file = rel(join(brokenDir, 'unknown-target.yaml'));
    expect(run([file])).toEqual({
      code: 1,
      out: [],
      err: [`${file}:11: state "spo2", field "next[0].goto": unknown state "asess" (did you mean "assess"?)`, '1 error in 1 of 1 flow file'],
    });
  });

  it('names the file as the user wrote it, also for YAML errors', () => {
    const file = rel(join(brokenDir, 'syntax-error.yaml'));
    const { code, err } = run([file]);
    expect(code).toBe(1);
    expect(err[0]).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:6: YAML: `));
  });

  it('reports an unknown flow in a call, with a suggestion from the default folder', () => {
    const file = rel(join(brokenDir, 'unknown-flow.yaml'));
    const { code, err } = run([file]);
    expect(code).toBe(1);
    expect(err[0]).toBe(`${file}:6: state "check", field "call": unknown flow "triag" (did you mean "triage"?)`);
  });

  it('checks the given files as a set: a duplicate id across them is an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahay-check-'));
    try {
      const copy = join(dir, 'triage-copy.yaml');
      copyFileSync(join(goodDir, 'triage.yaml'), copy);
      const a = rel(join(goodDir, 'triage.yaml'));
      const { code, err } = run([a, copy]);
      expect(code).toBe(1);
      expect(err).toContain(`${copy}:1: field "id": flow id "triage" is also defined in ${a}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks a file named twice once', () => {
    const a = rel(join(goodDir, 'triage.yaml'));
    expect(run([a, join(cwd, a)])).toEqual({ code: 0, out: ['1 flow file checked: no errors'], err: [] });
  });

  it('returns 2 for a file that does not exist, and still checks the others', () => {
    const broken = rel(join(brokenDir, 'unregistered-action.yaml'));
    const { code, err } = run(['flows/nope.yaml', broken]);
    expect(code).toBe(2);
    expect(err[0]).toBe('flows/nope.yaml: file not found');
    expect(err).toContain(`${broken}:6: state "search", field "do": unknown action "demo.serch"`);
    expect(err[err.length - 1]).toBe('2 errors in 2 of 2 flow files');
  });

  it('returns 2 when there is no file and no default folder', () => {
    expect(run([], join(cwd, 'test', 'fixtures', 'flows', 'missing'))).toEqual({
      code: 2,
      out: [],
      err: ['test/fixtures/flows/missing: flow folder not found'],
    });
  });

  it('checks the .yml files of a folder too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahay-check-yml-'));
    try {
      copyFileSync(join(goodDir, 'triage.yaml'), join(dir, 'triage.yml'));
      expect(run([dir])).toEqual({ code: 0, out: ['1 flow file checked: no errors'], err: [] });
      // A problem in it is found: it was not skipped.
      writeFileSync(join(dir, 'triage.yml'), readFileSync(join(goodDir, 'triage.yaml'), 'utf8').replace(/^start: .*$/m, 'start: nowhere'));
      expect(run([dir]).code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('returns 2 for a folder with no flow files in it, never "0 flow files checked"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahay-check-empty-'));
    try {
      writeFileSync(join(dir, 'triage.txt'), 'id: triage');
      expect(run([dir])).toEqual({ code: 2, out: [], err: [`${dir}: no flow files (*.yaml or *.yml) in this folder`] });
      expect(run([], dir)).toEqual({ code: 2, out: [], err: [`${dir}: no flow files (*.yaml or *.yml) in this folder`] });
      // With other files to check, the empty folder still fails the run.
      expect(run([dir, rel(join(goodDir, 'triage.yaml'))]).code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds every broken fixture broken', () => {
    const { code, err } = run([rel(brokenDir)]);
    expect(code).toBe(1);
    const files = new Set(err.slice(0, -1).map((l) => l.split(':')[0]));
    expect(files.size).toBe(11);
  });
});
