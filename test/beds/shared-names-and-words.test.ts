/**
 * The pieces behind the bed search's rough edges (chat-rough-edges.test.ts drives the flow):
 * a name that two districts share, read as both; words.yaml's wards and "near me", as whole words.
 */
import { loadConfig } from '../../src/config';
import { Gazetteer } from '../../src/beds/gazetteer';
import { saysPhrase } from '../../src/beds/phrase-in-text';
import { wardIn } from '../../src/beds/ward-in-text';
import { DATED_AFTER_MS, updatedWhen } from '../../src/beds/relative-time';

const config = loadConfig({ DATA_DIR: '/tmp/sahay-shared-names-test' });
const gazetteer = new Gazetteer(config.beds.places);
const ids = (text: string) => gazetteer.choices(text).map((p) => p.id).sort();

describe('a name two districts share', () => {
  it.each([
    ['dinajpur', ['dakshin-dinajpur', 'uttar-dinajpur']],
    ['Dinajpur district', ['dakshin-dinajpur', 'uttar-dinajpur']],
    ['24 parganas', ['north-24-parganas', 'south-24-parganas']],
    ['24 pargana', ['north-24-parganas', 'south-24-parganas']],
    ['২৪ পরগনা', ['north-24-parganas', 'south-24-parganas']],
    ['24 परगना', ['north-24-parganas', 'south-24-parganas']],
  ])('%s: both', (text, expected) => expect(ids(text)).toEqual(expected));

  it('a part of one district\'s names only, or of none, is not a choice (as before)', () => {
    expect(ids('sadar')).toEqual([]);
    expect(ids('lake')).toEqual([]);
    expect(ids('24')).toEqual([]);
    expect(gazetteer.match('dinajpur')).toBeNull();
    // Whole names are found as before.
    expect(ids('Uttar Dinajpur')).toEqual(['uttar-dinajpur']);
    expect(ids('Medinipur')).toEqual(['paschim-medinipur']);
  });
});

describe('words.yaml', () => {
  const wards = config.beds.wards;
  it.each([
    ['महिला वार्ड में ऑक्सीजन बेड', 'female'],
    ['Mahila ward', 'female'],
    ["women's ward", 'female'],
    ['ladies ward please', 'female'],
    ['মহিলা ওয়ার্ড', 'female'],
    ['purush ward', 'male'],
    ['male and female wards', null],
    ['ICU bed', null],
    ['a man with fever', null],
  ])('%s: %s', (text, ward) => expect(wardIn(text, wards)).toBe(ward));

  it('"near me" as whole words only', () => {
    expect(saysPhrase('hospital near me', config.beds.nearMe)).toBe(true);
    expect(saysPhrase('আমার কাছে', config.beds.nearMe)).toBe(true);
    expect(saysPhrase('मेरे पास', config.beds.nearMe)).toBe(true);
    expect(saysPhrase('nearmedical college', config.beds.nearMe)).toBe(false);
  });
});

describe('when a count was true', () => {
  const at = Date.UTC(2021, 4, 1, 8, 0);
  it('fresh: "N h ago"; from three days: the date, in India\'s calendar day, in the patient\'s language', () => {
    expect(updatedWhen(at + 3 * 3_600_000, at, 'en')).toEqual({ ago: { key: 'beds.ago.hours', params: { count: 3 } } });
    expect(updatedWhen(at + DATED_AFTER_MS - 1, at, 'en')).toEqual({ ago: { key: 'beds.ago.days', params: { count: 2 } } });
    expect(updatedWhen(at + DATED_AFTER_MS, at, 'en')).toEqual({ date: '1 May 2021' });
    expect(updatedWhen(at + DATED_AFTER_MS, at, 'bn')).toEqual({ date: '১ মে, ২০২১' });
    expect(updatedWhen(at + DATED_AFTER_MS, at, 'hi')).toEqual({ date: '1 मई 2021' });
    // 20:00 UTC on 1 May is 2 May in India, where the dashboards' clocks were.
    expect(updatedWhen(Date.UTC(2026, 0, 1), Date.UTC(2021, 4, 1, 20, 0), 'en')).toEqual({ date: '2 May 2021' });
  });
});
