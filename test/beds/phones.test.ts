import { dialable, dialablePhones, extractPhones } from '../../src/beds/phones';

describe('extractPhones', () => {
  it.each([
    ['Dr. Indra Kumar Chandrakar 9826105264', ['9826105264']],
    ['020-29525922 /', ['020-29525922']],
    ['02024448884, 8446650687', ['02024448884', '8446650687']],
    ['9765078515/8484083184', ['9765078515', '8484083184']],
    ['Dr Deepak Mirre 94063 5363', ['94063 5363']],
    ['9826105264 9981079993', ['9826105264', '9981079993']],
    ['+91 (33) 2476-5101 or 108', ['+91 (33) 2476-5101']],
    ['na', []],
    ['0', []],
    ['No Data Available', []],
    ['9826105264, 9826105264', ['9826105264']],
  ])('%s', (cell, expected) => {
    expect(extractPhones(cell)).toEqual(expected);
  });
});

describe('dialable: only numbers a patient can dial from a mobile', () => {
  const PUNE = { code: '020', digits: 8 };
  it.each([
    // Kept as written: mobiles, numbers with their 0 or +91, toll-free.
    ['9826105264', undefined, '9826105264'],
    ['020-29525922', PUNE, '020-29525922'],
    ['02024448884', undefined, '02024448884'],
    ['+91 (33) 2476-5101', undefined, '+91 (33) 2476-5101'],
    ['+91 98186 46489', undefined, '+91 98186 46489'],
    ['919826105264', undefined, '+919826105264'],
    ['1800-313-444-222', undefined, '1800-313-444-222'],
    // A Pune landline without its 020 (Pune.csv, Sharad Hospital), and one that lost its 0 (Pune.csv, PCMC).
    ['24350286', PUNE, '020-24350286'],
    ['2027120049', PUNE, '02027120049'],
    // A local number whose code is not known for sure: cannot be dialled from a mobile.
    ['24350286', undefined, null],
    ['2890004', PUNE, null],
    // A mobile with a digit lost (Chhattisgarh.csv: Balod, Bemetara, Surajpur), or 0 and 9 digits (Raigarh, Raipur).
    ['942414772', undefined, null],
    ['94063 5363', undefined, null],
    ['700759268', undefined, null],
    ['0798763243', undefined, null],
    ['0771227439', { code: '0771', digits: 7 }, null],
    ['+91 98186 4648', undefined, null],
  ])('%s → %s', (phone, std, expected) => {
    expect(dialable(phone, std)).toBe(expected);
  });

  it('a list: the dialable ones, each once', () => {
    expect(dialablePhones(['942414772', '24350286', '020-24350286', '8446650687'], PUNE)).toEqual(['020-24350286', '8446650687']);
  });
});
