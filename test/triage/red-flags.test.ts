/** A red flag is a global word: withRedFlags makes the interpreter report it as the `emergency` command. */
import { join } from 'node:path';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { configDir, localesDir } from '../../src/paths';
import { withRedFlags } from '../../src/triage/red-flags';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';

const triage = createTriage(loadTriageConfig(join(configDir, 'triage.yaml')));
const inner = createInterpreter(createTranslator(localesDir));
const interp = withRedFlags(inner, triage.redFlags);

describe('withRedFlags', () => {
  it.each([
    "I can't breathe",
    'শ্বাস নিতে পারছি না',
    'shash nite parchi na',
    'सांस नहीं आ रही',
    'saans nahi aa rahi',
    'chest pain',
    'buke betha',
    'বুকে ব্যথা',
    'सीने में दर्द',
    'होंठ नीले',
    'lips blue',
    'ঠোঁট নীল',
    'he fainted',
    'seizure',
    'haan, saans nahi aa rahi',
  ])('%s → emergency', (text) => {
    expect(interp.command(text)).toBe('emergency');
  });

  it.each(['ambulance', 'অ্যাম্বুলেন্স', 'एम्बुलेंस', 'জরুরি', 'emergency'])('the command word %s → emergency', (text) => {
    expect(interp.command(text)).toBe('emergency');
  });

  it.each(['no chest pain', 'বুকে ব্যথা নেই', 'सीने में दर्द नहीं', 'bukhar nahi hai', 'আমার জ্বর', '1', '৯২', 'yes', ''])('%j is no command', (text) => {
    expect(interp.command(text)).toBeNull();
  });

  it('keeps the exact command words first', () => {
    expect(interp.command('menu')).toBe('menu');
    expect(interp.command('মেনু')).toBe('menu');
    expect(interp.command('भाषा')).toBe('language');
  });

  it('leaves every other kind of understanding to the interpreter it wraps', () => {
    expect(interp.yesNo('হ্যাঁ')).toBe(true);
    expect(interp.number('SpO2 ৯২%')).toBe(92);
    expect(interp.choice('2', [{ value: 'a', label: 'common.yes' }, { value: 'b', label: 'common.no' }])).toBe('b');
    expect(interp.detectLanguage('আমার জ্বর')).toEqual(inner.detectLanguage('আমার জ্বর'));
  });
});
