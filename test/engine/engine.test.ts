import type { Event } from '../../src/engine/events';
import { newSession } from '../../src/engine/session';
import { EngineError } from '../../src/engine/errors';
import { MAX_STEPS_LIMIT } from '../../src/engine/engine';
import { converse, flow, makeEngine, said, text } from './harness';

const ofType = <T extends Event['type']>(events: Event[], type: T) => events.filter((e): e is Extract<Event, { type: T }> => e.type === type);

const menu = flow('menu', {
  ask: {
    ask: 'menu.ask',
    expect: { choice: [{ value: 'spo2', label: 'menu.option.spo2' }, { value: 'bye', label: 'menu.option.bye' }] },
    save: 'menu.choice',
    next: [{ when: { 'menu.choice': 'spo2' }, goto: 'measure' }, { goto: 'bye' }],
  },
  measure: { call: 'spo2', next: 'ask' },
  bye: { say: 'menu.bye', end: true },
});

const spo2 = flow('spo2', {
  q: { ask: 'spo2.ask', expect: { number: { min: 50, max: 100 } }, skip: 'spo2.no_oximeter', save: 'vitals.spo2', next: 'judge' },
  judge: {
    next: [
      { when: { 'vitals.spo2': null }, goto: 'unknown' },
      { when: { 'vitals.spo2': { lt: 90 } }, goto: 'low' },
      { when: { 'vitals.spo2': { gte: 90, lt: 94 } }, goto: 'borderline' },
      { goto: 'fine' },
    ],
  },
  unknown: { say: 'spo2.unknown', end: true },
  low: { say: { key: 'spo2.low', params: { value: '$vitals.spo2' } }, end: true },
  borderline: { say: 'spo2.borderline', end: true },
  fine: { say: 'spo2.fine', end: true },
});

const language = flow('language', {
  choose: { ask: 'language.ask', expect: { choice: [{ value: 'bn', label: 'common.lang.bn' }, { value: 'en', label: 'common.lang.en' }] }, save: 'lang', next: 'done' },
  done: { say: 'language.changed', end: true },
});

const commands = { menu: { goto_flow: 'menu' }, language: { call: 'language' } } as const;

