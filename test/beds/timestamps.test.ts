import { isTimestampFormat, parseTimestamp } from '../../src/beds/timestamps';

const IST = 'Asia/Kolkata';
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('parseTimestamp', () => {
  it.each([
    ['01/05/2021 10:04', ['DD/MM/YYYY HH:mm'], '2021-05-01T04:34:00.000Z'],
    ['01 May 2021', ['D MMM YYYY'], '2021-04-30T18:30:00.000Z'],
    ['2 May 2021, 500PM', ['D MMM YYYY, hmmA'], '2021-05-02T11:30:00.000Z'],
    ['2 May 2021, 1215AM', ['D MMM YYYY, hmmA'], '2021-05-01T18:45:00.000Z'],
    ['2 may 2021, 12:05 pm', ['D MMM YYYY, h:mm A'], '2021-05-02T06:35:00.000Z'],
    ['2021-04-30T03:38:35Z', ['iso'], '2021-04-30T03:38:35.000Z'],
    ['2021-04-30T09:08:35+05:30', ['iso'], '2021-04-30T03:38:35.000Z'],
    ['2021-04-30 09:08', ['iso'], '2021-04-30T03:38:00.000Z'],
    ['25.04.2021', ['DD.MM.YYYY'], '2021-04-24T18:30:00.000Z'],
    ['1 September 2021', ['D MMMM YYYY'], '2021-08-31T18:30:00.000Z'],
  ])('%s with %j', (value, formats, expected) => {
    expect(iso(parseTimestamp(value, formats, IST))).toBe(expected);
  });

  it('tries the formats in order', () => {
    const formats = ['DD/MM/YYYY HH:mm', 'D MMM YYYY', 'iso'];
    expect(iso(parseTimestamp('30/04/2021 13:51', formats, IST))).toBe('2021-04-30T08:21:00.000Z');
    expect(iso(parseTimestamp('01 May 2021', formats, IST))).toBe('2021-04-30T18:30:00.000Z');
    expect(iso(parseTimestamp('2021-05-01T05:24:05Z', formats, IST))).toBe('2021-05-01T05:24:05.000Z');
  });

  it('uses the given time zone for times without one (Dhaka is UTC+6)', () => {
    expect(iso(parseTimestamp('01/05/2021 10:00', ['DD/MM/YYYY HH:mm'], 'Asia/Dhaka'))).toBe('2021-05-01T04:00:00.000Z');
  });

  it('refuses dates that do not exist and text that does not fit', () => {
    expect(parseTimestamp('31/02/2021 10:00', ['DD/MM/YYYY HH:mm'], IST)).toBeNull();
    expect(parseTimestamp('01/13/2021 10:00', ['DD/MM/YYYY HH:mm'], IST)).toBeNull();
    expect(parseTimestamp('01/05/2021 24:10', ['DD/MM/YYYY HH:mm'], IST)).toBeNull();
    expect(parseTimestamp('2 May 2021, 1300PM', ['D MMM YYYY, hmmA'], IST)).toBeNull();
    expect(parseTimestamp('Not Updated', ['DD/MM/YYYY HH:mm', 'iso'], IST)).toBeNull();
    expect(parseTimestamp('yesterday', ['iso'], IST)).toBeNull();
  });

  it('knows which formats it can read', () => {
    expect(isTimestampFormat('DD/MM/YYYY HH:mm')).toBe(true);
    expect(isTimestampFormat('iso')).toBe(true);
    expect(isTimestampFormat('HH:mm')).toBe(false);
  });
});
