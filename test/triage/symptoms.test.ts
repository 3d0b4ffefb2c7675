/**
 * Understanding symptoms in free text: Bengali, Hindi and English, native script
 * and romanized chat spelling, with negation where each language puts it.
 */
import { join } from 'node:path';
import { configDir } from '../../src/paths';
import type { Comorbidity, Symptom } from '../../src/triage/case';
import { createTriage } from '../../src/triage/triage';
import { loadTriageConfig } from '../../src/triage/triage-config';

const triage = createTriage(loadTriageConfig(join(configDir, 'triage.yaml')));
const extract = (text: string) => triage.symptoms.extract(text);

describe('symptoms named in free text', () => {
  it.each<[string, Symptom[]]>([
    // Bengali script
    ['আমার জ্বর', ['fever']],
    ['জ্বরে ভুগছি', ['fever']],
    ['জ্বর আর কাশি হচ্ছে, মাথাব্যথাও আছে', ['fever', 'cough', 'headache']],
    ['শ্বাসকষ্ট হচ্ছে', ['breathless']],
    ['শ্বাস নিতে কষ্ট হচ্ছে', ['breathless']],
    ['গলা ব্যথা আর গায়ে ব্যথা', ['sore_throat', 'body_ache']],
    ['গন্ধ পাচ্ছি না', ['loss_of_smell']],
    ['মুখে স্বাদ নেই', ['loss_of_taste']],
    ['পাতলা পায়খানা', ['diarrhoea']],
    ['খুব দুর্বল লাগছে', ['fatigue']],
    // romanized Bengali
    ['amar jor', ['fever']],
    ['jwor ar kashi', ['fever', 'cough']],
    ['shash kosto', ['breathless']],
    ['shash koshto hocche', ['breathless']],
    ['gondho pacchi na', ['loss_of_smell']],
    ['gondho pacchina', ['loss_of_smell']],
    ['jor, kashi, gondho pacchi na', ['fever', 'cough', 'loss_of_smell']],
    ['matha betha', ['headache']],
    ['gola byatha', ['sore_throat']],
    // Devanagari
    ['मुझे बुखार है', ['fever']],
    ['बुख़ार और खाँसी', ['fever', 'cough']],
    ['बुखार और खांसी', ['fever', 'cough']],
    ['सांस लेने में तकलीफ', ['breathless']],
    ['साँस लेने में तकलीफ़ है', ['breathless']],
    ['गले में खराश और सिरदर्द', ['sore_throat', 'headache']],
    ['गंध नहीं आ रही', ['loss_of_smell']],
    ['स्वाद नहीं आ रहा', ['loss_of_taste']],
    ['दस्त', ['diarrhoea']],
    // romanized Hindi
    ['mujhe bukhar hai', ['fever']],
    ['bukhaar aur khaansi', ['fever', 'cough']],
    ['saans lene mein taklif', ['breathless']],
    ['sans lene me takleef ho rahi', ['breathless']],
    ['sir dard aur badan dard', ['headache', 'body_ache']],
    ['smell nahi aa rahi', ['loss_of_smell']],
    ['kha nahi pa raha', ['cannot_eat_drink']],
    // English
    ['I have fever', ['fever']],
    ['fever, dry cough and body aches', ['fever', 'cough', 'body_ache']],
    ['short of breath', ['breathless']],
    ['I lost my sense of smell', ['loss_of_smell']],
    ["can't taste anything", ['loss_of_taste']],
    ['loose motions', ['diarrhoea']],
    ['I cannot eat or drink', ['cannot_eat_drink']],
    ['diarrhea and headaches', ['diarrhoea', 'headache']],
  ])('%s → %j', (text, symptoms) => {
    expect(extract(text)).toEqual({ present: symptoms, denied: [] });
  });
});

describe('negation, where each language puts it', () => {
  it.each<[string, Symptom[], Symptom[]]>([
    // Hindi and Bengali put the negator after the symptom (and after a verb in Bengali)
    ['bukhar nahi hai', [], ['fever']],
    ['bukhar nahin', [], ['fever']],
    ['बुखार नहीं है', [], ['fever']],
    ['सीने में दर्द नहीं', [], ['chest_pain']],
    ['khansi hai, bukhar nahi hai', ['cough'], ['fever']],
    ['बुखार नहीं खांसी है', ['cough'], ['fever']],
    ['জ্বর নেই', [], ['fever']],
    ['jor nai', [], ['fever']],
    ['jor hocche na', [], ['fever']],
    ['শ্বাসকষ্ট হচ্ছে না', [], ['breathless']],
    ['shash kosto hocchena', [], ['breathless']],
    ['বুকে ব্যথা নেই', [], ['chest_pain']],
    ['কাশি হয়নি', [], ['cough']],
    ['jor ba kashi nei', [], ['fever', 'cough']],
    // neither … nor, from the front
    ['na jor ache na kashi', [], ['fever', 'cough']],
    ['ना बुखार है ना खांसी', [], ['fever', 'cough']],
    // English puts it before
    ['no fever', [], ['fever']],
    ['I do not have fever', [], ['fever']],
    ["I don't have any cough", [], ['cough']],
    ['without fever', [], ['fever']],
    ['no fever or cough', [], ['fever', 'cough']],
    ['no fever but a bad cough', ['cough'], ['fever']],
    ['a mild fever and a headache, but no cough', ['fever', 'headache'], ['cough']],
    // a negator inside a phrase is part of the symptom
    ['gondho pacchi na, jor nei', ['loss_of_smell'], ['fever']],
    ['I have no sense of smell', ['loss_of_smell'], []],
    // the symptom counts when the negator belongs to something else
    ['सीने में दर्द है नींद नहीं आ रही', ['chest_pain'], []],
    ['বুকের ব্যথা কমছে না', ['chest_pain'], []],
    ['valo na buke betha', ['chest_pain'], []],
    ['no fever and cough', ['cough'], ['fever']],
    ['জ্বর ছাড়া আর কিছু নেই', ['fever'], []],
  ])('%s → present %j, denied %j', (text, present, denied) => {
    expect(extract(text)).toEqual({ present, denied });
  });
});