describe('engine: asking, saving and deciding', () => {
  it('asks with choices, saves the answer, follows the first branch that holds, and calls and returns from another flow', async () => {
    const { engine } = makeEngine([menu, spo2]);
    const { turns, session } = await converse(engine, [text('hello'), text('1'), text('89'), text('bye')]);
    expect(said(turns[0]!.events)).toEqual(['menu.ask[spo2,bye]']);
    expect(said(turns[1]!.events)).toEqual(['spo2.ask[skip]']);
    expect(said(turns[2]!.events)).toEqual(['spo2.low', 'menu.ask[spo2,bye]']);
    expect(ofType(turns[2]!.events, 'msg_created')[0]!.msg.params).toEqual({ value: 89 });
    expect(said(turns[3]!.events)).toEqual(['menu.bye']);
    expect(session.vars).toEqual({ menu: { choice: 'bye' }, vitals: { spo2: 89 } });
    expect(session.stack).toEqual([]);
    expect(session.turns).toBe(4);
  });

  it.each([
    ['90', 'spo2.borderline'],
    ['93', 'spo2.borderline'],
    ['94', 'spo2.fine'],
    ['100', 'spo2.fine'],
    ['skip', 'spo2.unknown'],
  ])('SpO2 %s → %s', async (answer, key) => {
    const { engine } = makeEngine([spo2]);
    const { turns } = await converse(engine, [text('hi'), text(answer)]);
    expect(said(turns[1]!.events)[0]).toBe(key);
  });

  it('re-asks an out-of-range number with its range, then leaves a skippable question unanswered after the retries run out', async () => {
    const { engine } = makeEngine([menu, spo2], { retries: 1 });
    const { turns, session } = await converse(engine, [text('hi'), text('1'), text('150'), text('abc')]);
    expect(said(turns[2]!.events)).toEqual(['common.invalid.out_of_range', 'spo2.ask[skip]']);
    expect(ofType(turns[2]!.events, 'msg_created')[0]!.msg.params).toEqual({ min: 50, max: 100 });
    expect(ofType(turns[2]!.events, 'input_rejected')[0]).toMatchObject({ reason: 'out_of_range', retries: 1 });
    // Second invalid answer: retries exhausted → the question is skipped (saved as null) and the
    // flow goes on, rather than the whole flow being given up for the menu.
    expect(said(turns[3]!.events)).toEqual(['common.going_on_without', 'spo2.unknown', 'menu.ask[spo2,bye]']);
    expect(session.vars.vitals).toEqual({ spo2: null });
    expect(session.stack.map((f) => f.flow)).toEqual(['menu']);
  });

  it('falls back to the menu flow when a question that cannot be skipped runs out of retries', async () => {
    const age = flow('age', { q: { ask: 'age.ask', expect: { number: { min: 0, max: 120 } }, save: 'age', next: 'done' }, done: { say: 'age.thanks', end: true } });
    const { engine } = makeEngine([menu, age], { retries: 1, entryFlow: 'age' });
    const { turns, session } = await converse(engine, [text('hi'), text('abc'), text('no')]);
    expect(said(turns[2]!.events)).toEqual(['common.not_understood', 'menu.ask[spo2,bye]']);
    expect(session.vars.age).toBeUndefined();
    expect(session.stack.map((f) => f.flow)).toEqual(['menu']);
  });

  // Every language's "no" (na, নেই, नहीं) is the interpreter's, tested with the real one in
  // test/transcripts/welcome-bn-first-symptom-kept.yaml.
  it('reads a plain "no" at a skippable reading or location question as the skip', async () => {
    const where = flow('where', { q: { ask: 'where.ask', expect: 'location', skip: 'where.type_it', save: 'loc', next: 'done' }, done: { say: 'where.done', end: true } });
    for (const answer of ['no', 'N']) {
      const reading = await converse(makeEngine([spo2]).engine, [text('hi'), text(answer)]);
      expect({ answer, said: said(reading.turns[1]!.events), spo2: reading.session.vars.vitals }).toEqual({ answer, said: ['spo2.unknown'], spo2: { spo2: null } });
      const place = await converse(makeEngine([where]).engine, [text('hi'), text(answer)]);
      expect({ answer, said: said(place.turns[1]!.events), loc: place.session.vars.loc }).toEqual({ answer, said: ['where.done'], loc: null });
    }
    // Not at a question that offers no skip: there "no" is not a number.
    const age = flow('age', { q: { ask: 'age.ask', expect: { number: { min: 0, max: 120 } }, save: 'age', next: 'done' }, done: { end: true } });
    const { turns } = await converse(makeEngine([age]).engine, [text('hi'), text('no')]);
    expect(said(turns[1]!.events)).toEqual(['common.invalid.number', 'age.ask']);
    // A number still wins: "0" is a reading out of range, not a "no".
    const zero = await converse(makeEngine([spo2]).engine, [text('hi'), text('0')]);
    expect(said(zero.turns[1]!.events)).toEqual(['common.invalid.out_of_range', 'spo2.ask[skip]']);
  });

  it('goes to the state named by `fallback` when the answers keep failing', async () => {
    const f = flow('f', {
      q: { ask: 'f.q', expect: 'yes_no', retries: 0, fallback: 'human', next: 'done' },
      human: { say: 'f.human', end: true },
      done: { say: 'f.done', end: true },
    });
    const { engine } = makeEngine([f]);
    const { turns } = await converse(engine, [text('x'), text('maybe')]);
    expect(said(turns[1]!.events)).toEqual(['f.human']);
  });

  it('answers a sticker or voice note politely and asks again', async () => {
    const { engine } = makeEngine([spo2]);
    const { turns } = await converse(engine, [text('hi'), { kind: 'media', mediaType: 'audio', ref: 'voice:1' }]);
    expect(said(turns[1]!.events)).toEqual(['common.unsupported_media', 'spo2.ask[skip]']);
    expect(ofType(turns[1]!.events, 'input_rejected')[0]!.reason).toBe('unsupported_media');
  });

  it('accepts yes/no by number, button and word, and a location only as a location', async () => {
    const f = flow('f', {
      q: { ask: 'f.q', expect: 'yes_no', save: 'a', next: 'where' },
      where: { ask: 'f.where', expect: 'location', save: 'loc', next: 'done' },
      done: { end: true },
    });
    const { engine } = makeEngine([f]);
    for (const [answer, value] of [['1', true], ['2', false], ['yes', true], ['N', false]] as const) {
      const { session } = await converse(engine, [text('x'), text(answer)]);
      expect(session.vars.a).toBe(value);
    }
    const { turns, session } = await converse(engine, [text('x'), text('yes'), text('Kolkata'), { kind: 'location', lat: 22.57, lng: 88.36 }]);
    expect(said(turns[2]!.events)).toEqual(['common.invalid.location', 'f.where']);
    expect(session.vars.loc).toEqual({ lat: 22.57, lng: 88.36 });
  });

  it('compares with in, ne, exists and gte', async () => {
    const f = flow('f', {
      q: { ask: 'f.q', expect: { number: {} }, save: 'n', next: 'd' },
      d: {
        next: [
          { when: { n: { in: [1, 2] } }, goto: 'small' },
          { when: { n: { ne: 3, gte: 10 }, missing: { exists: false } }, goto: 'big' },
          { goto: 'other' },
        ],
      },
      small: { say: 'f.small', end: true },
      big: { say: 'f.big', end: true },
      other: { say: 'f.other', end: true },
    });
    const { engine } = makeEngine([f]);
    const said1 = async (n: string) => said((await converse(engine, [text('x'), text(n)])).turns[1]!.events);
    expect(await said1('2')).toEqual(['f.small']);
    expect(await said1('12')).toEqual(['f.big']);
    expect(await said1('3')).toEqual(['f.other']);
  });
});

