/**
 * The fixed texts that name the ambulance numbers — the welcome's notice and "we will not go on",
 * the HELP text, the FAQ answers that say to call an ambulance — take them from
 * config/helplines.yaml, for the patient's region: a worker in Dubai or Kuwait was told "108 in
 * India, 999 in Bangladesh, 997 in Saudi Arabia", none of which works there. Before the region is
 * known (the welcome), every country's, grouped where they share a number. Through the real
 * router, the shipped flows and locales.
 */
import { getPath } from '../../src/engine/paths';
import { EVERY_SERVED_COUNTRY } from '../../src/helplines/emergency-numbers';
import { createTestCore, type TestCore } from '../support/core';
import { patientAtMenu } from '../support/emergency-numbers';
import { existingConversation } from '../support/conversation';

let t: TestCore;
let user = 0;

beforeAll(async () => {
  t = await createTestCore();
});
afterAll(() => t.close());

const texts = async (id: string, text: string) => (await t.send(id, text)).map((m) => m.text).join('\n---\n');

/** A new patient at the main menu, in `lang`; with `pick`, the region of that number at the helplines question. */
const atMenu = (lang: 'english' | 'bangla' | 'hindi', pick?: string) => patientAtMenu((id, text) => t.send(id, text), `numbers-${++user}`, lang, pick);

const region = async (id: string) => getPath((await existingConversation(t.core.store, 'webchat', id)).session, 'profile.region');

describe('before the region is known: the welcome', () => {
  it("the notice names every served country's emergency number, grouped where they share one", async () => {
    const id = `welcome-${++user}`;
    await t.send(id, 'hello');
    const said = await texts(id, 'english');
    expect(said).toContain(
      [
        '🚑 In an emergency call an ambulance at once:',
        'India: 108 (ambulance) or 112',
        'Bangladesh, Qatar, Bahrain: 999',
        'Saudi Arabia: 997 (ambulance) or 911',
        'UAE: 998 (ambulance) or 999',
        'Kuwait: 112',
        'Oman: 9999',
      ].join('\n'),
    );
  });

  it('in Bengali too, with the countries named in Bengali', async () => {
    const said = await texts(`welcome-${++user}`, 'আমার জ্বর');
    expect(said).toContain('জরুরি অবস্থায় এখনই অ্যাম্বুলেন্স ডাকুন:\nভারত: 108 (অ্যাম্বুলেন্স) অথবা 112');
    expect(said).toContain('কুয়েত: 112');
    expect(said).toContain('ওমান: 9999');
  });

  it('"we will not go on" names them too', async () => {
    const id = `welcome-${++user}`;
    await t.send(id, 'hello');
    await t.send(id, 'english');
    const said = await texts(id, 'no');
    expect(said).toContain('Okay, we will not go on.');
    expect(said).toContain('UAE: 998 (ambulance) or 999');
    expect(said).toContain('Kuwait: 112');
  });
});

describe('HELP', () => {
  it.each([
    ['6', 'ae', 'UAE: 998 (ambulance) or 999'],
    ['8', 'kw', 'Kuwait: 112'],
    ['9', 'om', 'Oman: 9999'],
    ['7', 'qa', 'Qatar: 999'],
  ])('a patient of region %s (%s) is given their own number, not India\'s', async (pick, value, line) => {
    const id = await atMenu('english', pick);
    expect(await region(id)).toBe(value);
    const said = await texts(id, 'help');
    expect(said).toContain(`In an emergency call now:\n${line}`);
    expect(said).not.toMatch(/\b108\b|\b997\b|India|Bangladesh/);
  });

  it('a patient in India is still told 108', async () => {
    const id = await atMenu('hindi', '1');
    expect(await region(id)).toBe('in_wb');
    const said = await texts(id, 'help');
    expect(said).toContain('आपात स्थिति में अभी कॉल करें:\nपश्चिम बंगाल: 108 (एम्बुलेंस) या 112');
    expect(said).not.toMatch(/\b999\b|\b997\b|\b998\b/);
  });

  it('before a region is chosen, every country\'s numbers', async () => {
    const id = await atMenu('english');
    const said = await texts(id, 'help');
    expect(said).toContain('India: 108 (ambulance) or 112\nBangladesh, Qatar, Bahrain: 999\nSaudi Arabia: 997 (ambulance) or 911');
  });
});

describe('every country', () => {
  it("the FAQ's list (every served country) is the emergency advice's unknown-region list (config/triage.yaml)", () => {
    expect(EVERY_SERVED_COUNTRY).toEqual(t.core.config.triage.emergencyRegionsWhenUnknown);
  });
});
