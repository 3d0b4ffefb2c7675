/**
 * A bed request with its place that says who it is for ("I need a bed for my father in Kolkata",
 * "papa ke liye raipur me bed chahiye", "মায়ের জন্য হাওড়াতে অক্সিজেন বেড লাগবে") is read as the
 * menu reads a request for someone: who it is for is left out as a whole phrase, with the menu's
 * words (words.json `request_for`, src/i18n/request-words.ts), so every family word the menu knows
 * counts and a no stays a no. Those words come from the translator the interpreter is built on
 * (src/beds/menu-words.ts, src/core.ts), and the bed search reads a menu's bed request once.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { bedsActions } from '../../src/beds/actions';
import { loadBedsConfig } from '../../src/beds/config';
import { menuWordsOf } from '../../src/beds/menu-words';
import { BedsService } from '../../src/beds/service';
import { loadConfig } from '../../src/config';
import type { Event } from '../../src/engine/events';
import { getPath } from '../../src/engine/paths';
import type { Action } from '../../src/engine/services';
import { newSession, type Session } from '../../src/engine/session';
import { createInterpreter } from '../../src/i18n/interpreter';
import { words } from '../../src/i18n/normalize';
import { createTranslator, type Translator } from '../../src/i18n/translator';
import { silentLogger } from '../../src/log';
import { configDir, localesDir } from '../../src/paths';
import { runAction } from '../support/action-context';
import { chatPerTest, consented, toConsent } from '../support/chat-per-test';

const chat = chatPerTest();
const { run, t, session } = chat;
type Lang = 'bn' | 'hi' | 'en';

describe('a bed request for someone, with its place', () => {
  it.each<[string, Lang, string]>([
    ['I need a bed for my father in Kolkata', 'en', 'kolkata'],
    ['amar babar jonno kolkata te bed lagbe', 'bn', 'kolkata'],
    ['papa ke liye raipur me bed chahiye', 'hi', 'raipur'],
    // Family words the menu knows that the bed search kept no copy of.
    ['amar chheler jonno kolkata te bed lagbe', 'bn', 'kolkata'],
    ['meri beti ke liye raipur me bed chahiye', 'hi', 'raipur'],
    ['স্বামীর জন্য কলকাতায় বেড লাগবে', 'bn', 'kolkata'],
    ['I need a bed for my grandson in Howrah', 'en', 'howrah'],
  ])('"%s" (%s) at the menu: that place is searched, the kind asked', async (text, lang, place) => {
    expect(await run('u', [...consented(lang), text])).toEqual([t('beds.ask.kind', lang)]);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place });
  });

  it('"মায়ের জন্য হাওড়াতে অক্সিজেন বেড লাগবে": Howrah is searched for oxygen beds at once', async () => {
    const r = await run('u', [...consented('bn'), 'মায়ের জন্য হাওড়াতে অক্সিজেন বেড লাগবে']);
    expect(r.at(-1)).toBe(t('beds.ask.next', 'bn'));
    expect(r).not.toContain(t('beds.ask.how', 'bn'));
    expect(r).not.toContain(t('beds.ask.kind', 'bn'));
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place: 'howrah' });
    expect(getPath(await session('u'), 'beds.kind')).toBe('oxygen');
  });

  it('"meri beti ke liye raipur me bed chahiye" as a first message: after consent, Raipur is searched', async () => {
    expect(await run('u', ['meri beti ke liye raipur me bed chahiye', ...toConsent.hi])).toEqual([t('beds.ask.kind', 'hi')]);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place: 'raipur' });
  });

  it.each<[string, Lang]>([
    // News, not a request: a family word is no word of a request unless the phrase says for whom.
    ['my father got a bed in Kolkata', 'en'],
    ['my wife got an oxygen bed in Howrah', 'en'],
  ])('"%s" (%s): no bed request, nothing is searched', async (text, lang) => {
    const r = await run('u', [...consented(lang), text]);
    expect(r).not.toContain(t('beds.ask.kind', lang));
    expect(r).not.toContain(t('beds.ask.next', lang));
    expect(getPath(await session('u'), 'beds.target') ?? null).toBeNull();
  });

  it.each<[string, Lang]>([
    ['bed nahi chahiye papa ke liye kolkata mein', 'hi'],
    ['no bed for my father in Kolkata', 'en'],
    ['babar jonno kolkata te bed lagbe na', 'bn'],
  ])('"%s" (%s): a no stays a no, nothing is searched', async (text, lang) => {
    const r = await run('u', [...consented(lang), text]);
    expect(r).not.toContain(t('beds.ask.kind', lang));
    expect(r).not.toContain(t('beds.ask.how', lang));
    expect(getPath(await session('u'), 'beds.target') ?? null).toBeNull();
    expect(getPath(await session('u'), 'beds.place_stated') ?? null).toBeNull();
  });
});

describe('a bed request for someone named by a pronoun, with its place', () => {
  // The menu reads a pronoun with its tie as the person ("for her", "uske liye", "তার জন্য":
  // words.json `request_for.pronoun`); the bed search reads the request with the same reader, so
  // the place is kept, and the pronoun is never searched for as a place.
  it.each<[string, Lang, string]>([
    ['I need a bed for her in Kolkata', 'en', 'kolkata'],
    ['uske liye kolkata mein bed chahiye', 'hi', 'kolkata'],
    ['তার জন্য কলকাতায় একটা বেড লাগবে', 'bn', 'kolkata'],
    ['unke liye raipur mein bed chahiye', 'hi', 'raipur'],
    ['उनके लिए रायपुर में बेड चाहिए', 'hi', 'raipur'],
    ['onar jonno kolkata te bed lagbe', 'bn', 'kolkata'],
    ['ওনার জন্য হাওড়াতে বেড লাগবে', 'bn', 'howrah'],
    ['bed for him in Howrah', 'en', 'howrah'],
  ])('"%s" (%s) at the menu: that place is searched, the kind asked', async (text, lang, place) => {
    expect(await run('u', [...consented(lang), text])).toEqual([t('beds.ask.kind', lang)]);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place });
  });

  it.each<[string, Lang, string]>([
    ['I need a bed for her in Kolkata', 'en', 'kolkata'],
    ['uske liye kolkata mein bed chahiye', 'hi', 'kolkata'],
    ['তার জন্য কলকাতায় একটা বেড লাগবে', 'bn', 'kolkata'],
    ['unke liye raipur mein bed chahiye', 'hi', 'raipur'],
  ])('"%s" (%s) as a first message: after consent, that place is searched', async (text, lang, place) => {
    expect(await run('u', [text, ...toConsent[lang]])).toEqual([t('beds.ask.kind', lang)]);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place });
  });

  it('"I need a bed for her in 700020": the PIN code is searched', async () => {
    expect(await run('u', [...consented('en'), 'I need a bed for her in 700020'])).toEqual([t('beds.ask.kind', 'en')]);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'pincode', pincode: '700020' });
  });

  it('"is there a bed for her in Kolkata?" gets what "is there a bed in Kolkata?" gets: Kolkata is searched', async () => {
    expect(await run('a', [...consented('en'), 'is there a bed in Kolkata?'])).toEqual([t('beds.ask.kind', 'en')]);
    expect(await run('u', [...consented('en'), 'is there a bed for her in Kolkata?'])).toEqual([t('beds.ask.kind', 'en')]);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place: 'kolkata' });
  });

  it.each<[string, Lang]>([
    ['no bed for her in Kolkata', 'en'],
    ['uske liye kolkata mein bed nahi chahiye', 'hi'],
    ['তার জন্য কলকাতায় বেড লাগবে না', 'bn'],
  ])('"%s" (%s): a no stays a no, nothing is searched', async (text, lang) => {
    expect(await run('u', [...consented(lang), text])).toEqual([t('common.invalid.choice', lang), t('menu.ask', lang)]);
    expect(getPath(await session('u'), 'beds.target') ?? null).toBeNull();
    expect(getPath(await session('u'), 'beds.place_stated') ?? null).toBeNull();
  });

  it('"her bed in Kolkata is free": news, not a search', async () => {
    expect(await run('u', [...consented('en'), 'her bed in Kolkata is free'])).toEqual([t('common.invalid.choice', 'en'), t('menu.ask', 'en')]);
    expect(getPath(await session('u'), 'beds.target') ?? null).toBeNull();
  });
});

describe("words.yaml keeps no copy of the menu's request words", () => {
  it('what stays is still checked: a problem names the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahay-words-'));
    try {
      cpSync(join(configDir, 'beds'), join(dir, 'beds'), { recursive: true });
      writeFileSync(join(dir, 'beds', 'words.yaml'), 'request_words:\n  - pabo\n  - ""\nplace_ties: mein\n');
      const problems: string[] = [];
      expect(loadBedsConfig(dir, { staleHours: 24, nearbyKm: 25 }, problems)).toBeUndefined();
      expect(problems).toHaveLength(2);
      expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/words\.yaml: request_words\.1: /), expect.stringMatching(/words\.yaml: place_ties: /)]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('its request_words hold no word of words.json `request_words` nor `request_for` (ties, possessives, family words)', () => {
    const own = (parse(readFileSync(join(configDir, 'beds', 'words.yaml'), 'utf8')) as { request_words: string[] }).request_words;
    const menu = menuWordsOf(createTranslator(localesDir));
    const held = new Set(
      [...menu.requestWords.flatMap((w) => words(w)), ...menu.forWhom.ties.flat(), ...menu.forWhom.possessive, ...menu.forWhom.kin].flatMap((w) => words(w)),
    );
    expect(own.filter((w) => words(w).some((x) => held.has(x)))).toEqual([]);
  });
});

/** The beds actions with the words of `translator`, as src/core.ts builds them; no store: nothing is listed. */
function notePlaceOn(translator: Translator) {
  const config = loadConfig({ DATA_DIR: join(tmpdir(), 'sahay-for-whom-unused') });
  const beds = new BedsService({ config, now: () => 0, newId: () => 'x', log: silentLogger });
  const actions = new Map(bedsActions(beds, menuWordsOf(translator)));
  const interpret = createInterpreter(translator);
  return async (text: string, turns = 1): Promise<Session> => {
    const session: Session = { ...newSession(), turns };
    await runAction(actions.get('beds.note_place') as Action, { session, interpret, actions, input: { kind: 'text', text } });
    return session;
  };
}

