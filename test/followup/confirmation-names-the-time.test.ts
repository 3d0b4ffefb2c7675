/**
 * Problem 1 (patient tester): "Done. I will message you every day at that time." named no time.
 * The confirmation now names the slot's hour as the patient knows it, in the time of their
 * region ("every day at 9 am, Saudi Arabia time"), in each language; and the words for the hours
 * and zones are kept in step with config/followup.yaml (`slots`, `time_zones`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Language } from '../../src/engine/flow';
import { loadFollowupConfig } from '../../src/followup/config';
import { confirmationMessage, REGIONS_WITH_ZONE_NAME } from '../../src/followup/confirmation';
import { SLOTS } from '../../src/followup/slots';
import { toAsciiDigits } from '../../src/i18n/digits';
import { createTranslator } from '../../src/i18n/translator';
import { projectRoot } from '../../src/paths';
import { renderRef } from '../../src/router/render';
import { coreForEachTest, type RestartableCore } from './harness';

const LANGS: Language[] = ['en', 'hi', 'bn'];
const translator = createTranslator(join(projectRoot, 'locales'));
const problems: string[] = [];
const config = loadFollowupConfig(join(projectRoot, 'config'), problems)!;

/** The way to the check-in offer: a mild illness at home isolation, in each language. */
const TO_OFFER: Record<Language, string[]> = {
  en: ['I need help', 'English', 'yes', '1', 'no', 'a mild fever and a headache', 'yes', '2', '98', '34', 'no', '0', '4', 'yes'],
  hi: ['नमस्ते जी', 'हाँ', '1', 'नहीं', 'बुखार और खाँसी', 'हाँ', '३', '97', '58', 'कोई बीमारी नहीं', '1'],
  bn: ['নমস্কার', 'হ্যাঁ', '1', 'না', 'জ্বর', 'হ্যাঁ', '২', '৯৮', '৩৪', 'না', '০', '৪', 'হ্যাঁ'],
};

describe('the check-in confirmation names the hour and the zone', () => {
  let h!: RestartableCore;
  coreForEachTest((core) => (h = core));

  /** Yes to the offer, then the slot and the region by number (the region list: in_wb, in_ct, in_other, bd, sa). */
  const confirmation = async (lang: Language, user: string, yes: string, slot: string, region: string): Promise<string> => {
    for (const text of TO_OFFER[lang]) await h.send(user, text);
    expect((await h.send(user, yes)).at(-1)!.text).toBe(translator.t('followup.offer.slot', lang));
    await h.send(user, slot);
    const said = await h.send(user, region);
    expect(said).toHaveLength(2);
    return said[0]!.text;
  };

  it.each([
    ['en', 'yes', '1', '5', 'Done. I will message you every day at 9 am, Saudi Arabia time.'],
    ['en', 'yes', '2', '1', 'every day at 2 pm, India time.'],
    ['hi', 'हाँ', '1', '4', 'मैं रोज़ सुबह 9 बजे (बांग्लादेश के समय से) आपको संदेश भेजूँगा।'],
    ['hi', 'हाँ', '3', '5', 'मैं रोज़ शाम 7 बजे (सऊदी अरब के समय से) आपको संदेश भेजूँगा।'],
    ['bn', 'হ্যাঁ', '৩', '১', 'প্রতিদিন সন্ধ্যা ৭টায় (ভারতের সময়) আপনাকে মেসেজ করব।'],
    ['bn', 'হ্যাঁ', '২', '৫', 'প্রতিদিন দুপুর ২টায় (সৌদি আরবের সময়) আপনাকে মেসেজ করব।'],
  ] as const)('%s: "%s", slot %s, region %s → "%s"', async (lang, yes, slot, region, named) => {
    expect(await confirmation(lang, 'p1', yes, slot, region)).toContain(named);
  });

  it('a region with no zone phrase gets the hour alone, never a wrong zone', () => {
    const text = renderRef(confirmationMessage('morning', 'np'), 'en', translator.t);
    expect(text).toBe('Done. I will message you every day at 9 am. Reply "stop" whenever you want me to stop.');
    expect(renderRef(confirmationMessage('evening', undefined), 'bn', translator.t)).toContain('প্রতিদিন সন্ধ্যা ৭টায় আপনাকে');
  });
});

describe('the words for the hours and zones agree with config/followup.yaml', () => {
  it('loads the shipped config', () => expect(problems).toEqual([]));

  /** The hour a text names first, on a 12-hour clock ("at 9 am", "सुबह 9 बजे", "সকাল ৯টায়"). */
  const hourIn = (text: string): number => Number(/\d{1,2}/.exec(toAsciiDigits(text))?.[0]);

  it.each(SLOTS.flatMap((slot) => LANGS.map((lang) => [slot, lang] as const)))('%s in %s: its hour and its label name the configured hour', (slot, lang) => {
    const hour24 = Math.floor(config.slots[slot] / 60);
    const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
    expect(hourIn(translator.t(`followup.at.${slot}`, lang))).toBe(hour12);
    expect(hourIn(translator.t(`followup.slot.${slot}`, lang))).toBe(hour12);
    if (lang === 'en') expect(translator.t(`followup.at.${slot}`, lang)).toContain(hour24 < 12 ? 'am' : 'pm');
  });

  it('every region the offer asks for, and every region of the config, has a zone phrase in each language', () => {
    const offer = parse(readFileSync(join(projectRoot, 'flows', 'followup_offer.yaml'), 'utf8')) as { states: { region: { expect: { choice: Array<{ value: string }> } } } };
    const asked = offer.states.region.expect.choice.map((c) => c.value);
    expect([...REGIONS_WITH_ZONE_NAME].sort()).toEqual([...new Set([...asked, ...Object.keys(config.timeZones)])].sort());
    for (const region of REGIONS_WITH_ZONE_NAME) for (const lang of LANGS) expect(translator.has(`followup.zone.${region}`, lang)).toBe(true);
  });

  it.each(LANGS)('%s: two regions have the same zone phrase exactly when the config puts them in the same zone', (lang) => {
    const zoneOf = (region: string) => config.timeZones[region] ?? config.defaultTimeZone;
    for (const a of REGIONS_WITH_ZONE_NAME) {
      for (const b of REGIONS_WITH_ZONE_NAME) {
        const samePhrase = translator.t(`followup.zone.${a}`, lang) === translator.t(`followup.zone.${b}`, lang);
        expect({ a, b, samePhrase }).toEqual({ a, b, samePhrase: zoneOf(a) === zoneOf(b) });
      }
    }
  });
});
