/**
 * The engine reads a message's text one way (src/engine/input.ts `textOf`): a caption is
 * the same words typed, for global words as for answers. A global word naming the flow
 * already on top starts it again instead of stacking a copy, and a question that the
 * called flow answered is not asked again. `language.detect` never lets a guess from
 * Latin letters replace a language the conversation already has.
 */
import type { Event } from '../../src/engine/events';
import { textOf, type Input } from '../../src/engine/input';
import { newSession, type Session } from '../../src/engine/session';
import { converse, flow, makeEngine, said, text } from './harness';

const photo = (caption?: string): Input => ({ kind: 'media', mediaType: 'image', ref: 'f1', ...(caption === undefined ? {} : { caption }) });
const commandsOf = (events: Event[]) => events.flatMap((e) => (e.type === 'command_received' ? [e.command] : []));

const home = flow('home', {
  q: { ask: 'home.q', expect: { choice: [{ value: 'lang', label: 'home.option.lang' }] }, save: 'home.choice', next: 'lang' },
  lang: { call: 'language', next: 'q' },
});
const language = flow('language', {
  choose: { ask: 'language.ask', expect: { choice: [{ value: 'bn', label: 'common.lang.bn' }, { value: 'en', label: 'common.lang.en' }] }, save: 'lang', next: 'done' },
  done: { say: 'language.changed', end: true },
});
const welcome = flow('welcome', {
  detect: { do: 'language.detect', next: [{ when: { language_confident: true }, goto: 'consent' }, { goto: 'choose' }] },
  choose: { ask: 'welcome.ask.language', expect: { choice: [{ value: 'bn', label: 'common.lang.bn' }, { value: 'en', label: 'common.lang.en' }] }, save: 'lang', next: 'consent' },
  consent: { ask: 'welcome.ask.consent', expect: 'yes_no', save: 'consent', next: 'done' },
  done: { end: true },
});
const commands = { menu: { goto_flow: 'home' }, language: { call: 'language' } } as const;

describe('textOf: the text a message carries', () => {
  it.each<[Input, string | null]>([
    [{ kind: 'text', text: 'menu' }, 'menu'],
    [{ kind: 'choice', payload: 'bn', text: 'বাংলা' }, 'bn'],
    [photo("I can't breathe"), "I can't breathe"],
    [photo(''), null],
    [photo(), null],
    [{ kind: 'location', lat: 22.57, lng: 88.36 }, null],
    [{ kind: 'contact', phone: '+919800000000' }, null],
    [{ kind: 'unsupported', what: 'poll' }, null],
  ])('%j → %j', (input, expected) => {
    expect(textOf(input)).toBe(expected);
  });
});

describe('a caption is read as the same words typed', () => {
  it('a global word in a caption runs the command, as typed', async () => {
    const { engine } = makeEngine([home, language], { commands });
    const typed = await converse(engine, [text('hi'), text('language')]);
    const captioned = await converse(engine, [text('hi'), photo('language')]);
    expect(commandsOf(captioned.turns[1]!.events)).toEqual(['language']);
    expect(said(captioned.turns[1]!.events)).toEqual(said(typed.turns[1]!.events));
    expect(said(captioned.turns[1]!.events)).toEqual(['language.ask[bn,en]']);
  });

  it('a photo without a caption is still answered as media', async () => {
    const { engine } = makeEngine([home, language], { commands });
    const { turns } = await converse(engine, [text('hi'), photo()]);
    expect(commandsOf(turns[1]!.events)).toEqual([]);
    expect(said(turns[1]!.events)).toEqual(['common.unsupported_media', 'home.q[lang]']);
  });
});

describe('a `call` word for the flow already on top', () => {
  it('starts it again: one question, one confirmation, then back to the caller', async () => {
    const { engine } = makeEngine([home, language], { commands });
    const { turns, session } = await converse(engine, [text('hi'), text('1'), text('language'), text('en')]);
    expect(said(turns[2]!.events)).toEqual(['language.ask[bn,en]']);
    expect(turns[2]!.session.stack.map((f) => f.flow)).toEqual(['home', 'language']);
    expect(turns[2]!.events.filter((e) => e.type === 'flow_exited' || e.type === 'flow_entered').map((e) => e.type)).toEqual(['flow_exited', 'flow_entered']);
    expect(said(turns[3]!.events)).toEqual(['language.changed', 'home.q[lang]']);
    expect(session.stack.map((f) => f.flow)).toEqual(['home']);
  });

  it('a question the called flow answered is not asked again: the caller goes on', async () => {
    const { engine } = makeEngine([welcome, language], { commands });
    const { turns, session } = await converse(engine, [text('hello'), text('language'), text('bn')]);
    expect(said(turns[0]!.events)).toEqual(['welcome.ask.language[bn,en]']);
    expect(said(turns[2]!.events)).toEqual(['language.changed', 'welcome.ask.consent[yes,no]']);
    expect(session.lang).toBe('bn');
    expect(session.stack).toEqual([{ flow: 'welcome', version: 'v1', state: 'consent', waiting: { retries: 0 } }]);
  });

  it('a question the called flow did not answer is asked again', async () => {
    const { engine } = makeEngine([welcome, language], { commands });
    const { turns } = await converse(engine, [text('আমার জ্বর'), text('language'), text('en')]);
    expect(said(turns[2]!.events)).toEqual(['language.changed', 'welcome.ask.consent[yes,no]']);
  });
});

describe('language.detect keeps a language the conversation knows, not one it guessed', () => {
  const detect = flow('d', { d: { do: 'language.detect', next: 'q' }, q: { ask: 'd.q', expect: 'text', save: 't', next: 'e' }, e: { end: true } });
  /** `known`: the language was certain from its script or chosen (language_confident true), else a guess. */
  const start = (lang: Session['lang'], known: boolean, input: Input) =>
    makeEngine([detect]).engine.start({ ...newSession(), lang, vars: lang === null ? {} : { language_confident: known } }, input);

  it.each<[Session['lang'], boolean, Input, Session['lang'], boolean]>([
    [null, false, text('hello'), 'en', false],
    [null, false, text('👍'), 'en', false],
    [null, false, text('আমার জ্বর'), 'bn', true],
    ['bn', true, text('menu'), 'bn', true],
    ['hi', true, text('start'), 'hi', true],
    ['en', true, text('yes'), 'en', true],
    ['bn', true, photo('my report'), 'bn', true],
    ['bn', true, { kind: 'choice', payload: 'en' }, 'bn', true],
    ['bn', true, text('२'), 'bn', true],
    ['bn', true, text('मेनू'), 'hi', true],
    ['en', true, photo('আমার জ্বর'), 'bn', true],
    // A guess stays a guess: still asked, in the language guessed first.
    ['hi', false, text('menu'), 'hi', false],
    ['en', false, text('👍'), 'en', false],
    // ...until a script says for certain.
    ['en', false, text('আমার জ্বর'), 'bn', true],
  ])('had %j (known %j), got %j → %j (confident %j)', async (had, known, input, lang, confident) => {
    const { session, events } = await start(had, known, input);
    expect(session.lang).toBe(lang);
    expect(session.vars.language_confident).toBe(confident);
    expect(events.some((e) => e.type === 'language_changed')).toBe(lang !== had);
  });
});