describe('engine: global words, languages and versions', () => {
  it('a `call` command interrupts a question and asks it again afterwards, in the new language', async () => {
    const { engine } = makeEngine([menu, spo2, language], { commands });
    const { turns, session } = await converse(engine, [text('hi'), text('1'), text('language'), text('bn')]);
    expect(said(turns[2]!.events)).toEqual(['language.ask[bn,en]']);
    expect(ofType(turns[2]!.events, 'command_received')[0]!.command).toBe('language');
    expect(said(turns[3]!.events)).toEqual(['language.changed', 'spo2.ask[skip]']);
    expect(ofType(turns[3]!.events, 'language_changed')).toEqual([{ type: 'language_changed', lang: 'bn', how: 'chosen' }]);
    expect(session.lang).toBe('bn');
    expect(session.stack.map((f) => f.flow)).toEqual(['menu', 'spo2']);
  });

  it('a `goto_flow` command leaves every running flow', async () => {
    const { engine } = makeEngine([menu, spo2, language], { commands });
    const { turns, session } = await converse(engine, [text('hi'), text('1'), text('MENU')]);
    expect(ofType(turns[2]!.events, 'flow_exited').map((e) => [e.flow, e.how])).toEqual([
      ['spo2', 'left'],
      ['menu', 'left'],
    ]);
    expect(said(turns[2]!.events)).toEqual(['menu.ask[spo2,bye]']);
    expect(session.stack.map((f) => f.flow)).toEqual(['menu']);
  });

  it('starts the home flow when a message arrives and no flow is running', async () => {
    const { engine } = makeEngine([menu, spo2]);
    const { turns } = await converse(engine, [text('hi'), text('2'), text('again')]);
    expect(said(turns[1]!.events)).toEqual(['menu.bye']);
    expect(said(turns[2]!.events)).toEqual(['menu.ask[spo2,bye]']);
  });

  it('detects the language from the first message with the built-in language.detect action', async () => {
    const f = flow('f', { d: { do: 'language.detect', next: 'q' }, q: { ask: 'f.q', expect: 'text', save: 't', next: 'e' }, e: { end: true } });
    const { engine } = makeEngine([f]);
    const bn = await engine.start(newSession(), text('আমার জ্বর'));
    expect(bn.session.lang).toBe('bn');
    expect(bn.session.vars.language_confident).toBe(true);
    const en = await engine.start(newSession(), text('I have fever'));
    expect(en.session.lang).toBe('en');
    expect(en.session.vars.language_confident).toBe(false);
  });

  it('keeps a running conversation on the flow version it started on', async () => {
    const v1 = flow('f', { q: { ask: 'f.q', expect: 'yes_no', next: 'old' }, old: { say: 'f.old', end: true } }, 'q', 'v1');
    const v2 = flow('f', { q: { ask: 'f.q', expect: 'yes_no', next: 'new' }, new: { say: 'f.new', end: true } }, 'q', 'v2');
    const { engine, byId } = makeEngine([v1]);
    const first = await engine.start(newSession(), text('x'));
    byId.set('f', [v1, v2]); // an admin publishes v2 while the patient is answering
    const second = await engine.resume(first.session, text('yes'));
    expect(said(second.events)).toEqual(['f.old']);
    const fresh = await engine.start(newSession(), text('x'));
    expect(fresh.session.stack[0]!.version).toBe('v2');
  });

  it('never changes the session it was given', async () => {
    const { engine } = makeEngine([menu, spo2]);
    const start = await engine.start(newSession(), text('hi'));
    const frozen = JSON.stringify(start.session);
    await engine.resume(start.session, text('1'));
    expect(JSON.stringify(start.session)).toBe(frozen);
  });

  it('writes nested values without changing any object of the session it was given, and shares only what it did not write', async () => {
    const f = flow('f', {
      a: { do: 'write', next: 'q' },
      q: { ask: 'f.q', expect: { number: { min: 0, max: 200 } }, save: 'vitals.pulse', next: 'e' },
      e: { end: true },
    });
    const { engine } = makeEngine([f], {}, {
      write: (ctx) => {
        ctx.set('vitals.spo2', 91);
        ctx.set('vitals.deep.level', 'high');
        ctx.set('profile', 'replaced');
      },
    });
    const given = newSession();
    given.stack.push({ flow: 'f', version: 'v1', state: 'q', waiting: { retries: 1 } });
    given.vars = { vitals: { spo2: 97, deep: { level: 'low', keep: [1, 2] } }, profile: { city: 'Raipur' }, other: { untouched: true } };
    const before = structuredClone(given);
    const { vitals, other } = given.vars as { vitals: { deep: object }; other: object };
    const deep = vitals.deep;
    Object.freeze(other);

    // Resume on the question (saves vitals.pulse), then a turn whose action writes under vitals.deep.
    const first = await engine.resume(given, text('72'));
    expect(given).toEqual(before);
    expect(first.session.vars).toEqual({ ...before.vars, vitals: { ...before.vars.vitals as object, pulse: 72 } });
    expect(first.session.stack).toEqual([]);
    expect(first.session.vars.other).toBe(other);
    expect((first.session.vars.vitals as { deep: object }).deep).toBe(deep);

    const second = await engine.start(given, text('x'));
    expect(given).toEqual(before);
    expect(given.vars.vitals).toBe(vitals);
    expect(vitals.deep).toBe(deep);
    expect(second.session.vars).toEqual({
      vitals: { spo2: 91, deep: { level: 'high', keep: [1, 2] } },
      profile: 'replaced',
      other: { untouched: true },
    });
    expect(second.session.stack).toEqual([{ flow: 'f', version: 'v1', state: 'q', waiting: { retries: 1 } }, { flow: 'f', version: 'v1', state: 'q', waiting: { retries: 0 } }]);
    expect(second.session.turns).toBe(1);
    // The stack is the turn's own; values the turn did not write are shared, not copied.
    expect(second.session.stack).not.toBe(given.stack);
    expect(second.session.stack[0]).not.toBe(given.stack[0]);
    expect(second.session.vars.other).toBe(other);
    expect((second.session.vars.vitals as { deep: { keep: unknown } }).deep.keep).toBe((deep as { keep: unknown }).keep);

    // A third turn writes on the output of the second: the second's session is left as it was too.
    const after2 = structuredClone(second.session);
    await engine.resume(second.session, text('80'));
    expect(second.session).toEqual(after2);
  });
});

