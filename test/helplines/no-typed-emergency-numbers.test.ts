/**
 * No text a patient reads keeps an ambulance or emergency number of config/helplines.yaml typed
 * into it: the texts take them as a parameter filled from config (`{{numbers}}`,
 * src/helplines/emergency-numbers.ts), for the patient's region. Typed, they were India's,
 * Bangladesh's and Saudi Arabia's, and a worker in Dubai or Kuwait was told to dial 108; the next
 * region added would be left out of every text again. Bengali and Devanagari digits count
 * (the Bengali texts wrote "১০৮").
 */
import { join } from 'node:path';
import { loadHelplines } from '../../src/helplines/directory';
import { readLocales, leafKeys, type LocaleTree } from '../../src/i18n/translator';
import { configDir, localesDir } from '../../src/paths';

const helplines = loadHelplines(join(configDir, 'helplines.yaml'));
const EMERGENCY_NUMBERS = [...new Set(Object.values(helplines.regions).flatMap((r) => [r.ambulance, r.emergency]))];

/** ০–৯ and ०–९ as 0–9. */
const asciiDigits = (s: string) => s.replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - 0x09e6)).replace(/[०-९]/g, (d) => String(d.charCodeAt(0) - 0x0966));

/** The emergency numbers standing alone in `text` (not part of a longer number such as 1800-599-0019). */
function typedNumbers(text: string): string[] {
  const plain = asciiDigits(text);
  return EMERGENCY_NUMBERS.filter((n) => new RegExp(`(?<![\\d-])${n}(?![\\d-])`).test(plain));
}

function valueAt(tree: LocaleTree, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as LocaleTree)[part] : undefined), tree);
}

describe('locale texts', () => {
  const trees = readLocales(localesDir);

  it('the check finds a number typed in any script', () => {
    expect(typedNumbers('call 108 (India) or ৯৯৯ or ९९७')).toEqual(expect.arrayContaining(['108', '999', '997']));
    expect(typedNumbers('KIRAN 1800-599-0019, 14416, 95–100%')).toEqual([]);
  });

  it('name no ambulance or emergency number that config/helplines.yaml holds', () => {
    const typed: string[] = [];
    for (const lng of ['en', 'bn', 'hi'] as const) {
      for (const key of leafKeys(trees[lng])) {
        const value = valueAt(trees[lng], key);
        const texts = Array.isArray(value) ? value : [value];
        for (const text of texts) if (typeof text === 'string') for (const n of typedNumbers(text)) typed.push(`${lng}: ${key}: ${n}`);
      }
    }
    expect(typed).toEqual([]);
  });
});