describe('red flags', () => {
  it.each<[string, Symptom]>([
    ["can't breathe", 'breathless_at_rest'],
    ['I cannot breathe', 'breathless_at_rest'],
    ['cant breathe properly', 'breathless_at_rest'],
    ['শ্বাস নিতে পারছি না', 'breathless_at_rest'],
    ['shash nite parchi na', 'breathless_at_rest'],
    ['shash nite parchina', 'breathless_at_rest'],
    ['dom bondho hoye asche', 'breathless_at_rest'],
    ['सांस नहीं आ रही', 'breathless_at_rest'],
    ['साँस नहीं आ रही है', 'breathless_at_rest'],
    ['saans nahi aa rahi', 'breathless_at_rest'],
    ['saans nahin aa rahi', 'breathless_at_rest'],
    ['dum ghut raha hai', 'breathless_at_rest'],
    ['chest pain', 'chest_pain'],
    ['pain in my chest', 'chest_pain'],
    ['buke betha', 'chest_pain'],
    ['বুকে ব্যথা', 'chest_pain'],
    ['বুকে খুব ব্যাথা', 'chest_pain'],
    ['सीने में दर्द', 'chest_pain'],
    ['seene me dard ho raha hai', 'chest_pain'],
    ['होंठ नीले', 'bluish_lips'],
    ['होठ नीले पड़ गए', 'bluish_lips'],
    ['lips blue', 'bluish_lips'],
    ['his lips are turning blue', 'bluish_lips'],
    ['ঠোঁট নীল', 'bluish_lips'],
    ['ঠোট নীল হয়ে গেছে', 'bluish_lips'],
    ['she fainted', 'confusion'],
    ['he is unconscious', 'confusion'],
    ['অজ্ঞান হয়ে গেছে', 'confusion'],
    ['बेहोश हो गए', 'confusion'],
    ['seizure', 'neuro_deficit'],
    ['slurred speech', 'neuro_deficit'],
    ['খিঁচুনি হচ্ছে', 'neuro_deficit'],
    ['झटके आ रहे हैं', 'neuro_deficit'],
  ])('%s → %s', (text, flag) => {
    expect(triage.redFlags.find(text)).toEqual([flag]);
  });

  it.each([
    'no chest pain',
    'বুকে ব্যথা নেই',
    'सीने में दर्द नहीं',
    'seene mein dard nahi hai',
    'buke betha nai',
    "I don't have any chest pain",
    'no fever or chest pain',
    // everyday messages
    'আমার জ্বর',
    'I have fever',
    'mujhe bukhar hai',
    'shash kosto hocche',
    'सांस लेने में तकलीफ',
    'হেলো',
    'menu',
    '2',
    '৯২',
    // words near a red flag that are not one
    'I am confused about the test result',
    'I had a stroke five years ago',
    'I am fit and well',
    'my father has asthma',
  ])('%s is not a red flag', (text) => {
    expect(triage.redFlags.find(text)).toEqual([]);
  });
});

describe('long-term conditions', () => {
  it.each<[string, Comorbidity[]]>([
    ['আমার ডায়াবেটিস আছে', ['diabetes']],
    ['সুগার আর প্রেসার', ['diabetes', 'hypertension']],
    ['hapani', ['lung_disease']],
    ['बीपी और शुगर है', ['hypertension', 'diabetes']],
    ['दिल की बीमारी', ['heart_disease']],
    ['kidney ki dialysis chal rahi hai', ['kidney_disease']],
    ['asthma and TB', ['lung_disease', 'tb']],
    ['I had a stroke', ['cerebrovascular']],
    ['HIV', ['immunocompromised']],
    ['no diabetes, but high blood pressure', ['hypertension']],
  ])('%s → %j', (text, conditions) => {
    expect(triage.conditions.extract(text).present).toEqual(conditions);
  });
});