describe('engine: content errors become failure events, never crashes', () => {
  const home = flow('home', { q: { ask: 'home.q', expect: 'text', next: 'e' }, e: { end: true } });

  it('stops a runaway loop at the step limit', async () => {
    const loop = flow('loop', { a: { say: 'loop.a', next: 'b' }, b: { next: 'a' } });
    const { engine } = makeEngine([loop, home], { maxSteps: 10, fallbackFlow: 'home', homeFlow: 'home' });
    const { events, session } = await engine.start(newSession(), text('x'));
    expect(ofType(events, 'failure')[0]).toMatchObject({ code: 'step_limit', flow: 'loop' });
    expect(said(events).slice(-2)).toEqual(['common.error', 'home.q']);
    expect(session.stack.map((f) => f.flow)).toEqual(['home']);
  });

  it('stops a loop of actions at the largest step limit allowed, not with a stack overflow', async () => {
    // Each state runs a synchronous action: the turn's steps call each other without a pause.
    const loop = flow('loop', { a: { do: 'count', next: 'b' }, b: { next: 'a' } });
    let runs = 0;
    const { engine } = makeEngine([loop, home], { maxSteps: MAX_STEPS_LIMIT, fallbackFlow: 'home', homeFlow: 'home' }, { count: () => void runs++ });
    const { events } = await engine.start(newSession(), text('x'));
    expect(ofType(events, 'failure')[0]).toMatchObject({ code: 'step_limit', flow: 'loop' });
    expect(runs).toBe(MAX_STEPS_LIMIT / 2);
    expect(() => makeEngine([loop, home], { maxSteps: MAX_STEPS_LIMIT + 1 })).toThrow(`maxSteps from 1 to ${MAX_STEPS_LIMIT}`);
  });

  it('reports an unknown action, a failing action and a missing state', async () => {
    const bad = flow('bad', {
      a: { ask: 'bad.q', expect: { choice: [{ value: 'x', label: 'bad.x' }, { value: 'y', label: 'bad.y' }, { value: 'z', label: 'bad.z' }] }, save: 'c', next: [{ when: { c: 'x' }, goto: 'nope' }, { when: { c: 'y' }, goto: 'boom' }, { goto: 'ghost' }] },
      nope: { do: 'no.such.action', next: 'a' },
      boom: { do: 'boom', next: 'a' },
    });
    const { engine } = makeEngine([bad, home], { fallbackFlow: 'home', homeFlow: 'home' }, { boom: () => { throw new Error('kaput'); } });
    for (const [answer, code] of [['x', 'unknown_action'], ['y', 'action_failed'], ['z', 'unknown_state']] as const) {
      const { turns } = await converse(engine, [text('x'), text(answer)]);
      expect(ofType(turns[1]!.events, 'failure')[0]!.code).toBe(code);
      expect(said(turns[1]!.events)).toEqual(['common.error', 'home.q']);
    }
  });

  it('waits for an asynchronous action, and reports one that fails or leads nowhere as a synchronous one', async () => {
    const f = flow('f', {
      a: { ask: 'f.q', expect: { choice: [{ value: 'ok', label: 'f.ok' }, { value: 'bad', label: 'f.bad' }, { value: 'lost', label: 'f.lost' }] }, save: 'c', next: 'work' },
      work: { do: 'slow', next: [{ when: { c: 'lost' }, goto: 'ghost' }, { goto: 'done' }] },
      done: { say: { key: 'f.done', params: { n: '$n' } }, end: true },
    });
    const { engine } = makeEngine([f, home], { fallbackFlow: 'home', homeFlow: 'home' }, {
      slow: async (ctx) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (ctx.session.vars.c === 'bad') throw new Error('kaput later');
        ctx.set('n', 7);
      },
    });
    const ok = await converse(engine, [text('x'), text('ok')]);
    expect(said(ok.turns[1]!.events)).toEqual(['f.done']);
    expect(ofType(ok.turns[1]!.events, 'msg_created')[0]!.msg.params).toEqual({ n: 7 });
    for (const [answer, code] of [['bad', 'action_failed'], ['lost', 'unknown_state']] as const) {
      const { turns } = await converse(engine, [text('x'), text(answer)]);
      expect(ofType(turns[1]!.events, 'failure')[0]).toMatchObject({ code, flow: 'f' });
      expect(said(turns[1]!.events)).toEqual(['common.error', 'home.q']);
    }
  });

  it('lets actions set values and say things', async () => {
    const f = flow('f', { a: { do: 'greet', with: { name: '$profile.city', fixed: 3 }, next: 'e' }, e: { end: true } });
    const { engine } = makeEngine([f], {}, {
      greet: (ctx) => {
        ctx.set('seen', ctx.args);
        ctx.emit({ type: 'msg_created', msg: { key: 'f.hello', params: { n: 1 } } });
      },
    });
    const session = newSession();
    session.vars.profile = { city: 'Raipur' };
    const { events, session: after } = await engine.start(session, text('x'));
    expect(after.vars.seen).toEqual({ name: 'Raipur', fixed: 3 });
    expect(said(events)).toEqual(['f.hello']);
    expect(ofType(events, 'var_changed')).toEqual([{ type: 'var_changed', path: 'seen', value: { name: 'Raipur', fixed: 3 } }]);
  });

  it("hands an action a frozen flow's own arguments when none is read from the session, and a copy when one is", async () => {
    const fixed = Object.freeze({ list: 'symptoms' });
    const read = Object.freeze({ list: '$profile.list' });
    const f = flow('f', { a: { do: 'look', with: fixed, next: 'b' }, b: { do: 'look', with: read, next: 'c' }, c: { do: 'look', next: 'e' }, e: { end: true } });
    const seen: Array<Record<string, unknown>> = [];
    const { engine } = makeEngine([f], {}, { look: (ctx) => void seen.push(ctx.args) });
    const session = newSession();
    session.vars.profile = { list: 'conditions' };
    await engine.start(session, text('x'));
    await engine.start(session, text('x'));
    expect(seen[0]).toBe(fixed);
    expect(seen[1]).toEqual({ list: 'conditions' });
    expect(read).toEqual({ list: '$profile.list' });
    // No `with:`: no arguments, the same empty object at every action, which no action can change.
    expect(seen[2]).toEqual({});
    expect(Object.isFrozen(seen[2])).toBe(true);
    expect(seen[3]).toBe(fixed);
  });

  it('refuses to be built with an entry flow that does not exist (a caller error)', () => {
    expect(() => makeEngine([home], { entryFlow: 'nowhere' })).toThrow(EngineError);
  });
});
