/**
 * What a hospital has free, from its counts: no kind more than the hospital has free in all,
 * and Chhattisgarh's ventilators (machines in ICU and HDU beds) no more than its free ICU and
 * HDU beds. Figures from shared/data/beds/Chhattisgarh.csv (1 May 2021).
 */
import type { BedCount, Hospital } from '../../src/storage/repositories';
import { vacancyOf } from '../../src/beds/vacancy';

const KINDS = ['general', 'oxygen', 'hdu', 'icu', 'ventilator'];
const CG = { within: { ventilator: ['icu', 'hdu'] } };
const T = Date.UTC(2021, 4, 1, 6, 0, 0);
const H = 3_600_000;

const count = (vacant: number, total: number, at: number | null = T): BedCount => ({ total, vacant, updatedAt: at, source: 'test' });
const hospital = (beds: Hospital['beds']): Hospital => ({
  id: 'h', name: 'h', names: {}, region: 'Chhattisgarh', district: 'Jashpur', city: null, pincode: null, address: null, phones: [], ownership: null, category: null, location: null, beds, createdAt: 0, updatedAt: 0,
});

// MCH Hospital Jashpur: every one of its 75 beds taken, ICU 0 of 9, "ventilators 3 of 3".
const mchJashpur = hospital({ general: count(0, 15), oxygen: count(0, 47), hdu: count(0, 4), icu: count(0, 9), ventilator: count(3, 3), all: count(0, 75) });
// Sanjivani Nursing Home Raigarh: 2 free of 20 (oxygen 1, ICU 1), "ventilators 3 of 3".
const sanjivani = hospital({ general: count(0, 0), oxygen: count(1, 14), hdu: count(0, 0), icu: count(1, 6), ventilator: count(3, 3), all: count(2, 20) });

describe('vacancyOf', () => {
  it('a hospital with every bed taken has no free ventilator', () => {
    expect(vacancyOf(mchJashpur, 'ventilator', KINDS)?.vacant).toBe(0);
    expect(vacancyOf(mchJashpur, 'ventilator', KINDS, undefined, CG)?.vacant).toBe(0);
    expect(vacancyOf(mchJashpur, 'any', KINDS, undefined, CG)).toMatchObject({ vacant: 0, byKind: [] });
  });

  it('no kind has more free than the hospital has free in all', () => {
    expect(vacancyOf(sanjivani, 'ventilator', KINDS)?.vacant).toBe(2);
  });

  it('Chhattisgarh: ventilators only as far as ICU and HDU beds are free, and not a bed of their own in "any"', () => {
    expect(vacancyOf(sanjivani, 'ventilator', KINDS, undefined, CG)?.vacant).toBe(1);
    expect(vacancyOf(sanjivani, 'any', KINDS, undefined, CG)).toMatchObject({
      vacant: 2,
      byKind: [
        { kind: 'oxygen', vacant: 1 },
        { kind: 'icu', vacant: 1 },
      ],
    });
    // A hospital that reports no ICU or HDU beds at all keeps its ventilator count.
    expect(vacancyOf(hospital({ ventilator: count(2, 4) }), 'ventilator', KINDS, undefined, CG)?.vacant).toBe(2);
  });

  it('an overall count older than the kind\'s does not cap it (a desk updated the ICU since)', () => {
    const h = hospital({ icu: count(4, 9, T + H), all: count(0, 75, T) });
    expect(vacancyOf(h, 'icu', KINDS)?.vacant).toBe(4);
    expect(vacancyOf(hospital({ icu: count(4, 9, T), all: count(1, 75, T + H) }), 'icu', KINDS)?.vacant).toBe(1);
    // A count of unknown time is older than one of known time.
    expect(vacancyOf(hospital({ icu: count(4, 9, null), all: count(1, 75, T) }), 'icu', KINDS)?.vacant).toBe(1);
    expect(vacancyOf(hospital({ icu: count(4, 9, T), all: count(1, 75, null) }), 'icu', KINDS)?.vacant).toBe(4);
  });

  it('"any" without an overall count sums the beds, not the machines', () => {
    const h = hospital({ oxygen: count(3, 10), icu: count(1, 4), ventilator: count(2, 2) });
    expect(vacancyOf(h, 'any', KINDS, undefined, CG)?.vacant).toBe(4);
    expect(vacancyOf(h, 'any', KINDS)?.vacant).toBe(6);
  });
});
