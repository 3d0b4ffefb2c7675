/**
 * Text analysis for FAQ matching: the romanizer, the phonetic key, the light
 * stemmers and the analyser, on the spellings patients actually type.
 */
import { analyze, analyzeWords, romanizedTerms } from '../../src/faq/analyze';
import { phoneticKey } from '../../src/faq/phonetic';
import { romanize } from '../../src/faq/romanize';
import { bengaliAlternates, stemBengali, stemEnglish, stemHindi } from '../../src/faq/stem';

describe('romanize', () => {
  it.each([
    ['জ্বর', 'jwor'],
    ['মাস্ক', 'mask'],
    ['টিকা', 'tika'],
    ['কাশি', 'kashi'],
    ['ব্যথা', 'byotha'],
    ['আমার জ্বর হয়েছে', 'amar jwor hoyechhe'],
    ['লক্ষণ', 'lokkhon'],
    ['বুখার', 'bukhar'],
    ['बुखार', 'bukhar'],
    ['सांस लेने में तकलीफ़', 'sans lene men takalif'],
    ['टीका कहाँ लगवाएं', 'tika kahan lagavaen'],
    ['ऑक्सीमीटर', 'oksimitar'],
    ['ज़्यादा', 'zyada'],
    ['पढ़ाई', 'parhai'],
  ])('%s → %s', (native, latin) => expect(romanize(native)).toBe(latin));

  it('reads decomposed and precomposed nukta letters alike (NFC decomposes য় and ड़)', () => {
    expect(romanize('\u09df')).toBe(romanize('\u09af\u09bc'));
    expect(romanize('\u095c')).toBe(romanize('\u0921\u093c'));
  });

  it('leaves Latin, digits and other scripts as they are', () => {
    expect(romanize('covid ১৯ 19 ٩')).toBe('covid ১৯ 19 ٩');
  });
});

describe('phoneticKey', () => {
  it.each([
    [['jor', 'jwor', 'jwar'], 'jar'],
    [['bukhar', 'bukhaar', 'bukar'], 'bukar'],
    [['saans', 'sans', 'saas'], 'sas'],
    [['zyada', 'jyada', 'jada'], 'jad'],
    [['tika', 'teeka', 'tik'], 'tik'],
    [['koshto', 'kosto', 'kosht'], 'kast'],
    [['hocche', 'hochhe'], 'hac'],
    [['khansi', 'khasi', 'kasi'], 'kasi'],
  ])('%j share one key', (spellings, key) => {
    for (const s of spellings) expect(phoneticKey(s)).toBe(key);
  });

  it('keeps what is not plain Latin letters as it is', () => {
    expect(phoneticKey('n95')).toBe('n95');
    expect(phoneticKey('জ্বর')).toBe('জ্বর');
  });

  it('does not glue a final y to the consonant before it ("body" is not "bod")', () => {
    expect(phoneticKey('body')).not.toBe(phoneticKey('bod'));
  });
});

describe('stemmers', () => {
  it('Bengali: case endings, plurals and classifiers, but not a র that belongs to the word', () => {
    expect(stemBengali('জ্বরের')).toBe('জ্বর');
    expect(stemBengali('জ্বর')).toBe('জ্বর');
    expect(stemBengali('শিশুদের')).toBe('শিশু');
    expect(stemBengali('মাস্কটা')).toBe('মাস্ক');
    expect(stemBengali('গর্ভাবস্থায়')).toBe('গর্ভাবস্থা');
    expect(stemBengali('শরীরে')).toBe('শরীর');
  });

  it('Bengali: a final র after a vowel sign is read both ways', () => {
    expect(bengaliAlternates('করোনার')).toEqual(['করোনা']);
    expect(bengaliAlternates('জ্বর')).toEqual([]);
    expect(analyzeWords('করোনার টিকা')).toEqual([['করোনার', 'করোনা'], ['টিকা']]);
  });

  it('Hindi: one light pass over the commonest endings', () => {
    expect(stemHindi('टीकों')).toBe(stemHindi('टीके'));
    expect(stemHindi('बच्चों')).toBe(stemHindi('बच्चे'));
    expect(stemHindi('मास्क')).toBe('मास्क');
  });

  it('English: plurals, -ing, -ed and the -ation family', () => {
    expect(stemEnglish('masks')).toBe('mask');
    expect(stemEnglish('testing')).toBe('test');
    expect(stemEnglish('tested')).toBe('test');
    expect(new Set(['vaccine', 'vaccination', 'vaccinated', 'vaccines'].map(stemEnglish)).size).toBe(1);
    expect(new Set(['isolation', 'isolate', 'isolating'].map(stemEnglish)).size).toBe(1);
  });
});

describe('analyze', () => {
  it('drops stop words in every language and treats each word by its script', () => {
    expect(analyze('আমার জ্বরের সাথে কাশি')).toEqual(['জ্বর', 'সাথ', 'কাশি']);
    expect(analyze('What is the weather?')).toEqual([phoneticKey('weather')]);
    expect(analyze('मुझे बुखार है क्या')).toEqual(['बुखार']);
  });

  it('folds native digits and splits letters glued to digits', () => {
    expect(analyze('কোভিড১৯')).toEqual(['কোভিড', '19']);
    expect(analyze('SpO2 ৯২')).toContain('92');
  });

  it('gives the romanized shadow of a native question the terms of the same question typed in Latin letters', () => {
    expect(romanizedTerms('জ্বর কাশি')).toEqual(expect.arrayContaining(analyze('jwor kashi')));
    expect(romanizedTerms('জ্বরের কাশি')).toEqual(expect.arrayContaining(analyze('jwor kashi')));
    expect(romanizedTerms('बुखार खांसी')).toEqual(expect.arrayContaining(analyze('bukhar khansi')));
    expect(romanizedTerms('covid 19')).toEqual([]);
  });
});
