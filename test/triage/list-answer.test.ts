/** Answers to "which of these do you have?": numbers, words in any language, or none. */
import { join } from 'node:path';
import { createInterpreter } from '../../src/i18n/interpreter';
import { createTranslator } from '../../src/i18n/translator';
import { configDir, localesDir } from '../../src/paths';
import { readListAnswer } from '../../src/triage/list-answer';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';

const triage = createTriage(loadTriageConfig(join(configDir, 'triage.yaml')));
const interp = createInterpreter(createTranslator(localesDir));
const isNo = (t: string) => interp.yesNo(t) === false;
const symptoms = (text: string) => readListAnswer(text, triage.config.symptomList, triage.symptoms, isNo);
const conditions = (text: string) => readListAnswer(text, triage.config.conditionList, triage.conditions, isNo);

describe('readListAnswer', () => {
  it.each([
    ['1', ['fever']],
    ['1 2 5', ['fever', 'cough', 'loss_of_smell']],
    ['1,2', ['fever', 'cough']],
    ['১ ২', ['fever', 'cough']],
    ['१, ४', ['fever', 'breathless']],
    ['2 and 9', ['cough', 'headache']],
    ['২ আর ৯', ['cough', 'headache']],
    ['2 aur 11', ['cough', 'cannot_eat_drink']],
    ['1 1 2', ['fever', 'cough']],
  ])('numbers from the list shown: %s', (text, codes) => {
    expect(symptoms(text)).toEqual({ status: 'found', codes });
  });

  it('words in any language', () => {
    expect(symptoms('jor ar kashi')).toEqual({ status: 'found', codes: ['fever', 'cough'] });
    expect(symptoms('बुखार है, खांसी नहीं')).toEqual({ status: 'found', codes: ['fever'] });
    expect(conditions('sugar')).toEqual({ status: 'found', codes: ['diabetes'] });
  });

  it('words win over numbers in a sentence ("jor 3 din" is fever, not sore throat)', () => {
    expect(symptoms('jor 3 din')).toEqual({ status: 'found', codes: ['fever'] });
  });

  it.each(['0', '০', 'none', 'nothing', 'no', 'না', 'nahi', 'kichu na', 'কিছু নেই', 'कुछ नहीं', 'kuch nahi', 'bukhar nahi hai', 'no fever', 'I am fine', 'ভালো আছি'])(
    '"none": %s',
    (text) => expect(symptoms(text)).toEqual({ status: 'none' }),
  );

  it.each(['0', 'none', 'কোনো রোগ নেই', 'koi bimari nahi', 'no diabetes'])('no long-term illness: %s', (text) => {
    expect(conditions(text)).toEqual({ status: 'none' });
  });

  it.each(['12', '0 1', 'I feel strange', 'abc', '', '99'])('unclear: %j', (text) => {
    expect(symptoms(text)).toEqual({ status: 'unclear' });
  });

  it('a number beyond the conditions list is unclear', () => {
    expect(conditions('12')).toEqual({ status: 'unclear' });
    expect(conditions('11')).toEqual({ status: 'found', codes: ['immunocompromised'] });
  });
});
