import { loadConfig } from '../../src/config';
import { editDistance } from '../../src/beds/edit-distance';
import { Gazetteer } from '../../src/beds/gazetteer';

const gazetteer = new Gazetteer(loadConfig({ DATA_DIR: '/tmp/sahay-gazetteer-test' }).beds.places);
const match = (text: string) => gazetteer.match(text)?.place.id ?? null;

describe('Gazetteer.match: what patients type', () => {
  it.each([
    ['Kolkata', 'kolkata'],
    ['কলকাতা', 'kolkata'],
    ['कोलकाता', 'kolkata'],
    ['kolkata', 'kolkata'],
    ['Calcutta', 'kolkata'],
    ['kolkatta', 'kolkata'],
    ['Kolktaa', 'kolkata'],
    ['কলকাতায়', 'kolkata'],
    ['beds in kolkata please', 'kolkata'],
    ['Raipur', 'raipur'],
    ['রায়পুর', 'raipur'],
    ['रायपुर', 'raipur'],
    ['रायपुर में', 'raipur'],
    ['raipur district', 'raipur'],
    ['Pune', 'pune'],
    ['पुणे', 'pune'],
    ['Poona', 'pune'],
    ['pimpri', 'pimpri-chinchwad'],
    ['উত্তর ২৪ পরগনা', 'north-24-parganas'],
    ['north 24 parganas', 'north-24-parganas'],
    ['Howrah', 'howrah'],
    ['হাওড়া', 'howrah'],
    ['Bhilai', 'bhilai'],
    ['Durg', 'durg'],
  ])('%s → %s', (text, id) => {
    expect(match(text)).toBe(id);
  });

  it('takes a short name one edit away only when its first letter is kept', () => {
    expect(match('Suri')).toBe('birbhum');
    expect(match('Drug')).toBe('durg');
    // Puri (Odisha) is not in the gazetteer: not a typo of Suri, which would answer for Birbhum.
    expect(match('Puri')).toBeNull();
  });

  it('finds nothing in words that are not places', () => {
    for (const text of ['yes', 'hello', 'oxygen bed', '১', 'help me', '']) expect(match(text)).toBeNull();
  });

  it('prefers the exact name to a close one ("Raigarh" is not Raipur)', () => {
    expect(match('Raigarh')).toBe('raigarh');
    expect(match('Bijapur')).toBe('bijapur');
    expect(match('Bilaspur')).toBe('bilaspur');
  });
});

describe('Gazetteer.exact: what feeds write', () => {
  it('files known spellings under the district, and guesses nothing', () => {
    expect(gazetteer.exact('North 24 Pgs', { kind: 'district' })?.id).toBe('north-24-parganas');
    expect(gazetteer.exact('RAIPUR', { kind: 'district', regionId: 'chhattisgarh' })?.id).toBe('raipur');
    expect(gazetteer.exact('Purba Mednipur', { kind: 'district' })?.id).toBe('purba-medinipur');
    expect(gazetteer.exact('KAWARDHA', { kind: 'district' })?.id).toBe('kabirdham');
    expect(gazetteer.exact('Kolkatta', { kind: 'district' })?.id).toBe('kolkata');
    expect(gazetteer.exact('Kolktaa', { kind: 'district' })).toBeUndefined();
    expect(gazetteer.exact('RAIPUR', { kind: 'district', regionId: 'west-bengal' })).toBeUndefined();
  });

  it('knows the regions by name and alias', () => {
    expect(gazetteer.regionNamed('West Bengal')?.helplines).toBe('in_wb');
    expect(gazetteer.regionNamed('Chhattisgarh')?.helplines).toBe('in_ct');
    expect(gazetteer.regionNamed('WB')?.id).toBe('west-bengal');
  });
});

describe('Gazetteer.pincodePlace', () => {
  it('takes the longest known prefix', () => {
    expect(gazetteer.pincodePlace('700020')?.id).toBe('kolkata');
    expect(gazetteer.pincodePlace('492001')?.id).toBe('raipur');
    expect(gazetteer.pincodePlace('411005')?.id).toBe('pune');
    expect(gazetteer.pincodePlace('721302')?.id).toBe('paschim-medinipur');
    expect(gazetteer.pincodePlace('721636')?.id).toBe('purba-medinipur');
    expect(gazetteer.pincodePlace('495677')?.id).toBe('korba');
    expect(gazetteer.pincodePlace('110001')).toBeUndefined();
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit, on code points', () => {
    expect(editDistance('kolkata', 'kolkata')).toBe(0);
    expect(editDistance('kolktaa', 'kolkata')).toBe(1);
    expect(editDistance('raipur', 'raypur')).toBe(1);
    expect(editDistance('কলকাতা', 'কলকাত')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('gives up early beyond the limit', () => {
    expect(editDistance('kolkata', 'bilaspur', 2)).toBe(3);
  });
});
