/**
 * A session that names a flow version this process does not hold (another process
 * on the same store published it, and the conversation started on it there): the
 * engine has the flow source fetch it before the turn, and the conversation goes on
 * on its own version (DESIGN: a conversation keeps the version it started on). The
 * latest version runs only when the version is stored nowhere. A version held in
 * memory is never fetched.
 */
import { Engine } from '../../src/engine/engine';
import type { FlowDef } from '../../src/engine/flow';
import { newSession, type Session } from '../../src/engine/session';
import type { EngineOptions, Services } from '../../src/engine/services';
import { FlowRegistry } from '../../src/flows/registry';
import { flow, literalInterpreter, said, text } from './harness';

// v1 asks for a name at `q`; v2 (published elsewhere) renamed it `name` and asks at `q` for a city.
const v1 = flow('intake', { q: { ask: 'intake.ask_name', expect: 'text', save: 'name', next: 'bye' }, bye: { say: 'intake.bye', end: true } }, 'q', 'v1');
const v2 = flow(
  'intake',
  {
    name: { ask: 'intake.ask_name', expect: 'text', save: 'name', next: 'q' },
    q: { ask: 'intake.ask_city', expect: 'text', save: 'city', next: 'bye' },
    bye: { say: 'intake.bye_v2', end: true },
  },
  'name',
  'v2',
);

const options: EngineOptions = { entryFlow: 'intake', homeFlow: 'intake', fallbackFlow: 'intake', commands: {}, retries: 2, maxSteps: 100 };

function setUp(stored: FlowDef[], fetch?: (id: string, version: string) => Promise<FlowDef | undefined>) {
  const registry = new FlowRegistry();
  registry.add(v1);
  const fetched: string[] = [];
  registry.loadFrom(
    fetch ??
      (async (id, version) => {
        fetched.push(`${id}@${version}`);
        return stored.find((f) => f.id === id && f.version === version);
      }),
  );
  const services: Services = { now: () => 0, flows: registry, interpret: literalInterpreter, actions: new Map() };
  return { engine: new Engine(services, options), registry, fetched };
}

/** Waiting at `state` of `intake@version`, as the other process stored it. */
function waitingAt(version: string, state: string): Session {
  return { ...newSession(), stack: [{ flow: 'intake', version, state, waiting: { retries: 0 } }], turns: 1 };
}

it('fetches the version the session names before the turn, and goes on on it', async () => {
  const { engine, registry, fetched } = setUp([v2]);
  const { session, events } = await engine.resume(waitingAt('v2', 'name'), text('Rina'));
  expect(events.filter((e) => e.type === 'failure')).toEqual([]);
  expect(said(events)).toEqual(['intake.ask_city']);
  expect(session.stack).toEqual([{ flow: 'intake', version: 'v2', state: 'q', waiting: { retries: 0 } }]);
  expect(fetched).toEqual(['intake@v2']);
  // Kept for the conversation, not made the latest: new conversations here still start on v1.
  expect(registry.get('intake', 'v2')?.start).toBe('name');
  expect(registry.latest('intake')?.version).toBe('v1');

  // The next turn finds it in memory: no second fetch.
  const next = await engine.resume(session, text('Kolkata'));
  expect(said(next.events)).toEqual(['intake.bye_v2']);
  expect(fetched).toEqual(['intake@v2']);
});

it('does not run a state of the same name from another version (v1 `q` asks a name, v2 `q` a city)', async () => {
  const { engine } = setUp([v2]);
  const { session, events } = await engine.resume(waitingAt('v2', 'q'), text('Kolkata'));
  expect(said(events)).toEqual(['intake.bye_v2']);
  expect(session.vars).toEqual({ city: 'Kolkata' });
});

it('never fetches a version held in memory', async () => {
  const { engine, fetched } = setUp([v2]);
  await engine.resume(waitingAt('v1', 'q'), text('Rina'));
  await engine.start(newSession(), text('hello'));
  expect(fetched).toEqual([]);
});

it('fetches one version once for turns that wait for it together', async () => {
  const { engine, fetched } = setUp([v2]);
  const results = await Promise.all([engine.resume(waitingAt('v2', 'name'), text('Rina')), engine.resume(waitingAt('v2', 'name'), text('Asha'))]);
  expect(results.map((r) => said(r.events))).toEqual([['intake.ask_city'], ['intake.ask_city']]);
  expect(fetched).toEqual(['intake@v2']);
});

it('goes on with the latest version only when the version is stored nowhere, and does not ask the store again every turn', async () => {
  const { engine, fetched } = setUp([]);
  const first = await engine.resume(waitingAt('v9', 'q'), text('Rina'));
  expect(said(first.events)).toEqual(['intake.bye']);
  await engine.resume(waitingAt('v9', 'q'), text('Asha'));
  expect(fetched).toEqual(['intake@v9']);
});

it('asks again on a later turn when the store could not be read', async () => {
  let calls = 0;
  const { engine, registry } = setUp([], async () => {
    calls++;
    if (calls === 1) throw new Error('store down');
    return v2;
  });
  const first = await engine.resume(waitingAt('v2', 'name'), text('Rina'));
  // This turn can only run what is held (v1 has no `name`: the patient is told and sent back).
  expect(first.events.some((e) => e.type === 'failure')).toBe(true);
  const second = await engine.resume(waitingAt('v2', 'name'), text('Rina'));
  expect(said(second.events)).toEqual(['intake.ask_city']);
  expect(registry.get('intake', 'v2')).toBeDefined();
  expect(calls).toBe(2);
});
