/**
 * A breathing rate given in words ("saans 30 per minute", "breathing 30 times a minute", "साँस 30
 * बार प्रति मिनट", "শ্বাস মিনিটে ৩০ বার") is a reading of the breathing rate, named by its name:
 * stated at the menu or in a first message it starts the symptom check, as "rr 30" does
 * (src/triage/first-message.ts reads readings named by a name). The pulse stays the pulse ("pulse
 * 30 per minute", "30 beats per minute"), and a breathing word is no name of a number it does not
 * come before ("92 saans phool rahi hai" is an oxygen reading) nor of one another reading's unit
 * names ("saans 3 din se" is 3 days).
 */
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { localesDir } from '../../src/paths';

const interp = createInterpreter(createTranslator(localesDir));
/** As the breathing-rate question reads (flows/triage.yaml). */
const rate = (text: string) => interp.number(text, 'respiratory_rate', { pick: 'highest', min: 5, max: 80 });
/** As the SpO2 question reads. */
const spo2 = (text: string) => interp.number(text, 'spo2', { pick: 'lowest', min: 50, max: 100 });

describe('a breathing rate in words', () => {
  it.each([
    'saans 30 per minute',
    'breathing 30 times a minute',
    'my breathing is 30 per minute',
    'साँस 30 बार प्रति मिनट',
    'सांस ३० बार प्रति मिनट',
    'শ্বাস মিনিটে ৩০ বার',
    'shash minute e 30 bar',
  ])('%s: the breathing rate, named by its name', (text) => {
    expect(rate(text)).toBe(30);
    expect(interp.namedReadings(text)).toEqual([{ reading: 'respiratory_rate', value: 30, by: 'name' }]);
  });

  // ("30 breaths per minute" was read so already.)
  it.each(['30 times a minute', '৩০ বার প্রতি মিনিটে', '30 baar prati minute'])('%s: the breathing rate, named by its unit', (text) => {
    expect(rate(text)).toBe(30);
    expect(interp.namedReadings(text)).toEqual([{ reading: 'respiratory_rate', value: 30, by: 'unit' }]);
  });

  it('beside an oxygen reading, each is its own', () => {
    const text = 'oxygen 94, saans 32 per minute';
    expect(spo2(text)).toBe(94);
    expect(rate(text)).toBe(32);
    expect(interp.namedReadings(text)).toEqual([
      { reading: 'spo2', value: 94, by: 'name' },
      { reading: 'respiratory_rate', value: 32, by: 'name' },
    ]);
  });
});

describe('what stays as it was', () => {
  it.each(['pulse 30 per minute', 'pulse rate 30 per minute', '30 beats per minute', '30 beats a minute', 'heart rate 30 per minute', 'nadi 30 baar prati minute'])(
    '%s: the pulse, never the breathing rate',
    (text) => {
      expect(rate(text)).toBeNull();
      expect(interp.namedReadings(text).some((r) => r.reading === 'respiratory_rate')).toBe(false);
    },
  );

  it.each([
    ['92 saans phool rahi hai', 92],
    ['oxygen 92 saans phool rahi hai', 92],
    ['breathing fast 92', 92],
    ['৯২, শ্বাস নিতে কষ্ট', 92],
  ])('%s: an oxygen reading at the SpO2 question', (text, value) => {
    expect(spo2(text)).toBe(value);
  });

  it('a number named as the oxygen is not also the breathing rate', () => {
    expect(interp.namedReadings('oxygen 92 saans phool rahi hai')).toEqual([{ reading: 'spo2', value: 92, by: 'name' }]);
  });

  it.each([
    ['saans 3 din se phool rahi hai', 3],
    ['breathing problem for 5 days', 5],
    ['শ্বাসকষ্ট ২ দিন ধরে', 2],
  ])('%s: days, not a breathing rate', (text, days) => {
    expect(interp.number(text, 'days')).toBe(days);
    expect(interp.namedReadings(text)).toEqual([{ reading: 'days', value: days, by: 'unit' }]);
  });

  it('a breathing word names no number before it', () => {
    expect(interp.namedReadings('30 saans')).toEqual([]);
  });
});
