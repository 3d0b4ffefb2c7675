/**
 * Issue #3: the bot never names a drug or a dose. Every text the symptom check
 * and the emergency advice can send (locales/<lng>/triage.json, emergency.json)
 * is searched for medicine names and doses in the three languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localesDir } from '../../src/paths';

const DRUGS =
  /paracetamol|acetaminophen|ibuprofen|aspirin|ivermectin|azithromycin|doxycycline|dexamethasone|prednisolone|remdesivir|favipiravir|tocilizumab|hydroxychloroquine|\bhcq\b|\bzinc\b|vitamin|\bdolo\b|crocin|calpol|budesonide|montelukast|cetirizine|antibiotic|steroid|\d+\s*mg\b|mg\/kg|প্যারাসিটামল|পেরাসিটামল|আইভারমেকটিন|অ্যাজিথ্রোমাইসিন|ডেক্সামেথাসোন|ভিটামিন|জিংক|স্টেরয়েড|অ্যান্টিবায়োটিক|पैरासिटामोल|पेरासिटामोल|आइवरमेक्टिन|एज़िथ्रोमाइसिन|डेक्सामेथासोन|विटामिन|ज़िंक|जिंक|स्टेरॉयड|एंटीबायोटिक|\d+\s*(মিগ্রা|मिग्रा)/i;

function strings(value: unknown, path: string): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

describe.each(['bn', 'hi', 'en'])('%s', (lang) => {
  it.each(['triage', 'emergency'])('%s.json names no medicine and no dose', (ns) => {
    const texts = strings(JSON.parse(readFileSync(join(localesDir, lang, `${ns}.json`), 'utf8')), ns);
    expect(texts.length).toBeGreaterThan(0);
    const found = texts.flatMap(([key, text]) => {
      const m = DRUGS.exec(text);
      return m ? [`${key}: ${m[0]}`] : [];
    });
    expect(found).toEqual([]);
  });
});
