/**
 * QA findings: danger signs in common misspellings and Bangladeshi colloquial forms, Hindi
 * phrasing with feminine fillers, and a low oxygen reading stated in free text, which is a
 * red flag wherever it is typed.
 */
import { join } from 'node:path';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { configDir, localesDir } from '../../src/paths';
import { withRedFlags } from '../../src/triage/red-flags';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';

const triage = createTriage(loadTriageConfig(join(configDir, 'triage.yaml')));
const interp = withRedFlags(createInterpreter(createTranslator(localesDir)), triage.redFlags);

describe('danger signs as patients spell them', () => {
  it.each([
    ['cant breath', 'breathless_at_rest'],
    ["can't breath", 'breathless_at_rest'],
    ['not able to breath', 'breathless_at_rest'],
    ['chest pian', 'chest_pain'],
    ['chestpain since morning', 'chest_pain'],
    ['শ্বাস নিতে পারতেছি না', 'breathless_at_rest'],
    ['শ্বাস নিতে পারি না', 'breathless_at_rest'],
    ['নিশ্বাস নিতে পারছি না', 'breathless_at_rest'],
    ['shash nite partesi na', 'breathless_at_rest'],
  ])('%s → %s, an emergency', (text, code) => {
    expect(triage.symptoms.extract(text).present).toContain(code);
    expect(interp.command(text)).toBe('emergency');
  });

  it.each([
    ['breathlesness', 'breathless'],
    ['নিঃশ্বাস নিতে কষ্ট', 'breathless'],
    ['fevr', 'fever'],
    ['feaver and coff', 'fever'],
    ['feaver and coff', 'cough'],
  ])('%s → %s', (text, code) => {
    expect(triage.symptoms.extract(text).present).toContain(code);
  });

  it.each(['no chest pain', 'no chest pian', 'বুকে ব্যথা নেই', 'no fevr'])('%s is no emergency', (text) => {
    expect(interp.command(text)).toBeNull();
  });

  it('keeps "out of breath" and "short of breath" (breath is read as breathe on both sides)', () => {
    expect(triage.symptoms.extract('short of breath').present).toEqual(['breathless']);
    expect(triage.symptoms.extract('out of breath').present).toEqual(['breathless']);
  });
});

describe('Hindi and Bengali phrasing', () => {
  it('reads every symptom of a sentence with थोड़ी and "खाना नहीं खा पा रही"', () => {
    expect(triage.symptoms.extract('बुखार है, सांस लेने में थोड़ी तकलीफ है और खाना नहीं खा पा रही हूँ').present).toEqual(['fever', 'breathless', 'cannot_eat_drink']);
  });

  it.each([
    ['saans lene mein thodi taklif', 'breathless'],
    ['saans lene mein zara dikkat', 'breathless'],
    ['khana nahi kha pa rahi', 'cannot_eat_drink'],
    ['khana nahi kha pa raha', 'cannot_eat_drink'],
    ['kuch kha pi nahi pa raha', 'cannot_eat_drink'],
    ['not eating anything', 'cannot_eat_drink'],
    ['badan toot raha hai', 'body_ache'],
    ['बदन टूट रहा है', 'body_ache'],
    ['khushbu nahi aa rahi', 'loss_of_smell'],
    ['মুখে স্বাদ নেই', 'loss_of_taste'],
    ['mukhe swad nei', 'loss_of_taste'],
  ])('%s → %s', (text, code) => {
    expect(triage.symptoms.extract(text).present).toContain(code);
  });
});

describe('a low oxygen reading stated in free text', () => {
  it.each([
    ['my father oxygen is 85', 85],
    ['oxygen 85 what to do', 85],
    ['অক্সিজেন ৮৫', 85],
    ['ऑक्सीजन 86', 86],
    ['ऑक्सीजन लेवल ८६ है', 86],
    ['SpO2: 88%', 88],
    ['oxygen level is now 84', 84],
    // A newer reading after the named one: "now", "ab", "এখন", "अब" (config/triage.yaml low_spo2.newer).
    ['oxygen 96 yesterday, now 89', 89],
    ['oxygen 96 tha, ab 89 hai', 89],
    ['অক্সিজেন কাল ৯৬ ছিল, এখন ৮৯', 89],
    ['ऑक्सीजन कल 96 था, अब 88 है', 88],
  ])('%s → a red flag with SpO2 %d', (text, spo2) => {
    expect(triage.redFlags.lowSpo2(text)).toBe(spo2);
    expect(interp.command(text)).toBe('emergency');
  });

  it.each(['oxygen 92', 'oxygen 90', 'spo2 95', 'oxygen 60 litre', 'need oxygen bed 2', '85', 'pulse 85', 'oxygen 98, was 85 yesterday', 'oxygen 45', 'oxygen 95, my father is 70', 'oxygen 95, ab 2 din se bukhar', 'oxygen 96 now, was 89 yesterday'])('%s is no red flag', (text) => {
    expect(triage.redFlags.lowSpo2(text)).toBeNull();
    expect(interp.command(text)).toBeNull();
  });

  it('is assessed by the rule table as spo2_below_90', () => {
    expect(triage.assess({ spo2: triage.redFlags.lowSpo2('oxygen 85')! }).reasons).toEqual(['spo2_below_90']);
  });
});
