/** The registry keeps every version it has seen; loadFlowDir loads and validates a folder. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlowDef } from '../../src/engine/flow';
import { FlowLoadError } from '../../src/flows/flow-error';
import { parseFlowSource } from '../../src/flows/load';
import { FlowRegistry, loadFlowDir, loadFlowDirOrThrow } from '../../src/flows/registry';
import { ctx, goodDir } from './helpers';

function def(say: string): FlowDef {
  const { flow } = parseFlowSource(`id: hello\nspec: 1\nstart: a\nstates:\n  a: { say: ${say}, end: true }\n`, 'hello.yaml');
  if (!flow) throw new Error('fixture does not parse');
  return flow;
}

describe('FlowRegistry', () => {
  it('finds each version, and the latest when none is asked for', () => {
    const registry = new FlowRegistry();
    const v1 = def('demo.hello');
    const v2 = def('demo.bye');
    registry.add(v1);
    registry.add(v2);
    expect(registry.get('hello', v1.version)).toBe(v1);
    expect(registry.get('hello', v2.version)).toBe(v2);
    expect(registry.get('hello')).toBe(v2);
    expect(registry.latest('hello')).toBe(v2);
    expect(registry.get('hello', 'nope')).toBeUndefined();
    expect(registry.get('other')).toBeUndefined();
    expect(registry.ids()).toEqual(['hello']);
    expect(registry.all()).toEqual([v1, v2]);
  });

  it('makes a re-added older version the latest again (a revert)', () => {
    const registry = new FlowRegistry();
    const v1 = def('demo.hello');
    const v2 = def('demo.bye');
    registry.add(v1);
    registry.add(v2);
    registry.add(def('demo.hello'));
    expect(registry.latest('hello')?.version).toBe(v1.version);
    expect(registry.all().map((f) => f.version)).toEqual([v2.version, v1.version]);
  });

  it('keeps an old version from the store without making it the latest', () => {
    const registry = new FlowRegistry();
    const current = def('demo.bye');
    const old = def('demo.hello');
    registry.add(current);
    registry.addOld(old);
    expect(registry.get('hello', old.version)).toBe(old);
    expect(registry.latest('hello')).toBe(current);
    registry.addOld(def('demo.bye'));
    expect(registry.latest('hello')).toBe(current);
    expect(registry.all()).toEqual([current, old]);
  });

  it('freezes what it holds: a version never changes under its hash', () => {
    const registry = new FlowRegistry();
    registry.add(def('demo.hello'));
    const flow = registry.latest('hello');
    expect(Object.isFrozen(flow)).toBe(true);
    expect(Object.isFrozen(flow?.states.a)).toBe(true);
  });
});

describe('loadFlowDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sahay-flows-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads every flow of a clean folder', () => {
    const { registry, errors } = loadFlowDir(goodDir, ctx);
    expect(errors).toEqual([]);
    expect(registry.ids()).toEqual(['helplines', 'main_menu', 'triage']);
    expect(loadFlowDirOrThrow(goodDir, ctx).ids()).toEqual(['helplines', 'main_menu', 'triage']);
  });

  it('keeps the clean flows, reports the broken file once and does not blame its callers', () => {
    writeFileSync(join(dir, 'caller.yaml'), 'id: caller\nspec: 1\nstart: a\nstates:\n  a: { call: broken, next: b }\n  b: { say: demo.bye, end: true }\n');
    writeFileSync(join(dir, 'broken.yaml'), 'id: broken\nspec: 1\nstart: a\nstates:\n  a: { say: demo.bye, end: true\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a flow');
    const { registry, errors } = loadFlowDir(dir, ctx);
    expect(registry.ids()).toEqual(['caller']);
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((e) => e.file))).toEqual(new Set([join(dir, 'broken.yaml')]));
  });

  it('loads .yml files as well as .yaml, and reports one id in both as a duplicate', () => {
    writeFileSync(join(dir, 'bye.yml'), 'id: bye\nspec: 1\nstart: a\nstates:\n  a: { say: demo.bye, end: true }\n');
    expect(loadFlowDir(dir, ctx)).toMatchObject({ errors: [] });
    expect(loadFlowDir(dir, ctx).registry.ids()).toEqual(['bye']);
    writeFileSync(join(dir, 'bye.yaml'), 'id: bye\nspec: 1\nstart: a\nstates:\n  a: { say: demo.bye, end: true }\n');
    expect(loadFlowDir(dir, ctx).errors.map((e) => e.message)).toEqual([expect.stringMatching(/flow id "bye" is also defined in/)]);
  });

  it('throws a FlowLoadError that lists every error, one per line', () => {
    writeFileSync(join(dir, 'x.yaml'), 'id: x\nspec: 1\nstart: a\nstates:\n  a: { say: demo.bye, nxt: a }\n');
    let thrown: unknown;
    try {
      loadFlowDirOrThrow(dir, ctx);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(FlowLoadError);
    const lines = (thrown as FlowLoadError).message.split('\n');
    expect(lines[0]).toBe('2 errors in flow definitions:');
    expect(lines).toContain(`${join(dir, 'x.yaml')}:5: state "a", field "nxt": unknown field "nxt" (did you mean "next"?)`);
    expect((thrown as FlowLoadError).errors).toHaveLength(2);
  });
});
