/**
 * Breathlessness, the same in every language (config/triage.yaml `breathless`, `breathless_at_rest`).
 *
 * The guidelines config/triage.yaml cites split it in two:
 * - severe breathlessness, or breathlessness at rest ([WHO-CM-2021] severe respiratory distress;
 *   [MoHFW-HI-2021] difficulty in breathing, as the danger sign the check lists "severe, even at
 *   rest"): a red flag, the emergency wherever it is typed (`breathless_at_rest`);
 * - breathlessness said plainly, or on exertion ([ICMR-AIIMS]: not mild disease, moderate only
 *   with a low reading or a fast rate): a symptom (`breathless`), which the rules send to a
 *   hospital without an oxygen reading of 94% or more and to a doctor with one.
 *
 * Bare "শ্বাসকষ্ট", "difficulty breathing" and "saans lene mein takleef" were already read alike (a
 * symptom). The severe and at-rest forms were not: "খুব শ্বাসকষ্ট" (Bengali, very breathless) and
 * "बहुत सांस फूल रही" were red flags, but "severe difficulty breathing", "short of breath even at
 * rest", "सांस लेने में बहुत तकलीफ" and "শ্বাস নিতে খুব কষ্ট" were only the symptom; "very difficult
 * to breathe", "can barely breathe" and "chalne par saans phoolti hai" were nothing at all.
 */
import { join } from 'node:path';
import { configDir } from '../../src/paths';
import type { Symptom } from '../../src/triage/case';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';

const triage = createTriage(loadTriageConfig(join(configDir, 'triage.yaml')));

/** Said plainly, or on exertion: the symptom, not a red flag. */
const plain: Array<[string, string]> = [
  ['bn', 'শ্বাসকষ্ট'],
  ['bn', 'শ্বাসকষ্ট হচ্ছে'],
  ['bn', 'আমার শ্বাসকষ্ট হচ্ছে'],
  ['bn', 'শ্বাস নিতে কষ্ট হচ্ছে'],
  ['bn', 'shash kosto'],
  ['bn', 'হাঁটলে শ্বাসকষ্ট হয়'],
  ['bn', 'সিঁড়ি ভাঙলে একটু শ্বাসকষ্ট হয়'],
  ['hi', 'saans lene mein takleef'],
  ['hi', 'सांस लेने में तकलीफ'],
  ['hi', 'सांस लेने में तकलीफ हो रही है'],
  ['hi', 'saans phool rahi hai'],
  ['hi', 'सांस फूलती है'],
  ['hi', 'chalne par saans phoolti hai'],
  ['hi', 'saans lene mein thodi takleef'],
  ['hi', 'saans lene mein thodi bahut takleef'],
  ['hi', 'सांस लेने में थोड़ी बहुत तकलीफ'],
  ['en', 'difficulty breathing'],
  ['en', 'I have difficulty breathing'],
  ['en', 'short of breath'],
  ['en', 'it is difficult to breathe'],
  ['en', 'breathless when walking'],
  ['en', 'breathless on climbing stairs'],
];

/** Severe, or at rest: the red flag. */
const severe: Array<[string, string]> = [
  ['bn', 'খুব শ্বাসকষ্ট হচ্ছে'],
  ['bn', 'প্রচণ্ড শ্বাসকষ্ট'],
  ['bn', 'শ্বাস নিতে খুব কষ্ট হচ্ছে'],
  ['bn', 'shash nite khub kosto hocche'],
  ['bn', 'শ্বাসকষ্ট খুব বেশি'],
  ['bn', 'বিশ্রামেও শ্বাসকষ্ট'],
  ['bn', 'শুয়ে থাকলেও শ্বাসকষ্ট হচ্ছে'],
  ['bn', 'বসে থাকলেও শ্বাসকষ্ট'],
  ['hi', 'बहुत सांस फूल रही है'],
  ['hi', 'सांस बहुत फूल रही है'],
  ['hi', 'सांस लेने में बहुत तकलीफ'],
  ['hi', 'सांस लेने में बहुत ज्यादा तकलीफ हो रही है'],
  ['hi', 'saans lene mein bahut takleef'],
  ['hi', 'saans lene mein bahut dikkat ho rahi hai'],
  ['hi', 'आराम करते हुए भी सांस फूल रही है'],
  ['hi', 'aaram karte hue bhi saans phool rahi hai'],
  ['en', 'very breathless'],
  ['en', 'severe difficulty breathing'],
  ['en', 'severe difficulty in breathing'],
  ['en', 'extreme difficulty breathing'],
  ['en', 'severe breathing difficulty'],
  ['en', 'very short of breath'],
  ['en', 'very difficult to breathe'],
  ['en', 'short of breath even at rest'],
  ['en', 'difficulty breathing at rest'],
  ['en', 'I can barely breathe'],
  ['en', 'he can hardly breathe'],
];

describe('breathlessness said plainly or on exertion is the symptom, in every language', () => {
  it.each(plain)('(%s) %s', (_lng, text) => {
    expect(triage.symptoms.extract(text).present).toEqual<Symptom[]>(['breathless']);
    expect(triage.redFlags.find(text)).toEqual([]);
  });
});

describe('severe breathlessness, or breathlessness at rest, is the red flag, in every language', () => {
  it.each(severe)('(%s) %s', (_lng, text) => {
    expect(triage.symptoms.extract(text).present).toEqual<Symptom[]>(['breathless_at_rest']);
    expect(triage.redFlags.find(text)).toEqual<Symptom[]>(['breathless_at_rest']);
  });

  it.each([
    'no severe difficulty breathing',
    'बहुत तकलीफ नहीं, सांस लेने में थोड़ी दिक्कत',
    'শ্বাস নিতে খুব কষ্ট হচ্ছে না',
    'not short of breath even at rest',
  ])('denied, it is no red flag: %s', (text) => {
    expect(triage.redFlags.find(text)).toEqual([]);
  });
});
