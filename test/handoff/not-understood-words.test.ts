/**
 * What the patient is told when the bot gives up on their answers (src/engine/engine.ts
 * `giveUp`, then flows/handoff_fallback.yaml): the first time the menu follows, the second time
 * a person. The words said before both must be true of both: "Sorry, I did not understand.
 * Let's go back to the menu." was followed, the second time, by a person being asked to help —
 * who then apologised a second time.
 */
import type { Language } from '../../src/engine/flow';
import { handoffTestPerTest } from './support';

// Kolkata 15:30: every desk open.
const t = handoffTestPerTest(10);

const MENU_WORD: Record<Language, RegExp> = { en: /menu/i, bn: /মেনু/, hi: /मेनू/ };
const SORRY: Record<Language, RegExp> = { en: /sorry/i, bn: /দুঃখিত/, hi: /माफ़/ };
const unclear = ['xqzv', 'qwrtp', 'zzkv'];

describe.each(['en', 'bn', 'hi'] as Language[])('unclear answers run out, in %s', (lang) => {
  it('promises no menu when a person, not the menu, comes next', async () => {
    await t.toMenu('jon', lang);
    const first: string[] = [];
    for (const n of unclear) first.push(...(await t.texts('jon', n)));
    // The first time: the apology, then the menu itself.
    expect(first.slice(-2)).toEqual([t.tr('common.not_understood', lang), t.tr('menu.ask', lang)]);

    const second: string[] = [];
    for (const n of unclear) second.push(...(await t.texts('jon', n)));
    const apology = second.indexOf(t.tr('common.not_understood', lang));
    expect(apology).toBeGreaterThanOrEqual(0);
    const after = second.slice(apology);
    // The second time: a person is asked for, and nothing said then speaks of the menu.
    expect(after[1]).toBe(t.tr('handoff.requested_not_understood', lang, { queue: t.tr('handoff.queue.general', lang) }));
    expect(after).not.toContain(t.tr('menu.ask', lang));
    for (const text of after) expect(text).not.toMatch(MENU_WORD[lang]);
    // And the apology is said once: the person's message does not begin with another.
    expect(after[1]).not.toMatch(SORRY[lang]);
    expect(await t.onlyTicket()).toMatchObject({ queue: 'general', reason: 'not_understood', state: 'waiting' });
  });
});
