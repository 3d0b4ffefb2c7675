import { PhraseTable } from '../../src/i18n/phrase-table';

describe('PhraseTable', () => {
  const table = new PhraseTable(new Map<string, boolean | null>([['no', false], ['no idea', null], ['haan', true], ['pata nahi', null]]));

  it('finds the longest phrase at a place, with its length in words', () => {
    expect(table.at(['no', 'idea', 'really'], 0)).toEqual({ value: null, length: 2 });
    expect(table.at(['no', 'fever'], 0)).toEqual({ value: false, length: 1 });
    expect(table.at(['mujhe', 'pata', 'nahi'], 1)).toEqual({ value: null, length: 2 });
    expect(table.at(['well', 'no'], 0)).toBeNull();
    expect(table.at(['no'], 1)).toBeNull();
  });

  it('knows its longest phrase, and whether exactly n words are one', () => {
    expect(table.longest).toBe(2);
    expect(table.isPhrase(['pata', 'nahi', 'hai'], 0, 2)).toBe(true);
    expect(table.isPhrase(['pata', 'nahi', 'hai'], 0, 3)).toBe(false);
    expect(new PhraseTable(new Map()).longest).toBe(1);
  });
});
