/** Fever across check-ins (src/followup/fever.ts): which readings show fever, and the days of a run of fever. */
import { feverDaysIfFever, feverOf } from '../../src/followup/fever';
import { loadFollowupConfig } from '../../src/followup/config';
import { localDay } from '../../src/followup/schedule';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths';

describe('feverOf', () => {
  it('is yes at 38 °C or when fever is named, no when measured below and not named, unknown without a reading', () => {
    expect(feverOf({ temperature: 38, symptoms: ['fever'] })).toBe(true);
    expect(feverOf({ temperature: 37.2, symptoms: ['fever', 'cough'] })).toBe(true);
    expect(feverOf({ temperature: null, symptoms: ['fever'] })).toBe(true);
    expect(feverOf({ temperature: 37.9, symptoms: [] })).toBe(false);
    expect(feverOf({ temperature: null, symptoms: ['cough'] })).toBeNull();
    expect(feverOf(null)).toBeNull();
  });
});

describe('feverDaysIfFever', () => {
  const day = (d: number, fever: boolean | null) => ({ day: d, fever });

  it('counts a run of fever back through the check-ins and into the fever known at enrolment', () => {
    // Two days of fever at the symptom check on day 0: a fever on day 1 is the third day, on day 2 the fourth.
    expect(feverDaysIfFever([], { day: 0, days: 2 }, 1)).toBe(3);
    expect(feverDaysIfFever([day(1, true)], { day: 0, days: 2 }, 2)).toBe(4);
    // No fever at enrolment: the run starts at the first check-in with fever.
    expect(feverDaysIfFever([day(1, true), day(2, true), day(3, true)], { day: 0, days: 0 }, 4)).toBe(4);
    expect(feverDaysIfFever([], null, 5)).toBe(1);
  });

  it('a day without fever ends the run; a day not known (missed, no thermometer) is bridged', () => {
    expect(feverDaysIfFever([day(1, true), day(2, false), day(3, true)], { day: 0, days: 3 }, 4)).toBe(2);
    expect(feverDaysIfFever([day(1, true), day(2, false)], { day: 0, days: 3 }, 3)).toBe(1);
    expect(feverDaysIfFever([day(1, true), day(2, null), day(3, null)], null, 4)).toBe(4);
    // Nothing known since enrolment: the fever then is taken to go on.
    expect(feverDaysIfFever([day(1, null)], { day: 0, days: 1 }, 2)).toBe(3);
  });

  it('never counts more than the 60 days a case may hold', () => {
    expect(feverDaysIfFever([], { day: 0, days: 60 }, 10)).toBe(60);
  });

  it('counts days on the patient\'s own clock', () => {
    // 23:30 and 00:30 in Kolkata are two days; the same instants are one day in Riyadh (21:00, 22:00).
    const a = Date.UTC(2021, 4, 1, 18, 0);
    const b = Date.UTC(2021, 4, 1, 19, 0);
    expect(localDay(b, 'Asia/Kolkata') - localDay(a, 'Asia/Kolkata')).toBe(1);
    expect(localDay(b, 'Asia/Riyadh') - localDay(a, 'Asia/Riyadh')).toBe(0);
  });
});

it('config/followup.yaml keeps fever_free_days and max_days, and refuses a max_days shorter than days', () => {
  const problems: string[] = [];
  const config = loadFollowupConfig(join(projectRoot, 'config'), problems);
  expect(problems).toEqual([]);
  expect(config).toMatchObject({ days: 7, feverFreeDays: 3, maxDays: 14 });
  const dir = mkdtempSync(join(tmpdir(), 'sahay-followup-fever-'));
  try {
    writeFileSync(join(dir, 'followup.yaml'), readFileSync(join(projectRoot, 'config/followup.yaml'), 'utf8').replace('max_days: 14', 'max_days: 5'));
    const short: string[] = [];
    loadFollowupConfig(dir, short);
    expect(short).toEqual([`${join(dir, 'followup.yaml')}: max_days: must be at least days (7)`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
