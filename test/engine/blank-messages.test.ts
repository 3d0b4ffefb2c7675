/**
 * An empty message (nothing, spaces, only invisible characters) answers no question: the question
 * is asked again and the try is not counted. Three stray sends went on without the days of fever.
 */
import type { Input } from '../../src/engine/input';
import { isBlank } from '../../src/engine/input';
import { converse, flow, makeEngine, said, text } from './harness';

const days = flow('days', {
  ask: { ask: 'days.ask', expect: { number: { min: 0, max: 60 } }, save: 'days', next: 'done', fallback: 'unknown' },
  unknown: { say: 'common.going_on_without', next: 'done' },
  done: { say: 'days.done', end: true },
});

describe('blank messages', () => {
  it.each<[Input, boolean]>([
    [text(''), true],
    [text('   '), true],
    [text('\u200d\u200c\ufeff'), true],
    [text('\n\t'), true],
    [text('\ufe0f'), true],
    [text('\u20e3 \u200b'), true],
    [text('?'), false],
    [text('3'), false],
    [{ kind: 'choice', payload: 'x' }, false],
  ])('isBlank(%j) is %s', (input, blank) => expect(isBlank(input)).toBe(blank));

  it('are asked again without being counted: five of them, then an answer, still answer the question', async () => {
    const { engine } = makeEngine([days]);
    const { turns, session } = await converse(engine, [text('start'), text(''), text('  '), text('\u200d'), text(''), text(' '), text('3')]);
    for (const turn of turns.slice(1, 6)) expect(said(turn.events)).toEqual(['common.invalid.number', 'days.ask']);
    expect(said(turns[6]!.events)).toEqual(['days.done']);
    expect(session.vars.days).toBe(3);
  });

  it('do not change how many unclear answers were counted before them', async () => {
    const { engine } = makeEngine([days]);
    const { turns } = await converse(engine, [text('start'), text('abc'), text(''), text('def'), text('ghi')]);
    // retries: 2 — the third unclear answer (the blank not counted) goes on without it.
    expect(said(turns[3]!.events)).toEqual(['common.invalid.number', 'days.ask']);
    expect(said(turns[4]!.events)).toEqual(['common.going_on_without', 'days.done']);
  });
});