describe("the bed search reads a request with the words of the interpreter's translator", () => {
  let dir: string;
  let theirs: Translator;
  beforeAll(() => {
    // Other locales: one more tie of a place ("beside") and one more family word ("chachu").
    dir = mkdtempSync(join(tmpdir(), 'sahay-locales-'));
    cpSync(localesDir, dir, { recursive: true });
    const file = join(dir, 'en', 'words.json');
    const en = JSON.parse(readFileSync(file, 'utf8')) as { place_lead: string[]; request_for: { kin: string[] } };
    en.place_lead.push('beside');
    en.request_for.kin.push('chachu');
    writeFileSync(file, JSON.stringify(en));
    theirs = createTranslator(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('"I need a bed for my chachu in Kolkata" names Kolkata with those words, and no place with the shipped ones', async () => {
    const text = 'I need a bed for my chachu in Kolkata';
    const s = await notePlaceOn(theirs)(text);
    expect(getPath(s, 'beds.requested')).toBe(true);
    expect(getPath(s, 'beds.place_stated')).toEqual({ by: 'district', place: 'kolkata' });
    expect(getPath(await notePlaceOn(createTranslator(localesDir))(text), 'beds.place_stated') ?? null).toBeNull();
  });

  it('"need a bed beside Atlantis" is a bed request whose place is asked with those words (a tie), and none with the shipped ones', async () => {
    const text = 'need a bed beside Atlantis';
    const s = await notePlaceOn(theirs)(text);
    expect(getPath(s, 'beds.requested')).toBe(true);
    expect(getPath(s, 'beds.place_stated')).toBeNull();
    expect(getPath(await notePlaceOn(createTranslator(localesDir))(text), 'beds.requested')).toBe(false);
  });
});

describe('a bed request at the menu is read once', () => {
  /** The var_changed events of one turn at the menu (the engine's own record of what the turn did). */
  async function menuTurn(lang: Lang, text: string) {
    await run('u', consented(lang));
    return chat.tc.core.engine.resume(await session('u'), { kind: 'text', text });
  }
  const changes = (events: readonly Event[], path: string) => events.filter((e) => e.type === 'var_changed' && e.path === path);

  it.each<[string, Lang, string]>([
    ['I need a bed in Kolkata', 'en', 'kolkata'],
    ['papa ke liye raipur me bed chahiye', 'hi', 'raipur'],
  ])('"%s": noted once (the menu), not again by the bed search; the kind is asked for that place', async (text, lang, place) => {
    const { session: after, events } = await menuTurn(lang, text);
    expect(changes(events, 'beds.requested')).toHaveLength(1);
    // Noted once; the search then takes it (null): "search again" asks the place.
    expect(changes(events, 'beds.place_stated').map((e) => (e.type === 'var_changed' ? e.value : undefined))).toEqual([{ by: 'district', place }, null]);
    expect(events.flatMap((e) => (e.type === 'msg_created' ? [e.msg.key] : []))).toEqual(['beds.ask.kind']);
    expect(getPath(after, 'beds.target')).toEqual({ by: 'district', place });
  });

  it('"2" at the menu: the bed search still reads the message that started it (once), and asks how to search', async () => {
    const { events } = await menuTurn('en', '2');
    expect(changes(events, 'beds.requested')).toEqual([{ type: 'var_changed', path: 'beds.requested', value: false }]);
    expect(events.flatMap((e) => (e.type === 'msg_created' ? [e.msg.key] : []))).toEqual(['beds.ask.how']);
  });

  it('a later turn is read afresh: another request names another place', async () => {
    await run('u', [...consented('en'), 'I need a bed in Kolkata', '1']);
    expect(await run('u', ['2', 'bed chahiye raipur'])).toEqual([t('beds.ask.kind', 'en')]);
    expect(getPath(await session('u'), 'beds.target')).toEqual({ by: 'district', place: 'raipur' });
  });
});
